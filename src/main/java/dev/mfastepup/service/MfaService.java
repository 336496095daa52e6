package dev.mfastepup.service;

import dev.mfastepup.AttemptsLockedException;
import dev.mfastepup.Factor;
import dev.mfastepup.MfaException;
import dev.mfastepup.MfaTokenExpiredException;
import dev.mfastepup.MfaTokenInvalidException;
import dev.mfastepup.SendsLimitedException;
import dev.mfastepup.client.IdpException;
import dev.mfastepup.config.MfaStepUpConfig;
import dev.mfastepup.config.StepUpLimits;
import dev.mfastepup.event.StepUpCompleted;
import dev.mfastepup.session.PendingStepUp;
import dev.mfastepup.session.StepUpFlows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The second factor of a step-up flow: list, enroll, challenge, verify, for the pages and for any other front
 * end. Callers pass only the opaque flow id of {@link dev.mfastepup.token.MfaRequiredException}; Auth0's
 * {@code mfa_token} stays sealed in the session and is unsealed, bound to the flow, user, tenant and session of
 * the request, for each call.
 *
 * <pre>
 *  MfaRequiredException(flowId)
 *        │
 *        ▼
 *  (1) listAuthenticators(flowId) ──empty, or requirements say enroll──► (2a) enroll(flowId, factor)
 *        │ one chosen                                                        │ secret + QR, or a code sent
 *        ▼                                                                   │
 *  (2b) challenge(flowId, authenticator) ─ OTP and recovery codes: no call   │
 *        │ code sent, or push sent                                           │
 *        ▼                                                                   ▼
 *  (3) verify(flowId, otp | code | push poll | recovery code)
 *        ├─ Verified: token in the session, flow ended, session id renewed, StepUpCompleted fired
 *        ├─ Pending: push not answered yet, poll again after retryIn (5 s, +5 s per slow_down)
 *        ├─ AnotherFactorRequired: chained MFA, continue with the new flow
 *        └─ exceptions: invalid_grant (wrong code, push denied), too_many_attempts, mfa_token_expired, ...
 * </pre>
 *
 * <p>Errors are {@link MfaException}s with stable codes: {@code invalid_input} (nothing was sent to Auth0),
 * {@code mfa_token_invalid} and {@code mfa_token_expired} (the flow is over; start again), Auth0's own codes
 * such as {@code invalid_grant} and {@code too_many_attempts} ({@link IdpException}), and {@code idp_unavailable}.
 *
 * @since 0.1
 */
@ApplicationScoped
public class MfaService {

    /** The first wait between two polls of a push approval; Auth0 names none, so it is ours. */
    public static final int PUSH_POLL_INTERVAL_SECONDS = 5;
    /** How much each {@code slow_down} adds to the wait. */
    public static final int SLOW_DOWN_STEP_SECONDS = 5;
    /**
     * How long after a code was sent by SMS, voice or email another may be asked for, by default: the configured
     * wait is {@link StepUpLimits#resendCooldown()} ({@code mfa-stepup.limits.resend-cooldown-seconds}).
     */
    public static final Duration RESEND_COOLDOWN = StepUpLimits.DEFAULTS.resendCooldown();

    private MfaStepUpConfig config;
    private StepUpRequests requests;
    private StepUpFlows flows;
    private Authenticators authenticators;
    private Enrollments enrollments;
    private Challenges challenges;
    private StepUpVerification verification;
    private Verifications completedFlows;

    /** For CDI proxies only. */
    protected MfaService() {
    }

    @Inject
    MfaService(MfaStepUpConfig config, StepUpRequests requests, StepUpFlows flows, Authenticators authenticators,
            Enrollments enrollments, Challenges challenges, StepUpVerification verification,
            Verifications completedFlows) {
        this.config = config;
        this.requests = requests;
        this.flows = flows;
        this.authenticators = authenticators;
        this.enrollments = enrollments;
        this.challenges = challenges;
        this.verification = verification;
        this.completedFlows = completedFlows;
    }

    // Flows ------------------------------------------------------------------------------------------------------

    /**
     * Returns the most recent step-up flow of the session.
     *
     * @return the flow, or empty when none is in progress.
     */
    public Optional<StepUpFlow> pendingFlow() {
        return requests.newest().map(this::view);
    }

    /**
     * Returns a step-up flow of the session.
     *
     * @param flowId the flow id.
     * @return the flow, or empty when there is no such flow (any more).
     */
    public Optional<StepUpFlow> flow(String flowId) {
        // Under the id the browser knows: another tab's entry id shows the same flow with its own return path.
        return requests.pending(flowId).map(this::view).map(flow -> flow.shownAs(flowId));
    }

    /**
     * Ends a flow without a token, for example when the user cancels.
     *
     * @param flowId the flow id.
     */
    public void cancel(String flowId) {
        if (flows.end(requests.session(), flowId)) {
            requests.reportCancelled(flowId);
        }
    }

    // (1) List ---------------------------------------------------------------------------------------------------

    /**
     * Lists the user's authenticators that can be challenged in this flow: confirmed ones whose factor the
     * requirements allow, plus ones of types this module does not support (without a factor, to show as such).
     * An empty list means the user has to enroll first.
     *
     * <p>Auth0 is asked once per flow within 30 seconds: the page that shows the list, the post that picks one and
     * {@link #challenge}'s check of the chosen id use the same answer. An enrollment or a removal in the flow makes
     * the next call ask again.
     *
     * @param flowId the flow id.
     * @return the authenticators, in Auth0's order.
     */
    public List<MfaAuthenticator> listAuthenticators(String flowId) {
        return authenticators.challengeable(flowId);
    }

    /**
     * Returns the factors the user may enroll in this flow: those the requirements demand, or all that the MFA
     * API can enroll. None when Auth0's requirements do not ask for an enrollment and the user already has a
     * confirmed authenticator of any type, even one this flow cannot use (a security key): Auth0 lets an
     * {@code mfa_token} enroll only a user who has none, and answers "User is already enrolled" otherwise. Such a
     * user is not offered a weaker factor; the pages offer Universal Login instead, when it is configured.
     *
     * @param flowId the flow id.
     * @return the factors; never {@link Factor#RECOVERY_CODE}; empty when nothing may be enrolled.
     * @throws MfaTokenInvalidException when there is no such flow.
     */
    public Set<Factor> enrollableFactors(String flowId) {
        return authenticators.enrollableFactors(flowId);
    }

    // (2a) Enroll ------------------------------------------------------------------------------------------------

    /**
     * Starts an enrollment ({@code POST /mfa/associate}). Confirm it with {@link #verify}: an
     * {@link Verification.Otp} for OTP, an {@link Verification.OutOfBandCode} for SMS, voice and email, a
     * {@link Verification.PushApproval} for push.
     *
     * @param flowId the flow id.
     * @param enrollment the factor and its phone number or address.
     * @return the secret and QR URI, or that a code was sent; and recovery codes of a first enrollment.
     * @throws MfaException {@code invalid_input} for a malformed phone number or address,
     *         {@code unsupported_factor} for a factor not allowed here; nothing is sent to Auth0 then.
     *         {@code enrollment_not_allowed} when Auth0 does not demand an enrollment and the user already has a
     *         confirmed authenticator of any type (the list is asked of Auth0; nothing is enrolled), or when Auth0
     *         answers that the user is already enrolled.
     * @throws SendsLimitedException for SMS, voice and email, under the limits of {@link #challenge}: the
     *         enrollment sends a code too.
     */
    public Enrollment enroll(String flowId, EnrollmentRequest enrollment) {
        return enrollments.enroll(flowId, enrollment);
    }

    // (2b) Challenge ---------------------------------------------------------------------------------------------

    /**
     * Challenges an enrolled authenticator ({@code POST /mfa/challenge}): sends the SMS, call, email or push.
     * OTP and recovery codes need no challenge; for them nothing is sent and the page asks for the code at once.
     *
     * <p>Before anything is sent, the authenticator's id is looked up in the list Auth0 gives for this flow's user,
     * and the type Auth0 lists decides the factor (SEC-26): an id Auth0 does not list, or a type the caller made
     * up, cannot make Auth0 send anything. An OTP authenticator (with or without an id: "the code of my app") is
     * not looked up, because nothing is sent for it and its code is checked by Auth0 when verified.
     *
     * @param flowId the flow id.
     * @param chosen one of {@link #listAuthenticators(String)}.
     * @return what to ask the user for next.
     * @throws MfaException {@code invalid_input} for an authenticator Auth0 does not list for this user,
     *         {@code unsupported_factor} for an authenticator this module or the requirements do not allow; nothing
     *         is sent to Auth0 then.
     * @throws SendsLimitedException {@code resend_too_soon} within the resend cooldown
     *         ({@link StepUpLimits#resendCooldown()}) of the last message to the authenticator whose code the flow
     *         is waiting for, {@code send_limit_reached} after the flow's or the user's messages
     *         ({@link StepUpLimits}; by default 3 in the flow, 10 to the user within an hour); nothing is sent
     *         then.
     */
    public ChallengeSent challenge(String flowId, MfaAuthenticator chosen) {
        return challenges.challenge(flowId, chosen);
    }

    /**
     * Sends the code of the pending SMS, voice or email challenge again, at most once per
     * {@link StepUpLimits#resendCooldown()}, and within the flow's and the user's limits.
     *
     * @param flowId the flow id.
     * @return the new challenge.
     * @throws MfaException {@code no_challenge} when no SMS, voice or email challenge is pending (an enrollment is
     *         resent by enrolling again).
     * @throws SendsLimitedException under the limits of {@link #challenge}, with nothing sent.
     */
    public ChallengeSent resend(String flowId) {
        return challenges.resend(flowId);
    }

    // (3) Verify -------------------------------------------------------------------------------------------------

    /**
     * Verifies the second factor (the {@code mfa-otp}, {@code mfa-oob} or {@code mfa-recovery-code} grant). On
     * success the new token replaces the session's token for the flow's audience and scope, a rotated refresh
     * token is kept, the flow ends, the session id is renewed and {@link StepUpCompleted} is fired. Two requests
     * verifying the same flow at once send one grant; the other gets {@link VerifyResult.AlreadyVerified}.
     *
     * @param flowId the flow id.
     * @param verification what the user entered or did.
     * @return the outcome.
     * @throws MfaException {@code invalid_input} for a malformed code (nothing sent to Auth0), {@code no_challenge}
     *         when an out-of-band code or push is verified without a pending challenge,
     *         {@code identity_mismatch} when Auth0's ID token names another user or fails its signature,
     *         issuer, audience or expiry check (the session is invalidated).
     * @throws IdpException Auth0's {@code invalid_grant} for a wrong code or a denied push,
     *         {@code too_many_attempts} when locked, {@code idp_unavailable} when Auth0 cannot be asked (also for
     *         the tenant's signing keys; then nothing is stored and the session stays).
     * @throws MfaTokenExpiredException when the flow expired, here or at Auth0, or had its five wrong codes.
     * @throws AttemptsLockedException after too many wrong codes of this user, in any session (nothing is sent
     *         to Auth0, even for a correct code), or after Auth0's {@code too_many_attempts}.
     * @throws MfaException {@code too_many_failures} when this wrong code is the user's hundredth in a row or a
     *         later one: the session is invalidated and an alert logged.
     */
    public VerifyResult verify(String flowId, Verification verification) {
        return this.verification.verify(flowId, verification);
    }

    /**
     * Tells whether a flow (or another tab's entry of it) was completed lately in this session and its token is
     * still there: a page of that flow then sends its user back to the page that asked for the step-up, instead
     * of saying that the flow expired.
     *
     * @param flowId the flow id the browser sent.
     * @return the audience, scope and this id's return path; empty when the id did not complete lately.
     */
    public Optional<VerifyResult.AlreadyVerified> alreadyVerified(String flowId) {
        return completedFlows.alreadyVerified(flowId);
    }

    /**
     * Deletes an authenticator of the user ({@code DELETE /mfa/authenticators/{id}}) with the flow's
     * {@code mfa_token}, as Auth0's JavaScript SDK does: it is the only credential a step-up holds. Auth0's
     * documentation asks for an access token of the {@code https://{domain}/mfa/} audience with
     * {@code remove:authenticators} instead; where Auth0 holds to that, the refusal is an {@link IdpException} and
     * nothing is removed. An application that holds such a token calls
     * {@link dev.mfastepup.client.Auth0Client#deleteAuthenticator} with it.
     *
     * @param flowId the flow id.
     * @param authenticatorId the authenticator.
     */
    public void deleteAuthenticator(String flowId, String authenticatorId) {
        authenticators.delete(flowId, authenticatorId);
    }

    private StepUpFlow view(PendingStepUp pending) {
        return StepUpFlow.of(pending, config.contextTtl());
    }
}
