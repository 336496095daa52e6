package dev.mfastepup.client;

import dev.mfastepup.ErrorCodes;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Runs each call to Auth0 on a small pool of its own, so that the request thread waits no longer than the call
 * deadline, and so that a hung Auth0 ties up at most {@code maxConcurrentCalls} threads (a bulkhead): when all
 * are busy, a new call is refused at once with {@link ErrorCodes#IDP_BUSY} and the rest of the application keeps
 * its threads.
 *
 * <p>A call that passed its deadline is cancelled; its thread is freed when {@link GuardedBodyFilter} stops
 * reading, at the latest one read timeout later.
 */
final class IdpCallExecutor implements AutoCloseable {

    private final ThreadPoolExecutor pool;
    private final long deadlineMillis;

    IdpCallExecutor(ThreadFactory threadFactory, int maxConcurrentCalls, Duration callDeadline) {
        this.pool = new ThreadPoolExecutor(maxConcurrentCalls, maxConcurrentCalls, 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), threadFactory, new ThreadPoolExecutor.AbortPolicy());
        this.pool.allowCoreThreadTimeOut(true);
        this.deadlineMillis = callDeadline.toMillis();
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
        Future<T> future;
        try {
            future = pool.submit(call::get);
        } catch (RejectedExecutionException busy) {
            throw new IdpException(ErrorCodes.IDP_BUSY, 0, null,
                    "Too many calls to Auth0 are in flight; " + operation + " was not sent", null, busy);
        }
        try {
            return future.get(deadlineMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException timeout) {
            future.cancel(true);
            throw new IdpException(ErrorCodes.IDP_UNAVAILABLE, 0, null,
                    "Auth0 did not answer " + operation + " within " + deadlineMillis + " ms", null, timeout);
        } catch (InterruptedException interrupted) {
            future.cancel(true);
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

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
