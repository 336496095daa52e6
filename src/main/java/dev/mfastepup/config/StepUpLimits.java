package dev.mfastepup.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The module's limits on wrong codes, on messages sent on a user's behalf, and of the circuit breaker in front of
 * Auth0: read once at deployment by {@link StepUpLimitsReader}, with {@link #DEFAULTS} for every key not set.
 *
 * <p>The constructor refuses a limit that would protect nothing (a count or duration below 1, a longest lock
 * shorter than the first, a sign-out that could never come before the per-user lock), so that no instance, read
 * or built by hand, switches a protection off.
 *
 * @param wrongCodesPerFlow the wrong codes a flow may have; the next code ends the flow.
 * @param wrongCodesPerUser the consecutive wrong codes of a user, across flows, after which the user is locked.
 * @param wrongCodeWindow how long a user's wrong codes below the lock threshold are remembered.
 * @param firstLock the lock after {@code wrongCodesPerUser} wrong codes; it doubles with each further one.
 * @param longestLock the longest lock.
 * @param signOutAfterWrongCodes the consecutive wrong codes from which the user is signed out as well.
 * @param messagesPerFlow the messages (SMS, voice, e-mail, push) a flow may have sent.
 * @param messagesPerUser the messages a user may have sent within {@code messageWindow}.
 * @param messageWindow the window of {@code messagesPerUser}.
 * @param resendCooldown the wait before a message goes again to the place the flow is waiting on.
 * @param breakerFailures the failures in a row of a tenant after which calls to it are refused.
 * @param breakerOpenFor how long calls to a failing tenant are refused before a trial call.
 * @since 0.1
 */
public record StepUpLimits(
        int wrongCodesPerFlow,
        int wrongCodesPerUser,
        Duration wrongCodeWindow,
        Duration firstLock,
        Duration longestLock,
        int signOutAfterWrongCodes,
        int messagesPerFlow,
        int messagesPerUser,
        Duration messageWindow,
        Duration resendCooldown,
        int breakerFailures,
        Duration breakerOpenFor) {

    // Constants --------------------------------------------------------------------------------------------------

    /** The default wrong codes per flow. */
    public static final int DEFAULT_WRONG_CODES_PER_FLOW = 5;
    /** The default consecutive wrong codes per user before a lock: Auth0's own bucket holds 10. */
    public static final int DEFAULT_WRONG_CODES_PER_USER = 10;
    /** The default memory of wrong codes below the lock threshold. */
    public static final int DEFAULT_WRONG_CODE_WINDOW_SECONDS = 15 * 60;
    /** The default first lock. */
    public static final int DEFAULT_FIRST_LOCK_SECONDS = 30;
    /** The default longest lock. */
    public static final int DEFAULT_LONGEST_LOCK_SECONDS = 60 * 60;
    /** The default sign-out threshold: NIST SP 800-63B §5.2.2 caps consecutive failures at 100. */
    public static final int DEFAULT_SIGN_OUT_AFTER_WRONG_CODES = 100;
    /** The default messages per flow. */
    public static final int DEFAULT_MESSAGES_PER_FLOW = 3;
    /** The default messages per user within the message window. */
    public static final int DEFAULT_MESSAGES_PER_USER = 10;
    /** The default message window. */
    public static final int DEFAULT_MESSAGE_WINDOW_SECONDS = 60 * 60;
    /** The default resend cooldown. */
    public static final int DEFAULT_RESEND_COOLDOWN_SECONDS = 30;
    /** The default failures in a row that open the circuit breaker. */
    public static final int DEFAULT_BREAKER_FAILURES = 5;
    /** The default time the circuit breaker stays open. */
    public static final int DEFAULT_BREAKER_OPEN_SECONDS = 30;

    /** The limits when nothing is configured. */
    public static final StepUpLimits DEFAULTS = new StepUpLimits(
            DEFAULT_WRONG_CODES_PER_FLOW,
            DEFAULT_WRONG_CODES_PER_USER,
            Duration.ofSeconds(DEFAULT_WRONG_CODE_WINDOW_SECONDS),
            Duration.ofSeconds(DEFAULT_FIRST_LOCK_SECONDS),
            Duration.ofSeconds(DEFAULT_LONGEST_LOCK_SECONDS),
            DEFAULT_SIGN_OUT_AFTER_WRONG_CODES,
            DEFAULT_MESSAGES_PER_FLOW,
            DEFAULT_MESSAGES_PER_USER,
            Duration.ofSeconds(DEFAULT_MESSAGE_WINDOW_SECONDS),
            Duration.ofSeconds(DEFAULT_RESEND_COOLDOWN_SECONDS),
            DEFAULT_BREAKER_FAILURES,
            Duration.ofSeconds(DEFAULT_BREAKER_OPEN_SECONDS));

    /** More doublings than any lock needs to pass the longest; keeps the multiplication far from overflow. */
    private static final int MAX_DOUBLINGS = 31;

    // Constructors -----------------------------------------------------------------------------------------------

    /**
     * Checks that every limit still protects.
     *
     * @param wrongCodesPerFlow the wrong codes a flow may have; the next code ends the flow.
     * @param wrongCodesPerUser the consecutive wrong codes of a user, across flows, after which the user is locked.
     * @param wrongCodeWindow how long a user's wrong codes below the lock threshold are remembered.
     * @param firstLock the lock after {@code wrongCodesPerUser} wrong codes; it doubles with each further one.
     * @param longestLock the longest lock.
     * @param signOutAfterWrongCodes the consecutive wrong codes from which the user is signed out as well.
     * @param messagesPerFlow the messages (SMS, voice, e-mail, push) a flow may have sent.
     * @param messagesPerUser the messages a user may have sent within {@code messageWindow}.
     * @param messageWindow the window of {@code messagesPerUser}.
     * @param resendCooldown the wait before a message goes again to the place the flow is waiting on.
     * @param breakerFailures the failures in a row of a tenant after which calls to it are refused.
     * @param breakerOpenFor how long calls to a failing tenant are refused before a trial call.
     * @throws IllegalArgumentException for a count or duration below 1 (second), a longest lock shorter than the
     *         first, or a sign-out threshold not above the per-user limit.
     */
    public StepUpLimits {
        atLeastOne("wrongCodesPerFlow", wrongCodesPerFlow);
        atLeastOne("wrongCodesPerUser", wrongCodesPerUser);
        atLeastOneSecond("wrongCodeWindow", wrongCodeWindow);
        atLeastOneSecond("firstLock", firstLock);
        atLeastOneSecond("longestLock", longestLock);
        atLeastOne("messagesPerFlow", messagesPerFlow);
        atLeastOne("messagesPerUser", messagesPerUser);
        atLeastOneSecond("messageWindow", messageWindow);
        atLeastOneSecond("resendCooldown", resendCooldown);
        atLeastOne("breakerFailures", breakerFailures);
        atLeastOneSecond("breakerOpenFor", breakerOpenFor);
        if (longestLock.compareTo(firstLock) < 0) {
            throw new IllegalArgumentException("longestLock cannot be shorter than firstLock");
        }
        if (signOutAfterWrongCodes <= wrongCodesPerUser) {
            throw new IllegalArgumentException("signOutAfterWrongCodes must be above wrongCodesPerUser");
        }
    }

    // Actions ----------------------------------------------------------------------------------------------------

    /**
     * The lock after a user's n-th consecutive wrong code: {@link #firstLock()} at {@link #wrongCodesPerUser()},
     * doubling with each further one, at most {@link #longestLock()} (NIST SP 800-63B §5.2.2).
     *
     * @param wrongCodesInARow the consecutive wrong codes, at least {@link #wrongCodesPerUser()}.
     * @return how long the user is locked.
     */
    public Duration lockAfter(int wrongCodesInARow) {
        int doublings = Math.max(0, Math.min(wrongCodesInARow - wrongCodesPerUser, MAX_DOUBLINGS));
        Duration lock = firstLock.multipliedBy(1L << doublings);
        return lock.compareTo(longestLock) > 0 ? longestLock : lock;
    }

    // Helpers ----------------------------------------------------------------------------------------------------

    private static void atLeastOne(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, but is " + value);
        }
    }

    private static void atLeastOneSecond(String name, Duration value) {
        Objects.requireNonNull(value, name + " cannot be null");
        if (value.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException(name + " must be at least 1 s, but is " + value);
        }
    }
}
