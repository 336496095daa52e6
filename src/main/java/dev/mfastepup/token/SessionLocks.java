package dev.mfastepup.token;

import dev.mfastepup.ErrorCodes;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Waiting for a lock of the session's tokens, which another request of the same session holds while it asks
 * Auth0: never longer than one call to Auth0 may take.
 */
final class SessionLocks {

    private SessionLocks() {
        // static methods only
    }

    /**
     * Takes a lock, waiting at most one call's deadline and a second.
     *
     * @param lock the lock of the session's tokens.
     * @param callDeadline the overall deadline of one call to Auth0.
     * @throws AccessTokenException with {@link ErrorCodes#IDP_UNAVAILABLE} when the wait is over or interrupted.
     */
    static void acquire(ReentrantLock lock, Duration callDeadline) {
        // Another request of this session is asking Auth0; it will not take longer than one call.
        long waitMillis = callDeadline.plus(Duration.ofSeconds(1)).toMillis();
        try {
            if (!lock.tryLock(waitMillis, TimeUnit.MILLISECONDS)) {
                throw new AccessTokenException(ErrorCodes.IDP_UNAVAILABLE,
                        "Another request of this session is still waiting for Auth0", null);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new AccessTokenException(ErrorCodes.IDP_UNAVAILABLE, "Interrupted while waiting for Auth0",
                    interrupted);
        }
    }
}
