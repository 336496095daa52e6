package dev.mfastepup.event;

import dev.mfastepup.Factor;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One outcome of a step-up, fired as a CDI event at every step of every flow: for dashboards, audit trails and
 * alerts that want the whole story of a flow, not only its start and its end. Observe it synchronously or
 * asynchronously; an observer that throws is logged and never breaks the step-up.
 * <pre>
 * void onStep(&#64;Observes StepUpEvent event) {
 *     if (event.outcome() == StepUpEvent.Outcome.LOCKED) {
 *         alerts.raise("mfa-lockout", event.tenant(), event.reason());
 *     }
 * }
 * </pre>
 *
 * <p>It carries a pseudonymous flow id (random, and nothing else of the user), the tenant, the factor and a reason
 * from a closed set: never a token, a code, a phone number or an e-mail address. {@link StepUpStarted} and
 * {@link StepUpCompleted} still carry the user's {@code sub}, for applications that act on the user.
 *
 * @param outcome what happened.
 * @param flowId the opaque flow id; {@code null} for a step-up through Universal Login that no flow of the MFA
 *        pages started.
 * @param tenant the Auth0 domain of the flow.
 * @param factor the factor concerned, when there is one; {@code null} otherwise (and for Universal Login, which does
 *        not say which factor the user gave).
 * @param reason for {@link Outcome#LOCKED} and {@link Outcome#FAILED}, why (see each); {@code null} otherwise.
 * @param elapsed for {@link Outcome#VERIFIED}, the time since the flow started; {@code null} otherwise.
 * @param at when it happened.
 * @since 0.2
 */
public record StepUpEvent(Outcome outcome, String flowId, String tenant, Factor factor, String reason,
        Duration elapsed, Instant at) {

    /** What happened in a flow. */
    public enum Outcome {
        /** Auth0 asked for a second factor and a flow began (or a verified factor was not enough). */
        STARTED,
        /** The user chose an authenticator to be challenged with, or a factor to enroll. */
        FACTOR_CHOSEN,
        /** A code went out by SMS, voice call or e-mail, or a push notification to the user's device. */
        CODE_SENT,
        /** The second factor was verified: the token is in the session. */
        VERIFIED,
        /** Auth0 refused a code the user typed, or a push the user denied. */
        WRONG_CODE,
        /**
         * The user may not try again for a while: {@code reason} is {@code attempts} (the module's limit of wrong
         * codes per user), {@code flow_attempts} (the flow's wrong codes are used up: it ends), {@code auth0} (Auth0's
         * {@code too_many_attempts}) or {@code hard_cap} (a hundred wrong codes in a row: the session ends).
         */
        LOCKED,
        /** The flow's {@code mfa_token} expired (Auth0 gives it ten minutes). */
        EXPIRED,
        /** The user cancelled the flow. */
        CANCELLED,
        /** The flow goes on through Universal Login (a security key, or the MFA grant not allowed). */
        UNIVERSAL_LOGIN,
        /**
         * The step-up failed: {@code reason} is {@code identity_mismatch} (the token named another user),
         * {@code context_invalid} (the sealed context did not open), {@code loop} (Auth0 asked again right after a
         * step-up), {@code not_proven} (Universal Login's token did not prove a second factor), or Auth0's error code
         * when Auth0 refused a step ({@code auth0_} and the code in lower case, such as {@code auth0_access_denied};
         * {@code auth0_other} for a code the module does not know).
         */
        FAILED
    }

    /**
     * Checks what is required.
     *
     * @param outcome what happened.
     * @param flowId the flow id, or {@code null}.
     * @param tenant the Auth0 domain.
     * @param factor the factor, or {@code null}.
     * @param reason why, or {@code null}.
     * @param elapsed the time since the flow started, or {@code null}.
     * @param at when.
     */
    public StepUpEvent {
        Objects.requireNonNull(outcome, "outcome cannot be null");
        Objects.requireNonNull(at, "at cannot be null");
    }
}
