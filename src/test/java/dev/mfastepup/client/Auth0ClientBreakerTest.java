package dev.mfastepup.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static dev.mfastepup.TestConfigs.DOMAIN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.mfastepup.Auth0Stubs;
import dev.mfastepup.MutableClock;
import dev.mfastepup.config.StepUpLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SEC-35: what the circuit breaker counts. Five failures in a row open it: a 500 (the lowest fault status) and a
 * connection that breaks count; an answer of Auth0's own, a success or a 4xx, proves it is up and starts the count
 * again. Counted at the stub: a call the open breaker refuses never reaches it.
 */
class Auth0ClientBreakerTest {

    @RegisterExtension
    static WireMockExtension auth0 = Auth0Stubs.server();

    private static final String RAW = ClientCalls.RAW;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T08:00:00Z"));
    private Auth0Client client;

    @BeforeEach
    void setUp() {
        client = new Auth0Client(ClientConfigs.patient(auth0.baseUrl()), Executors.defaultThreadFactory(), clock);
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    private void calls(int count, ResponseDefinitionBuilder answer) {
        auth0.stubFor(post("/oauth/token").willReturn(answer));
        for (int i = 0; i < count; i++) {
            try {
                client.verifyOtp(DOMAIN, RAW, "123456");
            } catch (IdpException expected) {
                // the outcome of each call is not the point here; what reaches the stub is
            }
        }
    }

    private static ResponseDefinitionBuilder status(int status) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"some_error\"}");
    }

    private IdpException lastCall() {
        return assertThrows(IdpException.class, () -> client.verifyOtp(DOMAIN, RAW, "123456"));
    }

    @Test
    void fiveAnswersOf500OpenTheBreaker() {
        calls(CircuitBreaker.FAILURES, status(500));

        assertTrue(lastCall().isNotSent());
        auth0.verify(CircuitBreaker.FAILURES, anyRequestedFor(anyUrl()));
    }

    @Test
    void fiveBrokenConnectionsOpenTheBreaker() {
        calls(CircuitBreaker.FAILURES, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        assertTrue(lastCall().isNotSent());
        auth0.verify(CircuitBreaker.FAILURES, anyRequestedFor(anyUrl()));
    }

    @Test
    void aSuccessInBetweenStartsTheCountAgain() {
        calls(CircuitBreaker.FAILURES - 1, status(500));
        calls(1, okJson("{\"access_token\":\"at\",\"expires_in\":60}"));
        calls(CircuitBreaker.FAILURES - 1, status(500));

        assertFalse(lastCall().isNotSent(), "nine calls, never five failures in a row");
        auth0.verify(2 * CircuitBreaker.FAILURES, anyRequestedFor(anyUrl()));
    }

    @Test
    void anErrorAnswerOfAuth0sOwnInBetweenStartsTheCountAgain() {
        calls(CircuitBreaker.FAILURES - 1, status(500));
        calls(1, status(499));
        calls(CircuitBreaker.FAILURES - 1, status(503));

        assertFalse(lastCall().isNotSent(), "a 4xx is an answer");
        auth0.verify(2 * CircuitBreaker.FAILURES, anyRequestedFor(anyUrl()));
    }

    @Test
    void afterThePauseOneTrialCallGoesAndItsSuccessClosesTheBreaker() {
        calls(CircuitBreaker.FAILURES, status(500));
        clock.advance(CircuitBreaker.OPEN_FOR.plusSeconds(1));

        calls(1, okJson("{\"access_token\":\"at\",\"expires_in\":60}"));
        calls(CircuitBreaker.FAILURES - 1, status(500));

        assertFalse(lastCall().isNotSent(), "closed again: the count starts from the trial's success");
        auth0.verify(2 * CircuitBreaker.FAILURES + 1, anyRequestedFor(anyUrl()));
    }

    @Test
    void aSuccessfulTrialLeavesNoTrialBehindForTheNextTimeTheBreakerOpens() {
        calls(CircuitBreaker.FAILURES, status(500));
        clock.advance(CircuitBreaker.OPEN_FOR.plusSeconds(1));
        calls(1, okJson("{\"access_token\":\"at\",\"expires_in\":60}"));

        calls(CircuitBreaker.FAILURES, status(500));
        clock.advance(CircuitBreaker.OPEN_FOR.plusSeconds(1));
        calls(1, okJson("{\"access_token\":\"at\",\"expires_in\":60}"));

        auth0.verify(2 * CircuitBreaker.FAILURES + 2, anyRequestedFor(anyUrl()));
    }

    @Test
    void afterThePauseAFailedTrialOpensItAgainAtOnce() {
        calls(CircuitBreaker.FAILURES, status(500));
        clock.advance(CircuitBreaker.OPEN_FOR.plusSeconds(1));

        calls(1, status(502));

        IdpException refused = lastCall();
        assertTrue(refused.isNotSent());
        assertEquals(CircuitBreaker.OPEN_FOR, refused.retryAfter().orElseThrow());
        auth0.verify(CircuitBreaker.FAILURES + 1, anyRequestedFor(anyUrl()));

        // The failed trial is over: after the next pause, the next trial goes.
        clock.advance(CircuitBreaker.OPEN_FOR.plusSeconds(1));
        calls(1, okJson("{\"access_token\":\"at\",\"expires_in\":60}"));
        calls(1, okJson("{\"access_token\":\"at\",\"expires_in\":60}"));
        auth0.verify(CircuitBreaker.FAILURES + 3, anyRequestedFor(anyUrl()));
    }

    @Test
    void aClosedClientSendsNothing() {
        client.close();

        IdpException refused = lastCall();

        assertTrue(refused.isNotSent());
        assertEquals("The Auth0 client is closed; the mfa-otp grant was not sent", refused.getMessage());
        auth0.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void configuredLimitsReachTheBreakerTwoFailuresOpenItForSevenSeconds() {
        client.close();
        client = new Auth0Client(ClientConfigs.patient(auth0.baseUrl()), new StepUpLimits(5, 10,
                Duration.ofMinutes(15), Duration.ofSeconds(30), Duration.ofHours(1), 100, 3, 10, Duration.ofHours(1),
                Duration.ofSeconds(30), 2, Duration.ofSeconds(7)), Executors.defaultThreadFactory(), clock);

        calls(2, status(500));

        IdpException refused = lastCall();
        assertTrue(refused.isNotSent());
        assertEquals(Duration.ofSeconds(7), refused.retryAfter().orElseThrow());
        auth0.verify(2, anyRequestedFor(anyUrl()));
    }
}
