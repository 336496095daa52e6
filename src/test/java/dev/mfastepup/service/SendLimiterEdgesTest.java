package dev.mfastepup.service;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mfastepup.ErrorCodes;
import dev.mfastepup.MutableClock;
import dev.mfastepup.SendsLimitedException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The message limits where a send is taken back (also after its counts expired) and where a large store lets go
 * of old counts: what is left in the store afterwards.
 */
class SendLimiterEdgesTest {

    private static final String DOMAIN = "tenant.example.com";
    private static final String ALICE = "auth0|alice";
    private static final String ALICE_KEY = DOMAIN + '\n' + ALICE;
    private static final String PHONE = "sms:+4915123456789";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
    private final WatchedCountStore store = new WatchedCountStore();
    private final SendLimiter limiter = new SendLimiter(clock, store);

    @Test
    void aRefusedOnlySendLeavesNoCountOfUserOrFlowBehind() {
        limiter.begin(DOMAIN, ALICE, "flow", PHONE, false).refused();

        assertFalse(store.holds("sends-user", ALICE_KEY));
        assertFalse(store.holds("sends-flow", "flow"));
    }

    @Test
    void aRefusedFirstSendToANewPlaceAfterAnotherPlaceLeavesNoWaitForItAndGivesTheFlowItsMessageBack() {
        limiter.begin(DOMAIN, ALICE, "flow", "email:alice@example.com", false);
        limiter.begin(DOMAIN, ALICE, "flow", PHONE, true).refused();

        assertDoesNotThrow(() -> limiter.begin(DOMAIN, ALICE, "flow", PHONE, true), "nothing went to the phone");
        assertDoesNotThrow(() -> limiter.begin(DOMAIN, ALICE, "flow", "voice:+4915123456789", false));
        assertEquals(ErrorCodes.SEND_LIMIT_REACHED, assertThrows(SendsLimitedException.class,
                () -> limiter.begin(DOMAIN, ALICE, "flow", "another", false)).code(), "three went out");
    }

    @Test
    void aRefusalAfterTheCountsExpiredChangesNothingAndLeavesNothingBehind() {
        SendLimiter.Send send = limiter.begin(DOMAIN, ALICE, "flow", PHONE, false);
        store.expire("sends-user", ALICE_KEY);
        store.expire("sends-flow", "flow");

        assertDoesNotThrow(send::refused);

        assertFalse(store.holds("sends-user", ALICE_KEY));
        assertFalse(store.holds("sends-flow", "flow"));
    }

    @Test
    void aLargeStoreLetsGoOfAUserWhoseLastMessageIsExactlyAnHourOldButNotOfOneAtASecondLess() {
        limiter.begin(DOMAIN, "auth0|hour-old", "hour-old-flow", PHONE, false);
        clock.advance(Duration.ofSeconds(1));
        for (int i = 0; i <= MemoryCountStore.SWEEP_ABOVE; i++) {
            limiter.begin(DOMAIN, "auth0|user-" + i, "flow-of-" + i, PHONE, false);
        }
        clock.advance(SendLimiter.USER_WINDOW.minusSeconds(1));

        limiter.begin(DOMAIN, "auth0|late", "late-flow", PHONE, false);

        assertFalse(store.holds("sends-user", DOMAIN + "\nauth0|hour-old"));
        assertTrue(store.holds("sends-user", DOMAIN + "\nauth0|user-0"));
        assertTrue(store.holds("sends-user", DOMAIN + "\nauth0|late"));
    }

    @Test
    void aLargeStoreLetsGoOfFlowsADayOldButNotOfYoungerOnes() {
        for (int i = 0; i <= MemoryCountStore.SWEEP_ABOVE; i++) {
            limiter.begin(DOMAIN, "auth0|user-" + i, "flow-of-" + i, PHONE, false);
        }
        clock.advance(Duration.ofSeconds(1));
        limiter.begin(DOMAIN, "auth0|young", "young-flow", PHONE, false);
        clock.advance(Duration.ofDays(1).minusSeconds(1));

        limiter.begin(DOMAIN, "auth0|late", "late-flow", PHONE, false);

        assertFalse(store.holds("sends-flow", "flow-of-0"), "exactly a day old");
        assertTrue(store.holds("sends-flow", "young-flow"), "a second less than a day old");
        assertTrue(store.holds("sends-flow", "late-flow"));
    }
}
