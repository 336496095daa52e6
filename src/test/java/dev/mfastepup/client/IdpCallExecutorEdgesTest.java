package dev.mfastepup.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mfastepup.ErrorCodes;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SEC-35 at the bulkhead's edges: a closed client sends nothing and keeps no slot, an interrupted caller is
 * answered and keeps its interruption, and what a call throws comes out as it was thrown.
 */
class IdpCallExecutorEdgesTest {

    private final IdpCallExecutor executor = new IdpCallExecutor(Executors.defaultThreadFactory(), 1,
            Duration.ofSeconds(30));

    @AfterEach
    void tearDown() {
        executor.close();
    }

    @Test
    void aClosedClientRefusesEveryCallAtOnceAndKeepsNoSlot() {
        executor.close();

        for (int i = 0; i < 3; i++) {
            IdpException refused = assertThrows(IdpException.class, () -> executor.call("GET /x", () -> "sent"));
            assertEquals(ErrorCodes.IDP_BUSY, refused.code());
            assertTrue(refused.isNotSent());
            assertEquals("The Auth0 client is closed; GET /x was not sent", refused.getMessage(),
                    "the one slot is free again after each refusal");
        }
    }

    @Test
    void aCallerInterruptedBeforeItHasASlotIsAnsweredAndStaysInterrupted() {
        Thread.currentThread().interrupt();
        try {
            IdpException e = assertThrows(IdpException.class, () -> executor.call("GET /x", () -> "sent"));

            assertEquals(ErrorCodes.IDP_UNAVAILABLE, e.code());
            assertEquals("Interrupted while waiting to call Auth0 (GET /x)", e.getMessage());
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void aCallerInterruptedWhileItsCallRunsIsAnsweredStaysInterruptedAndTheSlotComesBack() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        AtomicReference<Thread> caller = new AtomicReference<>();
        CompletableFuture<IdpException> interrupted = CompletableFuture.supplyAsync(() -> {
            caller.set(Thread.currentThread());
            try {
                executor.call("GET /slow", () -> {
                    running.countDown();
                    try {
                        new CountDownLatch(1).await();
                    } catch (InterruptedException cancelled) {
                        Thread.currentThread().interrupt();
                    }
                    return "never";
                });
                return null;
            } catch (IdpException e) {
                assertTrue(Thread.currentThread().isInterrupted(), "the caller keeps its interruption");
                Thread.interrupted();
                return e;
            }
        });
        assertTrue(running.await(10, TimeUnit.SECONDS));

        caller.get().interrupt();

        IdpException e = interrupted.get(10, TimeUnit.SECONDS);
        assertEquals(ErrorCodes.IDP_UNAVAILABLE, e.code());
        assertEquals("Interrupted while waiting for Auth0 to answer GET /slow", e.getMessage());
        assertFalse(e.isNotSent());
        assertEquals("next", executor.call("GET /next", () -> "next"), "the cancelled call gave its slot back");
    }

    @Test
    void anErrorOrARuntimeExceptionOfTheCallComesOutAsItWasThrown() {
        AssertionError error = new AssertionError("boom");
        IllegalStateException failure = new IllegalStateException("bad");

        assertSame(error, assertThrows(AssertionError.class, () -> executor.call("GET /x", () -> {
            throw error;
        })));
        assertSame(failure, assertThrows(IllegalStateException.class, () -> executor.call("GET /x", () -> {
            throw failure;
        })));
        assertEquals("ok", executor.call("GET /x", () -> "ok"), "each gave its slot back");
    }

    @Test
    void aCallThatOutlivesTheDeadlineSaysHowLongItWasGiven() {
        IdpCallExecutor quick = new IdpCallExecutor(Executors.defaultThreadFactory(), 1, Duration.ofMillis(250));
        CountDownLatch release = new CountDownLatch(1);
        try {
            IdpException e = assertThrows(IdpException.class, () -> quick.call("GET /slow", () -> {
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException cancelled) {
                    Thread.currentThread().interrupt();
                }
                return "late";
            }));

            assertEquals("Auth0 did not answer GET /slow within 250 ms", e.getMessage());
            assertTrue(e.isTimeout());
        } finally {
            release.countDown();
            quick.close();
        }
    }
}
