package dev.mfastepup.service;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mfastepup.AttemptsLockedException;
import dev.mfastepup.MutableClock;
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
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** SEC-21 and SEC-22: this module's limits on wrong codes, per flow and per user. */
class AttemptLimiterTest {

    private static final String DOMAIN = "tenant.example.com";
    private static final String ALICE = "auth0|alice";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
    private final AttemptLimiter limiter = new AttemptLimiter(clock, store());

    /** The counts in this JVM; {@code SharedAttemptLimiterTest} runs every test again with the counts as a cluster shares them. */
    CountStore store() {
        return new MemoryCountStore();
    }

    @Test
    void sec21LockDelaysStartAt30SecondsAndDoubleUpToAnHour() {
        assertEquals(Duration.ofSeconds(30), AttemptLimiter.lockFor(10));
        assertEquals(Duration.ofSeconds(60), AttemptLimiter.lockFor(11));
        assertEquals(Duration.ofMinutes(32), AttemptLimiter.lockFor(16));
        assertEquals(Duration.ofHours(1), AttemptLimiter.lockFor(17));
        assertEquals(Duration.ofHours(1), AttemptLimiter.lockFor(99));
    }

    @Test
    void sec21TheTenthWrongCodeLocksTheUserInEveryFlowAndEachFurtherOneDoublesTheWait() {
        for (int i = 1; i <= 10; i++) {
            limiter.begin(DOMAIN, ALICE, "flow-" + (i + 1) / 2);
        }
        AttemptsLockedException locked = assertThrows(AttemptsLockedException.class,
                () -> limiter.begin(DOMAIN, ALICE, "another-flow"));
        assertEquals(Duration.ofSeconds(30), locked.retryAfter());

        clock.advance(Duration.ofSeconds(30));
        limiter.begin(DOMAIN, ALICE, "another-flow");
        assertEquals(Duration.ofSeconds(60),
                assertThrows(AttemptsLockedException.class, () -> limiter.begin(DOMAIN, ALICE, "x")).retryAfter());
    }

    @Test
    void sec21AnotherUserOrTenantIsNotLocked() {
        for (int i = 1; i <= 10; i++) {
            limiter.begin(DOMAIN, ALICE, "flow-" + i);
        }
        assertDoesNotThrow(() -> limiter.begin(DOMAIN, "auth0|bob", "bob-flow"));
        assertDoesNotThrow(() -> limiter.begin("other.example.com", ALICE, "other-flow"));
    }

    @Test
    void sec21ACorrectCodeEndsTheCountAndAQuietWindowForgivesIt() {
        for (int i = 1; i <= 9; i++) {
            limiter.begin(DOMAIN, ALICE, "flow-" + i);
        }
        limiter.begin(DOMAIN, ALICE, "flow-ok").succeeded();
        for (int i = 1; i <= 9; i++) {
            limiter.begin(DOMAIN, ALICE, "again-" + i);
        }
        clock.advance(AttemptLimiter.USER_WINDOW.plusSeconds(1));
        for (int i = 1; i <= 9; i++) {
            limiter.begin(DOMAIN, ALICE, "later-" + i);
        }
        assertDoesNotThrow(() -> limiter.begin(DOMAIN, ALICE, "the-tenth"));
    }

    @Test
    void sec21AnAbandonedAttemptIsTakenBackAndLiftsTheLockItStarted() {
        for (int i = 1; i <= 9; i++) {
            limiter.begin(DOMAIN, ALICE, "flow-" + i);
        }
        limiter.begin(DOMAIN, ALICE, "flow-10").abandoned();
        assertDoesNotThrow(() -> limiter.begin(DOMAIN, ALICE, "flow-11"));
    }

    @Test
    void sec21AFlowGetsFiveCodes() {
        for (int i = 1; i <= 5; i++) {
            limiter.begin(DOMAIN, ALICE, "flow");
        }
        assertThrows(AttemptLimiter.FlowExhaustedException.class, () -> limiter.begin(DOMAIN, ALICE, "flow"));
    }

    @Test
    void sec21ALockedUserHearsOfTheLockEvenInAnExhaustedFlow() {
        for (int i = 1; i <= 5; i++) {
            limiter.begin(DOMAIN, ALICE, "first");
        }
        for (int i = 1; i <= 5; i++) {
            limiter.begin(DOMAIN, ALICE, "second");
        }
        assertThrows(AttemptsLockedException.class, () -> limiter.begin(DOMAIN, ALICE, "second"));
    }

    @Test
    void sec21ParallelAttemptsOfOneUserGetNoMoreThanTenCodesToAuth0() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            AtomicInteger passed = new AtomicInteger();
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String flowId = "flow-" + i;
                futures.add(pool.submit(() -> {
                    start.await();
                    try {
                        limiter.begin(DOMAIN, ALICE, flowId);
                        passed.incrementAndGet();
                    } catch (AttemptsLockedException locked) {
                        // expected for all but ten
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get();
            }
            assertEquals(10, passed.get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void sec21TheHundredthWrongCodeInARowAndEveryOneAfterReachTheHardCap() {
        for (int i = 1; i < AttemptLimiter.HARD_CAP; i++) {
            AttemptLimiter.Attempt attempt = limiter.begin(DOMAIN, ALICE, "flow-" + i);
            assertFalse(attempt.atHardCap(), "attempt " + i);
            // Below ten, a quiet quarter of an hour forgives; from ten on, the user waits out each lock.
            clock.advance(i < AttemptLimiter.USER_FAILURES ? Duration.ZERO : AttemptLimiter.lockFor(i));
        }

        assertTrue(limiter.begin(DOMAIN, ALICE, "flow-100").atHardCap());
        clock.advance(Duration.ofHours(1));
        assertTrue(limiter.begin(DOMAIN, ALICE, "flow-101").atHardCap(), "the count goes on");
        clock.advance(Duration.ofHours(1));
        AttemptLimiter.Attempt correct = limiter.begin(DOMAIN, ALICE, "flow-102");
        correct.succeeded();
        assertFalse(limiter.begin(DOMAIN, ALICE, "flow-103").atHardCap(), "a correct code ends the count");
    }

    @Test
    void sec22Auth0sTooManyAttemptsLocksForTheWaitItNamed() {
        limiter.lock(DOMAIN, ALICE, Duration.ofMinutes(6));
        assertEquals(Duration.ofMinutes(6),
                assertThrows(AttemptsLockedException.class, () -> limiter.begin(DOMAIN, ALICE, "f")).retryAfter());
        clock.advance(Duration.ofMinutes(6));
        assertDoesNotThrow(() -> limiter.begin(DOMAIN, ALICE, "f").succeeded());
        assertDoesNotThrow(() -> limiter.begin(DOMAIN, ALICE, "g"));
    }

    @Test
    void sec21WhenEveryReadBeforeTheUpdateIsStaleThenTheSixthCodeOfAFlowIsStillRefused() {
        // Another server's view: each read made before counting sees none of the counts. The flow's limit must not
        // rest on such a read, only on the store's update.
        AttemptLimiter unaware = new AttemptLimiter(clock, staleReads(store()));
        for (int i = 1; i <= 5; i++) {
            unaware.begin(DOMAIN, ALICE, "flow");
        }
        assertThrows(AttemptLimiter.FlowExhaustedException.class, () -> unaware.begin(DOMAIN, ALICE, "flow"));
    }

    @Test
    void sec21WhenTheUserTurnsOutLockedWhileCountingThenTheFlowKeepsItsAttempt() {
        AttemptLimiter unaware = new AttemptLimiter(clock, staleReads(store()));
        for (int i = 1; i <= 10; i++) {
            unaware.begin(DOMAIN, ALICE, "flow-" + (i + 1) / 2);
        }
        // The stale read let the locked user through to the count, where the lock is found: nothing is sent, and
        // the flow's attempt is given back. The flow's count is then what another attempt on it sees.
        assertThrows(AttemptsLockedException.class, () -> unaware.begin(DOMAIN, ALICE, "fresh"));
        for (int i = 1; i <= 5; i++) {
            unaware.begin(DOMAIN, "auth0|bob", "fresh");
        }
        assertThrows(AttemptLimiter.FlowExhaustedException.class, () -> unaware.begin(DOMAIN, "auth0|bob", "fresh"),
                "5 attempts in all: the one refused while locked was not counted");
    }

    private static CountStore staleReads(CountStore store) {
        return new CountStore() {
            @Override
            public <V> Counts<V> open(String name, CountCodec<V> codec) {
                Counts<V> counts = store.open(name, codec);
                return new Counts<>() {
                    @Override
                    public V get(String key) {
                        return null;
                    }

                    @Override
                    public V update(String key, UnaryOperator<V> change) {
                        return counts.update(key, change);
                    }

                    @Override
                    public void sweep(Predicate<V> forgotten) {
                        counts.sweep(forgotten);
                    }
                };
            }
        };
    }

    @Test
    void sec21AQuietWindowOfExactlyFifteenMinutesForgivesNothing() {
        for (int i = 1; i <= 9; i++) {
            limiter.begin(DOMAIN, ALICE, "flow-" + i);
        }
        clock.advance(AttemptLimiter.USER_WINDOW);
        limiter.begin(DOMAIN, ALICE, "the-tenth");

        assertEquals(AttemptLimiter.FIRST_LOCK,
                assertThrows(AttemptsLockedException.class, () -> limiter.begin(DOMAIN, ALICE, "x")).retryAfter());
    }

    @Test
    void sec21OnceLockedAQuietQuarterOfAnHourForgivesNothingButADayDoes() {
        for (int i = 1; i <= 10; i++) {
            limiter.begin(DOMAIN, ALICE, "flow-" + i);
        }
        clock.advance(AttemptLimiter.USER_WINDOW.plusMinutes(1));
        limiter.begin(DOMAIN, ALICE, "the-eleventh");
        assertEquals(Duration.ofSeconds(60),
                assertThrows(AttemptsLockedException.class, () -> limiter.begin(DOMAIN, ALICE, "x")).retryAfter(),
                "the eleventh wrong code in a row doubles the lock");

        clock.advance(Duration.ofDays(1));
        limiter.begin(DOMAIN, ALICE, "a-day-later");
        assertEquals(Duration.ofSeconds(120),
                assertThrows(AttemptsLockedException.class, () -> limiter.begin(DOMAIN, ALICE, "x")).retryAfter(),
                "exactly a day of quiet is not more than a day");

        clock.advance(Duration.ofDays(1).plusSeconds(1));
        for (int i = 1; i <= 9; i++) {
            limiter.begin(DOMAIN, ALICE, "fresh-" + i);
        }
        assertDoesNotThrow(() -> limiter.begin(DOMAIN, ALICE, "fresh-10"), "more than a day forgave the count");
    }

    @Test
    void sec21TheLockEndsAtTheInstantItNamedAndNotBefore() {
        for (int i = 1; i <= 10; i++) {
            limiter.begin(DOMAIN, ALICE, "flow-" + i);
        }
        clock.advance(AttemptLimiter.FIRST_LOCK.minusMillis(1));
        assertEquals(Duration.ofMillis(1),
                assertThrows(AttemptsLockedException.class, () -> limiter.begin(DOMAIN, ALICE, "x")).retryAfter());
        clock.advance(Duration.ofMillis(1));
        assertDoesNotThrow(() -> limiter.begin(DOMAIN, ALICE, "x"));
    }

    @Test
    void sec21AnAbandonedAttemptAboveTheThresholdKeepsTheUserLocked() {
        for (int i = 1; i <= 10; i++) {
            limiter.begin(DOMAIN, ALICE, "flow-" + i);
        }
        clock.advance(AttemptLimiter.FIRST_LOCK);
        limiter.begin(DOMAIN, ALICE, "the-eleventh").abandoned();

        assertEquals(Duration.ofSeconds(60),
                assertThrows(AttemptsLockedException.class, () -> limiter.begin(DOMAIN, ALICE, "x")).retryAfter(),
                "ten wrong codes in a row remain, and with them the lock the eleventh started");
    }

    @Test
    void sec21AnAbandonedAttemptGivesTheFlowItsCodeBack() {
        for (int i = 1; i <= 4; i++) {
            limiter.begin(DOMAIN, ALICE, "flow");
        }
        limiter.begin(DOMAIN, ALICE, "flow").abandoned();

        assertDoesNotThrow(() -> limiter.begin(DOMAIN, ALICE, "flow"), "the fifth code of the flow");
        assertThrows(AttemptLimiter.FlowExhaustedException.class, () -> limiter.begin(DOMAIN, ALICE, "flow"));
    }

    @Test
    void sec21ACorrectCodeEndsTheFlowsCountAsWellAsTheUsers() {
        for (int i = 1; i <= 4; i++) {
            limiter.begin(DOMAIN, ALICE, "flow");
        }
        limiter.begin(DOMAIN, ALICE, "flow").succeeded();

        for (int i = 1; i <= 5; i++) {
            assertDoesNotThrow(() -> limiter.begin(DOMAIN, ALICE, "flow"));
        }
        assertThrows(AttemptLimiter.FlowExhaustedException.class, () -> limiter.begin(DOMAIN, ALICE, "flow"));
    }

    @Test
    void sec22AnAuth0LockNeverShortensALongerOne() {
        limiter.lock(DOMAIN, ALICE, Duration.ofHours(1));
        limiter.lock(DOMAIN, ALICE, Duration.ofMinutes(6));

        assertEquals(Duration.ofHours(1),
                assertThrows(AttemptsLockedException.class, () -> limiter.begin(DOMAIN, ALICE, "f")).retryAfter());
    }

    @Test
    void sec22AnAuth0LockCountsAsTheTenthWrongCodeSoTheNextOneLocksForAMinute() {
        for (int i = 1; i <= 3; i++) {
            limiter.begin(DOMAIN, ALICE, "flow-" + i);
        }
        limiter.lock(DOMAIN, ALICE, Duration.ofMinutes(6));
        clock.advance(Duration.ofMinutes(6));
        limiter.begin(DOMAIN, ALICE, "after-the-lock");

        assertEquals(Duration.ofSeconds(60),
                assertThrows(AttemptsLockedException.class, () -> limiter.begin(DOMAIN, ALICE, "x")).retryAfter());
    }

    @Test
    void sec21ALargeStoreDropsOnlyWhatIsForgottenNeverALiveLockOrAnExhaustedFlow() {
        for (int i = 1; i <= 5; i++) {
            limiter.begin(DOMAIN, ALICE, "alice-flow");
        }
        for (int i = 6; i <= 10; i++) {
            limiter.begin(DOMAIN, ALICE, "alice-flow-" + i);
        }
        // More users and flows than the store keeps unswept, each with one recent wrong code.
        for (int i = 0; i <= MemoryCountStore.SWEEP_ABOVE; i++) {
            limiter.begin(DOMAIN, "auth0|user-" + i, "flow-of-" + i);
        }

        assertThrows(AttemptsLockedException.class, () -> limiter.begin(DOMAIN, ALICE, "x"));
        clock.advance(AttemptLimiter.FIRST_LOCK);
        assertThrows(AttemptLimiter.FlowExhaustedException.class, () -> limiter.begin(DOMAIN, ALICE, "alice-flow"));
    }


    @Test
    void configuredLimitsAreObeyedPerFlowPerUserAndForTheHardCap() {
        AttemptLimiter configured = new AttemptLimiter(clock, store(), new StepUpLimits(2, 3, Duration.ofMinutes(1),
                Duration.ofSeconds(5), Duration.ofSeconds(8), 5, 3, 10, Duration.ofHours(1), Duration.ofSeconds(30),
                5, Duration.ofSeconds(30)));

        configured.begin(DOMAIN, ALICE, "flow-1");
        configured.begin(DOMAIN, ALICE, "flow-1");
        AttemptLimiter.FlowExhaustedException exhausted = assertThrows(AttemptLimiter.FlowExhaustedException.class,
                () -> configured.begin(DOMAIN, ALICE, "flow-1"), "two wrong codes per flow");
        assertTrue(exhausted.getMessage().contains(" 2 wrong codes"), exhausted.getMessage());

        configured.begin(DOMAIN, ALICE, "flow-2");
        assertEquals(Duration.ofSeconds(5), assertThrows(AttemptsLockedException.class,
                () -> configured.begin(DOMAIN, ALICE, "flow-3")).retryAfter(), "the third wrong code locks for 5 s");
        clock.advance(Duration.ofSeconds(5));
        assertFalse(configured.begin(DOMAIN, ALICE, "flow-3").atHardCap());
        assertEquals(Duration.ofSeconds(8), assertThrows(AttemptsLockedException.class,
                () -> configured.begin(DOMAIN, ALICE, "flow-4")).retryAfter(), "doubled, at most the longest 8 s");
        clock.advance(Duration.ofSeconds(8));
        assertTrue(configured.begin(DOMAIN, ALICE, "flow-4").atHardCap(), "the fifth wrong code signs out");
        assertEquals(5, configured.hardCap());
    }

    @Test
    void configuredWindowForgivesWrongCodesBelowTheLockAfterItsLength() {
        AttemptLimiter configured = new AttemptLimiter(clock, store(), new StepUpLimits(5, 3, Duration.ofMinutes(1),
                Duration.ofSeconds(30), Duration.ofHours(1), 100, 3, 10, Duration.ofHours(1), Duration.ofSeconds(30),
                5, Duration.ofSeconds(30)));
        configured.begin(DOMAIN, ALICE, "flow-1");
        configured.begin(DOMAIN, ALICE, "flow-1");

        clock.advance(Duration.ofSeconds(61));
        configured.begin(DOMAIN, ALICE, "flow-2");
        configured.begin(DOMAIN, ALICE, "flow-2");

        assertDoesNotThrow(() -> configured.begin(DOMAIN, ALICE, "flow-3"), "two forgotten, two counted");
    }
}
