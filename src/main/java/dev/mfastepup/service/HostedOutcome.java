package dev.mfastepup.service;

import dev.mfastepup.session.PendingStepUp.ReturnTo;

/**
 * What came of Auth0's answer to a step-up through Universal Login, and where the user goes next.
 *
 * @param kind what happened.
 * @param returnTo the page the step-up was for, or {@code null} when it is not known (then the application's start).
 * @since 0.2
 */
public record HostedOutcome(Kind kind, ReturnTo returnTo) {

    /** What happened. */
    public enum Kind {
        /** The second factor was proven and the token is in the session. */
        COMPLETED,
        /** The answer matched no request of this session: unknown, used, expired, or another session's. */
        INVALID,
        /** Auth0 answered, but did not prove a recent second factor (or the user gave up there); nothing changed. */
        NOT_PROVEN,
        /** Auth0 could not be asked, or answered with a fault; trying again later may work. */
        UNAVAILABLE,
        /** The token named another user or was not the tenant's; the session was ended. */
        IDENTITY
    }

    static HostedOutcome of(Kind kind, ReturnTo returnTo) {
        return new HostedOutcome(kind, returnTo);
    }
}
