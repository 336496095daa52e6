package dev.mfastepup.client;

import dev.mfastepup.ErrorCodes;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Runs each call to Auth0 on a small pool of its own, so that the request thread waits no longer than the call
 * deadline, and so that a hung Auth0 ties up at most {@code maxConcurrentCalls} threads (a bulkhead). When all are
 * busy, a new call waits for a free one for at most a second (a burst of users against a healthy Auth0 is served,
 * one call after the other), then is refused with {@link ErrorCodes#IDP_BUSY}, so that a hung Auth0 holds request
 * threads no longer than that and the rest of the application keeps its threads. The wait counts against the
 * call's deadline.
 *
 * <p>A call that passed its deadline is cancelled; its thread is freed when {@link GuardedBodyFilter} stops
 * reading, at the latest one read timeout later.
 */
final class IdpCallExecutor implements AutoCloseable {

    /** The longest a call waits for one of the busy calls to end before it is refused. */
    static final Duration LONGEST_QUEUE_WAIT = Duration.ofSeconds(1);

    private final ThreadPoolExecutor pool;
    private final Semaphore slots;
    private final long deadlineNanos;
    private final long queueWaitNanos;

    IdpCallExecutor(ThreadFactory threadFactory, int maxConcurrentCalls, Duration callDeadline) {
        // The semaphore bounds the calls in flight; the queue only holds a task for the instant between a call
        // ending (its slot is free) and its thread being back in the pool.
        this.pool = new ThreadPoolExecutor(maxConcurrentCalls, maxConcurrentCalls, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), threadFactory);
        this.pool.allowCoreThreadTimeOut(true);
        this.slots = new Semaphore(maxConcurrentCalls);
        this.deadlineNanos = callDeadline.toNanos();
        this.queueWaitNanos = Math.min(deadlineNanos, LONGEST_QUEUE_WAIT.toNanos());
    }

    /**
     * Runs the call and waits for it, at most the deadline.
     *
     * @param operation what is called, for messages, such as {@code GET /mfa/authenticators}.
     * @param call the call.
     * @return what the call returned.
     * @throws IdpException when the call was refused, timed out or the waiting thread was interrupted.
     * @throws RuntimeException whatever the call threw.
     */
    <T> T call(String operation, Supplier<T> call) {
        long start = System.nanoTime();
        try {
            if (!slots.tryAcquire(queueWaitNanos, TimeUnit.NANOSECONDS)) {
                throw IdpException.notSent(ErrorCodes.IDP_BUSY,
                        "Too many calls to Auth0 are in flight; " + operation + " was not sent", null);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IdpException(ErrorCodes.IDP_UNAVAILABLE, 0, null,
                    "Interrupted while waiting to call Auth0 (" + operation + ")", null, interrupted);
        }
        // The slot is given back once: by the call when it ends, or by this thread when the call never started.
        AtomicBoolean started = new AtomicBoolean();
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                slots.release();
            }
        };
        Future<T> future;
        try {
            future = pool.submit(() -> {
                started.set(true);
                try {
                    return call.get();
                } finally {
                    release.run();
                }
            });
        } catch (RejectedExecutionException closed) {
            release.run();
            throw IdpException.notSent(ErrorCodes.IDP_BUSY,
                    "The Auth0 client is closed; " + operation + " was not sent", null);
        }
        try {
            return future.get(deadlineNanos - (System.nanoTime() - start), TimeUnit.NANOSECONDS);
        } catch (TimeoutException timeout) {
            cancel(future, started, release);
            throw new IdpException(ErrorCodes.IDP_UNAVAILABLE, 0, null,
                    "Auth0 did not answer " + operation + " within " + deadlineNanos / 1_000_000 + " ms", null,
                    timeout);
        } catch (InterruptedException interrupted) {
            cancel(future, started, release);
            Thread.currentThread().interrupt();
            throw new IdpException(ErrorCodes.IDP_UNAVAILABLE, 0, null,
                    "Interrupted while waiting for Auth0 to answer " + operation, null, interrupted);
        } catch (ExecutionException failed) {
            Throwable cause = failed.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IdpException(ErrorCodes.IDP_UNAVAILABLE, 0, null,
                    "The call " + operation + " failed", null, cause);
        }
    }

    /** Cancels a call; a call still waiting in the queue will never run, so its slot is given back here. */
    private static void cancel(Future<?> future, AtomicBoolean started, Runnable release) {
        future.cancel(true);
        if (!started.get()) {
            release.run();
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
