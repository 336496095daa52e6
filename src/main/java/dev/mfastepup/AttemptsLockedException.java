package dev.mfastepup;

import java.time.Duration;

/**
 * This module refuses codes for the user for a while: too many wrong codes in a row (across sessions and flows),
 * or Auth0 answered {@code too_many_attempts}. Nothing was sent to Auth0. The user waits for
 * {@link #retryAfter()} and tries again; the MFA pages show the "locked" page with that wait.
 *
 * <p>Its code is always {@value ErrorCodes#ATTEMPTS_LOCKED}.
 *
 * @since 0.1
 */
public class AttemptsLockedException extends MfaException {

    private static final long serialVersionUID = 1L;

    /** How long the user must wait before trying again. */
    private final Duration retryAfter;

    /**
     * Creates the exception.
     *
     * @param retryAfter how long the user must wait; positive.
     */
    public AttemptsLockedException(Duration retryAfter) {
        super(ErrorCodes.ATTEMPTS_LOCKED, "Too many wrong codes for this user; codes are refused for "
                + retryAfter.toSeconds() + " s");
        this.retryAfter = retryAfter;
    }

    /** @return how long the user must wait before a code is accepted again. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
