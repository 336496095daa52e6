package dev.mfastepup.service;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mfastepup.AttemptsLockedException;
import dev.mfastepup.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The wrong-code limits where counts are taken back (an attempt Auth0 did not judge, a user locked meanwhile by
 * another server) and where a large store lets go of old counts: what is left in the store afterwards.
 */
class AttemptLimiterEdgesTest {

    private static final String DOMAIN = "tenant.example.com";
    private static final String ALICE = "auth0|alice";
    private static final String ALICE_KEY = DOMAIN + '\n' + ALICE;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
    private final WatchedCountStore store = new WatchedCountStore();
    private final AttemptLimiter limiter = new AttemptLimiter(clock, store);

    @Test
    void whenAnotherServerLocksTheUserWhileCountingThenOnlyThisAttemptIsGivenBackToTheFlow() {
        limiter.begin(DOMAIN, ALICE, "flow");
        limiter.begin(DOMAIN, ALICE, "flow");
        store.beforeNextUpdateOf("attempts-user", () -> limiter.lock(DOMAIN, ALICE, Duration.ofMinutes(1)));

        assertThrows(AttemptsLockedException.class, () -> limiter.begin(DOMAIN, ALICE, "flow"));

        // The flow had two wrong codes before: three are left, whoever types them.
        for (int i = 3; i <= AttemptLimiter.FLOW_FAILURES; i++) {
            assertDoesNotThrow(() -> limiter.begin(DOMAIN, "auth0|bob", "flow"));
        }
        assertThrows(AttemptLimiter.FlowExhaustedException.class, () -> limiter.begin(DOMAIN, "auth0|bob", "flow"));
    }

    @Test
    void whenAnotherServerLocksTheUserBeforeAFlowsFirstAttemptThenTheFlowLeavesNoCountBehind() {
        store.beforeNextUpdateOf("attempts-user", () -> limiter.lock(DOMAIN, ALICE, Duration.ofMinutes(1)));

        assertThrows(AttemptsLockedException.class, () -> limiter.begin(DOMAIN, ALICE, "flow"));

        assertFalse(store.holds("attempts-flow", "flow"));
    }

    @Test
    void anAbandonedFirstAttemptLeavesNoCountOfUserOrFlowBehind() {
        limiter.begin(DOMAIN, ALICE, "flow").abandoned();

        assertFalse(store.holds("attempts-user", ALICE_KEY));
        assertFalse(store.holds("attempts-flow", "flow"));
    }

    @Test
    void anAbandonedAttemptBelowTheThresholdTakesBackExactlyOneWrongCode() {
        for (int i = 1; i <= 8; i++) {
            limiter.begin(DOMAIN, ALICE, "flow-" + i);
        }
        limiter.begin(DOMAIN, ALICE, "flow-9").abandoned();

        assertDoesNotThrow(() -> limiter.begin(DOMAIN, ALICE, "the-ninth"));
        assertDoesNotThrow(() -> limiter.begin(DOMAIN, ALICE, "the-tenth"));
        assertEquals(AttemptLimiter.FIRST_LOCK,
                assertThrows(AttemptsLockedException.class, () -> limiter.begin(DOMAIN, ALICE, "x")).retryAfter());
    }

    @Test
    void aLargeStoreLetsGoOfUsersAQuietWindowForgaveAndOfFlowsADayOldButNotOfYoungerFlows() {
        for (int i = 0; i <= MemoryCountStore.SWEEP_ABOVE; i++) {
            limiter.begin(DOMAIN, "auth0|user-" + i, "flow-of-" + i);
        }
        clock.advance(Duration.ofSeconds(1));
        limiter.begin(DOMAIN, "auth0|young", "young-flow");
        clock.advance(Duration.ofDays(1).minusSeconds(1));

        limiter.begin(DOMAIN, "auth0|late", "late-flow");

        assertFalse(store.holds("attempts-user", DOMAIN + "\nauth0|user-0"));
        assertFalse(store.holds("attempts-flow", "flow-of-0"), "exactly a day old");
        assertFalse(store.holds("attempts-flow", "flow-of-" + MemoryCountStore.SWEEP_ABOVE));
        assertTrue(store.holds("attempts-flow", "young-flow"), "a second less than a day old");
        assertTrue(store.holds("attempts-flow", "late-flow"));
    }
}
