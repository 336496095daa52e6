package dev.mfastepup.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mfastepup.ErrorCodes;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

/** A request waits for another one of its session at most one call's deadline and a second, then gives up. */
class SessionLocksTest {

    @Test
    void acquireWhenFreeThenHeld() {
        ReentrantLock lock = new ReentrantLock();

        SessionLocks.acquire(lock, Duration.ofMillis(1));

        assertTrue(lock.isHeldByCurrentThread());
        lock.unlock();
    }

    @Test
    void acquireWhenHeldLongerThanTheDeadlineAndASecondThenIdpUnavailable() throws Exception {
        ReentrantLock lock = new ReentrantLock();
        CompletableFuture.runAsync(lock::lock).get(5, TimeUnit.SECONDS);
        long start = System.nanoTime();

        AccessTokenException e = assertThrows(AccessTokenException.class,
                () -> SessionLocks.acquire(lock, Duration.ofMillis(100)));

        assertEquals(ErrorCodes.IDP_UNAVAILABLE, e.code());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofMillis(1100)) >= 0);
        assertFalse(lock.isHeldByCurrentThread());
    }

    @Test
    void acquireWhenInterruptedThenIdpUnavailableAndTheThreadStaysInterrupted() throws Exception {
        ReentrantLock lock = new ReentrantLock();
        CompletableFuture.runAsync(lock::lock).get(5, TimeUnit.SECONDS);
        Thread.currentThread().interrupt();
        try {
            AccessTokenException e = assertThrows(AccessTokenException.class,
                    () -> SessionLocks.acquire(lock, Duration.ofSeconds(30)));

            assertEquals(ErrorCodes.IDP_UNAVAILABLE, e.code());
            assertTrue(e.getCause() instanceof InterruptedException);
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }
}
