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
        CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> executor.call("second", () -> "second"));
        Thread.sleep(200);
        release.countDown();

        assertEquals("first", first.get(5, TimeUnit.SECONDS));
        assertEquals("second", second.get(5, TimeUnit.SECONDS));
    }

    @Test
    void sec35WhenEverySlotStaysBusyThenACallIsRefusedAfterAtMostASecondWithoutBeingSent() throws Exception {
        blockTheOnlySlot();
        long start = System.nanoTime();
        boolean[] sent = {false};

        IdpException busy = assertThrows(IdpException.class, () -> executor.call("second", () -> {
            sent[0] = true;
            return "second";
        }));

        long waitedMillis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(ErrorCodes.IDP_BUSY, busy.code());
        assertTrue(waitedMillis >= 900 && waitedMillis < 2_500, "waited " + waitedMillis + " ms");
        assertTrue(!sent[0], "a refused call is never sent");
    }

    @Test
    void sec35ACallThatTimedOutKeepsItsSlotUntilItEnds() throws Exception {
        IdpCallExecutor fast = new IdpCallExecutor(Executors.defaultThreadFactory(), 1, Duration.ofMillis(300));
        try {
            CountDownLatch ended = new CountDownLatch(1);
            IdpException timedOut = assertThrows(IdpException.class, () -> fast.call("hung", () -> {
                try {
                    Thread.sleep(800);
                } catch (InterruptedException e) {
                    // cancelled: a real call ends when its read is cut; this one ends a bit later
                    sleepQuietly(500);
                } finally {
                    ended.countDown();
                }
                return "late";
            }));
            assertEquals(ErrorCodes.IDP_UNAVAILABLE, timedOut.code());
            assertEquals(ErrorCodes.IDP_BUSY,
                    assertThrows(IdpException.class, () -> fast.call("next", () -> "next")).code(),
                    "the hung call still holds the only slot");
            assertTrue(ended.await(5, TimeUnit.SECONDS));
            Thread.sleep(50);
            assertEquals("next", fast.call("next", () -> "next"));
        } finally {
            fast.close();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
