package dev.mfastepup.service;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mfastepup.ErrorCodes;
import dev.mfastepup.MutableClock;
import dev.mfastepup.SendsLimitedException;
import dev.mfastepup.config.StepUpLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** SEC-24 and SEC-25: this module's limits on SMS, calls, e-mails and pushes, per place, flow and user. */
class SendLimiterTest {

    private static final String DOMAIN = "tenant.example.com";
    private static final String ALICE = "auth0|alice";
    private static final String PHONE = "authenticator:sms|dev_1";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
    private final SendLimiter limiter = new SendLimiter(clock, store());

    /** The counts in this JVM; {@code SharedSendLimiterTest} runs every test again with the counts as a cluster shares them. */
    CountStore store() {
        return new MemoryCountStore();
    }

    @Test
    void sec24TwoMessagesToThePlaceTheFlowWaitsForAreThirtySecondsApart() {
        limiter.begin(DOMAIN, ALICE, "flow", PHONE, true);
        clock.advance(Duration.ofSeconds(10));

        SendsLimitedException tooSoon = assertThrows(SendsLimitedException.class,
                () -> limiter.begin(DOMAIN, ALICE, "flow", PHONE, true));

        assertEquals(ErrorCodes.RESEND_TOO_SOON, tooSoon.code());
        assertEquals(Duration.ofSeconds(20), tooSoon.retryAfter().orElseThrow());
        assertDoesNotThrow(() -> limiter.begin(DOMAIN, ALICE, "flow", "authenticator:email|dev_2", true),
                "another place is not the same phone woken twice");
        clock.advance(Duration.ofSeconds(20));
        assertDoesNotThrow(() -> limiter.begin(DOMAIN, ALICE, "flow", PHONE, true));
    }

    @Test
    void sec24SwitchingToAnotherPlaceAndBackIsNoResendAndOnlyCounts() {
        limiter.begin(DOMAIN, ALICE, "flow", PHONE, false);
        limiter.begin(DOMAIN, ALICE, "flow", "authenticator:voice|dev_2", false);

        assertDoesNotThrow(() -> limiter.begin(DOMAIN, ALICE, "flow", PHONE, false), "back to the first one");
        clock.advance(SendLimiter.SPACING);
        assertEquals(ErrorCodes.SEND_LIMIT_REACHED, assertThrows(SendsLimitedException.class,
                () -> limiter.begin(DOMAIN, ALICE, "flow", PHONE, true)).code(), "but the three are used up");
    }

    @Test
    void sec24AFlowGetsThreeMessagesWhateverTheWait() {
        for (int i = 0; i < 3; i++) {
            limiter.begin(DOMAIN, ALICE, "flow", PHONE, true);
            clock.advance(Duration.ofMinutes(1));
        }

        SendsLimitedException limited = assertThrows(SendsLimitedException.class,
                () -> limiter.begin(DOMAIN, ALICE, "flow", "authenticator:email|dev_2", true));

        assertEquals(ErrorCodes.SEND_LIMIT_REACHED, limited.code());
        assertTrue(limited.retryAfter().isEmpty(), "waiting does not give the flow more messages");
        assertDoesNotThrow(() -> limiter.begin(DOMAIN, ALICE, "next-flow", PHONE, true));
    }

    @Test
    void sec24AUserGetsTenMessagesAnHourAcrossFlows() {
        for (int i = 0; i < 10; i++) {
            limiter.begin(DOMAIN, ALICE, "flow-" + i, PHONE, true);
            clock.advance(Duration.ofMinutes(1));
        }

        SendsLimitedException limited = assertThrows(SendsLimitedException.class,
                () -> limiter.begin(DOMAIN, ALICE, "flow-10", PHONE, true));

        assertEquals(ErrorCodes.SEND_LIMIT_REACHED, limited.code());
        assertEquals(Duration.ofMinutes(50), limited.retryAfter().orElseThrow(), "until the first is an hour old");
        assertDoesNotThrow(() -> limiter.begin(DOMAIN, "auth0|bob", "bob-flow", "authenticator:sms|dev_9", true));
        clock.advance(Duration.ofMinutes(50));
        assertDoesNotThrow(() -> limiter.begin(DOMAIN, ALICE, "flow-10", PHONE, true));
    }

    @Test
    void sec24AUserLimitRefusalDoesNotUseUpTheFlowsMessages() {
        for (int i = 0; i < 10; i++) {
            limiter.begin(DOMAIN, ALICE, "flow-" + i, PHONE, true);
        }
        assertThrows(SendsLimitedException.class, () -> limiter.begin(DOMAIN, ALICE, "fresh", PHONE, true));
        clock.advance(Duration.ofHours(1));

        for (int i = 0; i < 3; i++) {
            limiter.begin(DOMAIN, ALICE, "fresh", "place-" + i, true);
        }
        assertThrows(SendsLimitedException.class, () -> limiter.begin(DOMAIN, ALICE, "fresh", "place-4", true));
    }

    @Test
    void sec24AMessageAuth0RefusedIsTakenBack() {
        limiter.begin(DOMAIN, ALICE, "flow", PHONE, true).refused();
        assertDoesNotThrow(() -> limiter.begin(DOMAIN, ALICE, "flow", PHONE, true), "no cooldown after a refusal");
        clock.advance(Duration.ofSeconds(10));
        assertEquals(ErrorCodes.RESEND_TOO_SOON, assertThrows(SendsLimitedException.class,
                () -> limiter.begin(DOMAIN, ALICE, "flow", PHONE, true)).code(), "the one sent still counts");

        clock.advance(Duration.ofSeconds(20));
        limiter.begin(DOMAIN, ALICE, "flow", PHONE, true).refused();
        limiter.begin(DOMAIN, ALICE, "flow", PHONE, true);
        clock.advance(Duration.ofSeconds(30));
        limiter.begin(DOMAIN, ALICE, "flow", PHONE, true);
        clock.advance(Duration.ofSeconds(30));

        assertEquals(ErrorCodes.SEND_LIMIT_REACHED, assertThrows(SendsLimitedException.class,
                () -> limiter.begin(DOMAIN, ALICE, "flow", PHONE, true)).code(), "three sent, two refused");
    }

    @Test
    void sec25ParallelResendsOfOneFlowSendOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            AtomicInteger sent = new AtomicInteger();
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    try {
                        limiter.begin(DOMAIN, ALICE, "flow", PHONE, true);
                        sent.incrementAndGet();
                    } catch (SendsLimitedException limited) {
                        // expected for all but one
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get();
            }
            assertEquals(1, sent.get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void sec24MessagesAuth0RefusedDoNotUseUpTheUsersTen() {
        for (int i = 0; i < 10; i++) {
            limiter.begin(DOMAIN, ALICE, "refused-" + i, PHONE, false).refused();
        }
        for (int i = 0; i < 10; i++) {
            limiter.begin(DOMAIN, ALICE, "flow-" + i, PHONE, false);
        }
        assertEquals(ErrorCodes.SEND_LIMIT_REACHED, assertThrows(SendsLimitedException.class,
                () -> limiter.begin(DOMAIN, ALICE, "flow-10", PHONE, false)).code());
    }

    @Test
    void sec24ARefusedResendKeepsTheWaitFromTheMessageBeforeIt() {
        limiter.begin(DOMAIN, ALICE, "flow", PHONE, true);
        clock.advance(SendLimiter.SPACING);
        limiter.begin(DOMAIN, ALICE, "flow", PHONE, true).refused();
        clock.advance(Duration.ofSeconds(1));

        assertDoesNotThrow(() -> limiter.begin(DOMAIN, ALICE, "flow", PHONE, true),
                "the last message that went out is 31 s old");
        clock.advance(Duration.ofSeconds(29));
        assertEquals(Duration.ofSeconds(1), assertThrows(SendsLimitedException.class,
                () -> limiter.begin(DOMAIN, ALICE, "flow", PHONE, true)).retryAfter().orElseThrow());
    }

    @Test
    void sec24ALargeStoreDropsOnlyUsersQuietForAnHourNeverALiveLimit() {
        for (int i = 0; i < 10; i++) {
            limiter.begin(DOMAIN, ALICE, "flow-" + i, "place-" + i, false);
        }
        for (int i = 0; i < 3; i++) {
            limiter.begin(DOMAIN, "auth0|bob", "bob-flow", "place-" + i, false);
        }
        // More users and flows than the store keeps unswept, each with one recent message.
        for (int i = 0; i <= MemoryCountStore.SWEEP_ABOVE; i++) {
            limiter.begin(DOMAIN, "auth0|user-" + i, "flow-of-" + i, PHONE, false);
        }

        assertEquals(ErrorCodes.SEND_LIMIT_REACHED, assertThrows(SendsLimitedException.class,
                () -> limiter.begin(DOMAIN, ALICE, "flow-10", PHONE, false)).code(), "Alice's ten within the hour");
        assertEquals(ErrorCodes.SEND_LIMIT_REACHED, assertThrows(SendsLimitedException.class,
                () -> limiter.begin(DOMAIN, "auth0|bob", "bob-flow", "place-9", false)).code(), "Bob's flow's three");
    }


    @Test
    void configuredLimitsAreObeyedForTheCooldownTheFlowAndTheUser() {
        SendLimiter configured = new SendLimiter(clock, store(), new StepUpLimits(5, 10, Duration.ofMinutes(15),
                Duration.ofSeconds(30), Duration.ofHours(1), 100, 2, 3, Duration.ofMinutes(10),
                Duration.ofSeconds(10), 5, Duration.ofSeconds(30)));

        configured.begin(DOMAIN, ALICE, "flow-1", PHONE, true);
        clock.advance(Duration.ofSeconds(4));
        SendsLimitedException tooSoon = assertThrows(SendsLimitedException.class,
                () -> configured.begin(DOMAIN, ALICE, "flow-1", PHONE, true));
        assertEquals(ErrorCodes.RESEND_TOO_SOON, tooSoon.code());
        assertEquals(Duration.ofSeconds(6), tooSoon.retryAfter().orElseThrow(), "a 10 s cooldown");
        clock.advance(Duration.ofSeconds(6));
        configured.begin(DOMAIN, ALICE, "flow-1", PHONE, true);
        assertEquals(ErrorCodes.SEND_LIMIT_REACHED, assertThrows(SendsLimitedException.class,
                () -> configured.begin(DOMAIN, ALICE, "flow-1", "place-2", false)).code(), "two per flow");

        configured.begin(DOMAIN, ALICE, "flow-2", PHONE, false);
        SendsLimitedException userLimit = assertThrows(SendsLimitedException.class,
                () -> configured.begin(DOMAIN, ALICE, "flow-3", PHONE, false));
        assertEquals(ErrorCodes.SEND_LIMIT_REACHED, userLimit.code(), "three per user");
        assertEquals(Duration.ofMinutes(10).minusSeconds(10), userLimit.retryAfter().orElseThrow(),
                "until the first of the three leaves the 10-minute window");
        clock.advance(Duration.ofMinutes(10).minusSeconds(10));
        assertDoesNotThrow(() -> configured.begin(DOMAIN, ALICE, "flow-3", PHONE, false));
    }
}
