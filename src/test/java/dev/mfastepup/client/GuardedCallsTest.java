package dev.mfastepup.client;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mfastepup.ErrorCodes;
import dev.mfastepup.MutableClock;
import dev.mfastepup.client.model.ErrorResponse;
import jakarta.ws.rs.ProcessingException;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SEC-35: what the breaker learns from each outcome of a call, and what comes out of it, apart from any HTTP. */
class GuardedCallsTest {

    private static final String TENANT = "tenant.example.com";
    private static final String OPERATION = "GET /mfa/authenticators";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T10:00:00Z"));
    private final GuardedCalls calls = new GuardedCalls(
            new IdpCallExecutor(Executors.defaultThreadFactory(), 2, Duration.ofSeconds(10)),
            new CircuitBreaker(clock));

    @AfterEach
    void tearDown() {
        calls.close();
    }

    @Test
    void callWhenAnsweredThenTheAnswer() {
        assertEquals("keys", call(TENANT, () -> "keys"));
    }

    @Test
    void callWhenAuth0AnswersWithAnErrorOfItsOwnThenIdpExceptionAndTheBreakerStaysClosed() {
        for (int i = 0; i < CircuitBreaker.FAILURES + 1; i++) {
            IdpException e = assertThrows(IdpException.class, () -> call(TENANT,
                    thrower(new Auth0ErrorAnswer(403, new ErrorResponse("invalid_grant", null, null, null), null))));
            assertEquals("invalid_grant", e.code());
        }

        assertEquals("up", call(TENANT, () -> "up"));
    }

    @Test
    void callWhenBare401ThenInvalidToken() {
        IdpException e = assertThrows(IdpException.class,
                () -> call(TENANT, thrower(new Auth0ErrorAnswer(401, null, null))));

        assertEquals("invalid_token", e.code());
    }

    @Test
    void callOrErrorAnswerWhenAuth0AnswersWithAnErrorThenTheAnswerAsItCame() {
        Auth0ErrorAnswer answer = new Auth0ErrorAnswer(403, null, null);

        assertSame(answer, assertThrows(Auth0ErrorAnswer.class,
                () -> callOrErrorAnswer(thrower(answer))));
        // Wrapped by the client, it is still Auth0's answer, not a transport failure.
        assertSame(answer, assertThrows(Auth0ErrorAnswer.class,
                () -> callOrErrorAnswer(thrower(new ProcessingException(answer)))));
    }

    @Test
    void sec35WhenServerErrorsOrNoAnswerFiveTimesInARowThenTheTenantIsRefusedWithoutACall() {
        for (int i = 0; i < CircuitBreaker.FAILURES; i++) {
            Supplier<String> failing = i % 2 == 0 ? thrower(new Auth0ErrorAnswer(502, null, null))
                    : thrower(new ProcessingException(new ConnectException("Connection refused")));
            assertThrows(IdpException.class, () -> call(TENANT, failing));
        }

        IdpException refused = assertThrows(IdpException.class,
                () -> call(TENANT, () -> {
                    throw new AssertionError("no call while the breaker is open");
                }));

        assertEquals(ErrorCodes.IDP_UNAVAILABLE, refused.code());
        assertEquals(CircuitBreaker.OPEN_FOR, refused.retryAfter().orElseThrow());
        assertDoesNotThrow(() -> call("other.example.com", () -> "other tenant"));
    }

    @Test
    void sec35WhenACallIsNeverSentThenItCountsForNothing() {
        for (int i = 0; i < CircuitBreaker.FAILURES; i++) {
            assertThrows(IdpException.class, () -> call(TENANT,
                    thrower(IdpException.notSent(ErrorCodes.IDP_BUSY, "not sent", null))));
        }

        assertEquals("sent", call(TENANT, () -> "sent"));
    }

    @Test
    void callWhenTheClientThrowsSomethingUnexpectedThenBadResponse() {
        IdpException e = assertThrows(IdpException.class,
                () -> call(TENANT, thrower(new IllegalStateException("unexpected"))));

        assertEquals(ErrorCodes.IDP_BAD_RESPONSE, e.code());
        assertEquals("Auth0 answered " + OPERATION + " with an answer that could not be read", e.getMessage());
    }

    @Test
    void callWhenClosedThenRefusedAsNotSent() {
        calls.close();

        IdpException e = assertThrows(IdpException.class, () -> call(TENANT, () -> "late"));

        assertEquals(ErrorCodes.IDP_BUSY, e.code());
        assertTrue(e.isNotSent());
    }

    @Test
    void theObserverSeesEachCallMadeAndHowItEndedInClosedSets() {
        List<String> seen = new ArrayList<>();
        GuardedCalls observed = observedCalls(seen);
        try {
            observed.call(TENANT, "GET", Auth0Call.AUTHENTICATORS, OPERATION, () -> "ok");
            for (ErrorResponse body : Arrays.asList(new ErrorResponse("invalid_grant", null, null, null),
                    new ErrorResponse("made_up_by_a_proxy", null, null, null), null)) {
                assertThrows(IdpException.class, () -> observed.call(TENANT, "POST", Auth0Call.CHALLENGE, OPERATION,
                        thrower(new Auth0ErrorAnswer(403, body, null))));
            }
            assertThrows(IdpException.class, () -> observed.call(TENANT, "GET", Auth0Call.KEY_SET, OPERATION,
                    thrower(new ProcessingException(new ConnectException("Connection refused")))));
        } finally {
            observed.close();
        }

        assertEquals(List.of(
                "GET /mfa/authenticators https://tenant.example.com/mfa/authenticators answered 200 null",
                "POST /mfa/challenge https://tenant.example.com/mfa/challenge answered 403 invalid_grant",
                "POST /mfa/challenge https://tenant.example.com/mfa/challenge answered 403 other",
                "POST /mfa/challenge https://tenant.example.com/mfa/challenge answered 403 none",
                "GET /.well-known/jwks.json https://tenant.example.com/.well-known/jwks.json failed 0 idp_unavailable"),
                seen);
    }

    @Test
    void theObserverDoesNotSeeACallTheBreakerRefused() {
        List<String> seen = new ArrayList<>();
        GuardedCalls observed = observedCalls(seen);
        try {
            for (int i = 0; i < CircuitBreaker.FAILURES; i++) {
                assertThrows(IdpException.class, () -> observed.call(TENANT, "GET", Auth0Call.AUTHENTICATORS,
                        OPERATION, thrower(new Auth0ErrorAnswer(503, null, null))));
            }
            seen.clear();

            assertThrows(IdpException.class, () -> observed.call(TENANT, "GET", Auth0Call.AUTHENTICATORS, OPERATION,
                    () -> "not sent"));
        } finally {
            observed.close();
        }

        assertEquals(List.of(), seen);
    }

    private GuardedCalls observedCalls(List<String> seen) {
        Auth0CallObserver observer = call -> new Auth0CallObserver.Observation() {
            @Override
            public void answered(int status, String auth0Error) {
                seen.add(call.method() + " " + call.route() + " " + call.url() + " answered " + status + " "
                        + auth0Error);
            }

            @Override
            public void failed(int status, String errorCode) {
                seen.add(call.method() + " " + call.route() + " " + call.url() + " failed " + status + " "
                        + errorCode);
            }
        };
        return new GuardedCalls(new IdpCallExecutor(Executors.defaultThreadFactory(), 2, Duration.ofSeconds(10)),
                new CircuitBreaker(clock), observer, domain -> URI.create("https://" + domain + "/"));
    }

    private <T> T call(String tenant, Supplier<T> call) {
        return calls.call(tenant, "GET", Auth0Call.AUTHENTICATORS, OPERATION, call);
    }

    private <T> T callOrErrorAnswer(Supplier<T> call) {
        return calls.callOrErrorAnswer(TENANT, "GET", Auth0Call.AUTHENTICATORS, OPERATION, call);
    }

    private static <T> Supplier<T> thrower(RuntimeException failure) {
        return () -> {
            throw failure;
        };
    }
}
