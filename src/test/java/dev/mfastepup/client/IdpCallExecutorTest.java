package dev.mfastepup.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mfastepup.ErrorCodes;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** SEC-35: the bulkhead in front of Auth0. */
class IdpCallExecutorTest {

    private final IdpCallExecutor executor = new IdpCallExecutor(Executors.defaultThreadFactory(), 1,
            Duration.ofSeconds(3));
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void tearDown() {
        release.countDown();
        executor.close();
    }

    private CompletableFuture<String> blockTheOnlySlot() throws InterruptedException {
        CountDownLatch running = new CountDownLatch(1);
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> executor.call("first", () -> {
            running.countDown();
            await(release);
            return "first";
        }));
        assertTrue(running.await(5, TimeUnit.SECONDS));
        return first;
    }

    @Test
    void sec35WhenEverySlotIsBusyThenACallWaitsForOneAndRuns() throws Exception {
        CompletableFuture<String> first = blockTheOnlySlot();
        Thread[] waiting = new Thread[1];
        CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> {
            waiting[0] = Thread.currentThread();
            return executor.call("second", () -> "second");
        });
        // The slot is freed only once the second call is seen waiting for it (parked on the semaphore).
        awaitWaitingForASlot(() -> waiting[0]);
        release.countDown();

        assertEquals("first", first.get(5, TimeUnit.SECONDS));
        assertEquals("second", second.get(5, TimeUnit.SECONDS));
    }

    @Test
    void sec35WhenEverySlotStaysBusyThenACallIsRefusedAfterAtMostASecondWithoutBeingSent() throws Exception {
        // The deadline is a minute: a call refused well before it was refused by the queue wait of a second.
        IdpCallExecutor patient = new IdpCallExecutor(Executors.defaultThreadFactory(), 1, Duration.ofMinutes(1));
        try {
            CountDownLatch running = new CountDownLatch(1);
            CompletableFuture.runAsync(() -> patient.call("first", () -> {
                running.countDown();
                await(release);
                return "first";
            }));
            assertTrue(running.await(5, TimeUnit.SECONDS));
            long start = System.nanoTime();
            boolean[] sent = {false};

            IdpException busy = assertThrows(IdpException.class, () -> patient.call("second", () -> {
                sent[0] = true;
                return "second";
            }));

            long waitedMillis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(ErrorCodes.IDP_BUSY, busy.code());
            assertTrue(waitedMillis >= IdpCallExecutor.LONGEST_QUEUE_WAIT.toMillis(), "waited " + waitedMillis + " ms");
            assertTrue(waitedMillis < Duration.ofSeconds(30).toMillis(),
                    "waited " + waitedMillis + " ms: the deadline's wait");
            assertTrue(busy.isNotSent());
            assertTrue(!sent[0], "a refused call is never sent");
        } finally {
            release.countDown();
            patient.close();
        }
    }

    @Test
    // The hung call ignores interrupts: without the deadline the caller would wait for it for ever. The timeout
    // makes that a failure instead of a hang; a minute is far above the deadline on any machine.
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void sec35ACallThatTimedOutKeepsItsSlotUntilItEnds() throws Exception {
        IdpCallExecutor fast = new IdpCallExecutor(Executors.defaultThreadFactory(), 1, Duration.ofMillis(300));
        try {
            CountDownLatch ended = new CountDownLatch(1);
            // A call that outlives its deadline and cannot be interrupted, as a blocking read: it ends when the
            // test says so.
            IdpException timedOut = assertThrows(IdpException.class, () -> fast.call("hung", () -> {
                try {
                    awaitUninterruptibly(release);
                } finally {
                    ended.countDown();
                }
                return "late";
            }));
            assertEquals(ErrorCodes.IDP_UNAVAILABLE, timedOut.code());
            assertTrue(timedOut.isTimeout());
            assertEquals(ErrorCodes.IDP_BUSY,
                    assertThrows(IdpException.class, () -> fast.call("next", () -> "next")).code(),
                    "the hung call still holds the only slot");
            assertEquals(1, ended.getCount(), "the hung call was still running");

            release.countDown();
            assertTrue(ended.await(30, TimeUnit.SECONDS));
            // The slot comes back as the hung call's thread leaves it; the next call waits for it if need be.
            assertEquals("next", fast.call("next", () -> "next"));
        } finally {
            fast.close();
        }
    }

    /** Waits until the thread is parked waiting for a slot: in {@code Semaphore.tryAcquire}. */
    private static void awaitWaitingForASlot(java.util.function.Supplier<Thread> thread) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            Thread waiting = thread.get();
            if (waiting != null && waiting.getState() == Thread.State.TIMED_WAITING && java.util.Arrays.stream(
                    waiting.getStackTrace()).anyMatch(f -> f.getMethodName().equals("tryAcquire"))) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the second call never waited for the slot");
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
