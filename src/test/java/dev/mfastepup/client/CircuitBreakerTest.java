package dev.mfastepup.client;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mfastepup.ErrorCodes;
import dev.mfastepup.MutableClock;
import dev.mfastepup.config.StepUpLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SEC-35: the circuit breaker in front of each Auth0 tenant. */
class CircuitBreakerTest {

    private static final String TENANT = "tenant.example.com";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T10:00:00Z"));
    private final CircuitBreaker breaker = new CircuitBreaker(clock);

    @Test
    void sec35FourFailuresAndAnAnswerKeepItClosed() {
        fail(4);
        breaker.permit(TENANT, "call").answered();
        fail(4);

        assertDoesNotThrow(() -> breaker.permit(TENANT, "call"));
    }

    @Test
    void sec35FiveFailuresInARowOpenItForThirtySecondsForThatTenantOnly() {
        fail(5);

        IdpException refused = assertThrows(IdpException.class, () -> breaker.permit(TENANT, "POST /mfa/challenge"));

        assertEquals(ErrorCodes.IDP_UNAVAILABLE, refused.code());
        assertEquals(CircuitBreaker.OPEN_FOR, refused.retryAfter().orElseThrow());
        assertDoesNotThrow(() -> breaker.permit("other.example.com", "call"));
        clock.advance(Duration.ofSeconds(20));
        assertEquals(Duration.ofSeconds(10), assertThrows(IdpException.class,
                () -> breaker.permit(TENANT, "call")).retryAfter().orElseThrow());
    }

    @Test
    void sec35AfterThirtySecondsOneTrialGoesThroughAndItsAnswerClosesIt() {
        fail(5);
        clock.advance(CircuitBreaker.OPEN_FOR);

        CircuitBreaker.Permit trial = breaker.permit(TENANT, "call");
        assertThrows(IdpException.class, () -> breaker.permit(TENANT, "call"), "one trial at a time");
        trial.answered();

        assertDoesNotThrow(() -> breaker.permit(TENANT, "call"));
        fail(4);
        assertDoesNotThrow(() -> breaker.permit(TENANT, "call"), "the count started again");
    }

    @Test
    void sec35AFailedTrialOpensItAgain() {
        fail(5);
        clock.advance(CircuitBreaker.OPEN_FOR);

        breaker.permit(TENANT, "call").failed();

        assertEquals(CircuitBreaker.OPEN_FOR, assertThrows(IdpException.class,
                () -> breaker.permit(TENANT, "call")).retryAfter().orElseThrow());
    }

    @Test
    void sec35ATrialThatWasNeverMadeLetsTheNextCallTry() {
        fail(5);
        clock.advance(CircuitBreaker.OPEN_FOR);

        breaker.permit(TENANT, "call").notMade();

        assertDoesNotThrow(() -> breaker.permit(TENANT, "call"));
    }

    @Test
    void itsStateIsClosedThenOpenThenHalfOpenForItsTrialThenClosedAgain() {
        assertEquals(Map.of(), breaker.states(), "no tenant called yet");
        breaker.permit("other.example.com", "call").answered();
        fail(4);
        assertEquals(Map.of(TENANT, "closed", "other.example.com", "closed"), breaker.states());

        fail(1);
        assertEquals("open", breaker.states().get(TENANT));
        clock.advance(CircuitBreaker.OPEN_FOR);
        assertEquals("half-open", breaker.states().get(TENANT), "its time is up: the next call is the trial");
        CircuitBreaker.Permit trial = breaker.permit(TENANT, "call");
        assertEquals("half-open", breaker.states().get(TENANT), "the trial is in flight");
        trial.answered();

        assertEquals("closed", breaker.states().get(TENANT));
        assertEquals("closed", breaker.states().get("other.example.com"));
    }

    private void fail(int times) {
        for (int i = 0; i < times; i++) {
            breaker.permit(TENANT, "call").failed();
        }
    }


    @Test
    void sec35ConfiguredFailuresAndPauseAreObeyed() {
        CircuitBreaker configured = new CircuitBreaker(clock, new StepUpLimits(5, 10, Duration.ofMinutes(15),
                Duration.ofSeconds(30), Duration.ofHours(1), 100, 3, 10, Duration.ofHours(1), Duration.ofSeconds(30),
                2, Duration.ofSeconds(7)));

        configured.permit(TENANT, "call").failed();
        assertDoesNotThrow(() -> configured.permit(TENANT, "call").failed(), "one failure keeps it closed");

        IdpException refused = assertThrows(IdpException.class, () -> configured.permit(TENANT, "call"));
        assertEquals(Duration.ofSeconds(7), refused.retryAfter().orElseThrow());
        assertTrue(refused.getMessage().contains("failed 2 times in a row"), refused.getMessage());
        clock.advance(Duration.ofSeconds(7));
        assertDoesNotThrow(() -> configured.permit(TENANT, "call"), "the trial after 7 s");
    }
}
