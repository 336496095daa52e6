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
import java.time.Duration;
import java.time.Instant;
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
        assertEquals("keys", calls.call(TENANT, OPERATION, () -> "keys"));
    }

    @Test
    void callWhenAuth0AnswersWithAnErrorOfItsOwnThenIdpExceptionAndTheBreakerStaysClosed() {
        for (int i = 0; i < CircuitBreaker.FAILURES + 1; i++) {
            IdpException e = assertThrows(IdpException.class, () -> calls.call(TENANT, OPERATION,
                    thrower(new Auth0ErrorAnswer(403, new ErrorResponse("invalid_grant", null, null, null), null))));
            assertEquals("invalid_grant", e.code());
        }

        assertEquals("up", calls.call(TENANT, OPERATION, () -> "up"));
    }

    @Test
    void callWhenBare401ThenInvalidToken() {
        IdpException e = assertThrows(IdpException.class,
                () -> calls.call(TENANT, OPERATION, thrower(new Auth0ErrorAnswer(401, null, null))));

        assertEquals("invalid_token", e.code());
    }

    @Test
    void callOrErrorAnswerWhenAuth0AnswersWithAnErrorThenTheAnswerAsItCame() {
        Auth0ErrorAnswer answer = new Auth0ErrorAnswer(403, null, null);

        assertSame(answer, assertThrows(Auth0ErrorAnswer.class,
                () -> calls.callOrErrorAnswer(TENANT, OPERATION, thrower(answer))));
        // Wrapped by the client, it is still Auth0's answer, not a transport failure.
        assertSame(answer, assertThrows(Auth0ErrorAnswer.class,
                () -> calls.callOrErrorAnswer(TENANT, OPERATION, thrower(new ProcessingException(answer)))));
    }

    @Test
    void sec35WhenServerErrorsOrNoAnswerFiveTimesInARowThenTheTenantIsRefusedWithoutACall() {
        for (int i = 0; i < CircuitBreaker.FAILURES; i++) {
            Supplier<String> failing = i % 2 == 0 ? thrower(new Auth0ErrorAnswer(502, null, null))
                    : thrower(new ProcessingException(new ConnectException("Connection refused")));
            assertThrows(IdpException.class, () -> calls.call(TENANT, OPERATION, failing));
        }

        IdpException refused = assertThrows(IdpException.class,
                () -> calls.call(TENANT, OPERATION, () -> {
                    throw new AssertionError("no call while the breaker is open");
                }));

        assertEquals(ErrorCodes.IDP_UNAVAILABLE, refused.code());
        assertEquals(CircuitBreaker.OPEN_FOR, refused.retryAfter().orElseThrow());
        assertDoesNotThrow(() -> calls.call("other.example.com", OPERATION, () -> "other tenant"));
    }

    @Test
    void sec35WhenACallIsNeverSentThenItCountsForNothing() {
        for (int i = 0; i < CircuitBreaker.FAILURES; i++) {
            assertThrows(IdpException.class, () -> calls.call(TENANT, OPERATION,
                    thrower(IdpException.notSent(ErrorCodes.IDP_BUSY, "not sent", null))));
        }

        assertEquals("sent", calls.call(TENANT, OPERATION, () -> "sent"));
    }

    @Test
    void callWhenTheClientThrowsSomethingUnexpectedThenBadResponse() {
        IdpException e = assertThrows(IdpException.class,
                () -> calls.call(TENANT, OPERATION, thrower(new IllegalStateException("unexpected"))));

        assertEquals(ErrorCodes.IDP_BAD_RESPONSE, e.code());
        assertEquals("Auth0 answered " + OPERATION + " with an answer that could not be read", e.getMessage());
    }

    @Test
    void callWhenClosedThenRefusedAsNotSent() {
        calls.close();

        IdpException e = assertThrows(IdpException.class, () -> calls.call(TENANT, OPERATION, () -> "late"));

        assertEquals(ErrorCodes.IDP_BUSY, e.code());
        assertTrue(e.isNotSent());
    }

    private static <T> Supplier<T> thrower(RuntimeException failure) {
        return () -> {
            throw failure;
        };
    }
}
