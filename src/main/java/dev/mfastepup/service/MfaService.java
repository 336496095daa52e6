package dev.mfastepup.service;

import dev.mfastepup.AttemptsLockedException;
import dev.mfastepup.Auth0Error;
import dev.mfastepup.ErrorCodes;
import dev.mfastepup.Factor;
import dev.mfastepup.MfaException;
import dev.mfastepup.MfaTokenExpiredException;
import dev.mfastepup.MfaTokenInvalidException;
import dev.mfastepup.SendsLimitedException;
import dev.mfastepup.StepUpRequirements;
import dev.mfastepup.client.Auth0Client;
import dev.mfastepup.client.IdpException;
import dev.mfastepup.client.TenantDomains;
import dev.mfastepup.client.model.AssociateRequest;
import dev.mfastepup.client.model.Authenticator;
import dev.mfastepup.client.model.ChallengeResponse;
import dev.mfastepup.client.model.EnrollmentResponse;
import dev.mfastepup.config.MfaStepUpConfig;
import dev.mfastepup.event.SecurityLog;
import dev.mfastepup.event.StepUpCompleted;
import dev.mfastepup.event.StepUpStarted;
import dev.mfastepup.session.PendingStepUp;
import dev.mfastepup.session.PendingStepUps;
import dev.mfastepup.session.SessionTokens;
import dev.mfastepup.session.StepUpFlows;
import dev.mfastepup.token.SessionCredentials;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;

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
    /** How long after a code was sent by SMS, voice or email another may be asked for. */
    public static final Duration RESEND_COOLDOWN = Duration.ofSeconds(30);

    /** How long Auth0 takes to give back one attempt of its bucket, the wait when it names none. */
    private static final Duration AUTH0_REFILL = Duration.ofMinutes(6);

    private MfaStepUpConfig config;
    private Auth0Client auth0;
    private TenantDomains domains;
    private StepUpFlows flows;
    private SessionCredentials credentials;
    private HttpServletRequest request;
    private Clock clock;
    private FlowVerifier verifier;
    private AttemptLimiter attempts;
    private SendLimiter sends;

    /** For CDI proxies only. */
    protected MfaService() {
    }

    /**
     * Creates the service; CDI calls this.
     *
     * @param config the module configuration.
     * @param auth0 the Auth0 client.
     * @param domains resolves the Auth0 domain of a request.
     * @param flows opens and ends step-up flows.
     * @param credentials finds the signed-in user.
     * @param completed fired when a flow completes.
     * @param started fired when a chained flow begins.
     * @param request the current request (a CDI proxy to it).
     */
    @Inject
    public MfaService(MfaStepUpConfig config, Auth0Client auth0, TenantDomains domains, StepUpFlows flows,
            SessionCredentials credentials, Event<StepUpCompleted> completed, Event<StepUpStarted> started,
            HttpServletRequest request) {
        this(config, auth0, domains, flows, credentials, completed, started, request, Clock.systemUTC());
    }

    MfaService(MfaStepUpConfig config, Auth0Client auth0, TenantDomains domains, StepUpFlows flows,
            SessionCredentials credentials, Event<StepUpCompleted> completed, Event<StepUpStarted> started,
            HttpServletRequest request, Clock clock) {
        this.config = config;
        this.auth0 = auth0;
        this.domains = domains;
        this.flows = flows;
        this.credentials = credentials;
        this.request = request;
        this.clock = clock;
        this.verifier = new FlowVerifier(auth0, flows,
                new StepUpCompletion(flows, completed, started, clock, config.contextTtl(),
                        new IdTokenCheck(config.clientId(), auth0::baseUri, new IssuerKeys(auth0::keySet, clock),
                                clock)), clock);
        // One per application (this bean is application-scoped): the counts follow the user across sessions, and
        // across the servers of a cluster when the store is shared.
        CountStore counts = CountStore.of(config.limitsStore());
        this.attempts = new AttemptLimiter(clock, counts);
        this.sends = new SendLimiter(clock, counts);
    }

    // Flows ------------------------------------------------------------------------------------------------------

    /**
     * Returns the most recent step-up flow of the session.
     *
     * @return the flow, or empty when none is in progress.
     */
    public Optional<StepUpFlow> pendingFlow() {
        return PendingStepUps.find(request.getSession(false)).flatMap(PendingStepUps::newest).map(this::view);
    }

    /**
     * Returns a step-up flow of the session.
     *
     * @param flowId the flow id.
     * @return the flow, or empty when there is no such flow (any more).
     */
    public Optional<StepUpFlow> flow(String flowId) {
        // Under the id the browser knows: another tab's entry id shows the same flow with its own return path.
        return PendingStepUps.find(request.getSession(false)).flatMap(f -> f.get(flowId)).map(this::view)
                .map(flow -> flow.shownAs(flowId));
    }

    /**
     * Ends a flow without a token, for example when the user cancels.
     *
     * @param flowId the flow id.
     */
    public void cancel(String flowId) {
        flows.end(request.getSession(false), flowId);
    }

    // (1) List ---------------------------------------------------------------------------------------------------

    /**
     * Lists the user's authenticators that can be challenged in this flow: confirmed ones whose factor the
     * requirements allow, plus ones of types this module does not support (without a factor, to show as such).
     * An empty list means the user has to enroll first.
     *
     * @param flowId the flow id.
     * @return the authenticators, in Auth0's order.
     */
    public List<MfaAuthenticator> listAuthenticators(String flowId) {
        MfaRequest step = begin();
        StepUpFlows.Opened opened = open(step, flowId);
        Set<Factor> allowed = challengeable(opened.stepUp().requirements());
        try {
            return auth0.listAuthenticators(step.domain(), opened.context().mfaToken()).stream()
                    .filter(a -> a.isActive())
                    .map(MfaAuthenticator::of)
                    .filter(a -> a.factor() == null || allowed.contains(a.factor()))
                    .toList();
        } catch (IdpException failure) {
            throw FlowRules.ended(flows, step, flowId, failure);
        }
    }

    /**
     * Returns the factors the user may enroll in this flow: those the requirements demand, or all that the MFA
     * API can enroll.
     *
     * @param flowId the flow id.
     * @return the factors; never {@link Factor#RECOVERY_CODE}.
     * @throws MfaTokenInvalidException when there is no such flow.
     */
    public Set<Factor> enrollableFactors(String flowId) {
        PendingStepUp pending = PendingStepUps.find(request.getSession(false)).flatMap(f -> f.get(flowId))
                .orElseThrow(MfaTokenInvalidException::new);
        return enrollable(pending.requirements());
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
     *         {@code enrollment_not_allowed} when Auth0 does not demand an enrollment and the user already has an
     *         authenticator this step can challenge (the list is asked of Auth0; nothing is enrolled).
     * @throws SendsLimitedException for SMS, voice and email, under the limits of {@link #challenge}: the
     *         enrollment sends a code too.
     */
    public Enrollment enroll(String flowId, EnrollmentRequest enrollment) {
        Factor factor = enrollment.factor();
        String phone = factor == Factor.SMS || factor == Factor.VOICE ? InputSyntax.phoneNumber(enrollment.phoneNumber())
                : null;
        String email = factor == Factor.EMAIL && enrollment.email() != null && !enrollment.email().isBlank()
                ? InputSyntax.email(enrollment.email()) : null;
        MfaRequest step = begin();
        StepUpFlows.Opened opened = open(step, flowId);
        if (!enrollable(opened.stepUp().requirements()).contains(factor)) {
            throw new MfaException(ErrorCodes.UNSUPPORTED_FACTOR, "Unsupported factor_type: " + factor.wireName()
                    + ". Supported types: " + names(enrollable(opened.stepUp().requirements())));
        }
        if (!demandsEnrollment(opened.stepUp().requirements()) && hasUsableAuthenticator(flowId)) {
            // A session that passed the first factor only must not add a factor to a user who has one (SEC-26).
            throw new MfaException(ErrorCodes.ENROLLMENT_NOT_ALLOWED,
                    "The user has an authenticator for this step; enrollment is not allowed here");
        }
        AssociateRequest associate = factor == Factor.OTP
                ? new AssociateRequest(List.of("otp"), null, null, null)
                : new AssociateRequest(List.of("oob"), List.of(factor.wireName()), phone, email);
        // Auth0 sends a code to a number or address being enrolled: that costs the same as a challenge.
        PendingStepUp.Challenge waiting = opened.stepUp().challenge();
        SendLimiter.Send send = factor.deliversCode() ? countSend(step, opened.stepUp().flowId(),
                factor.wireName() + ':' + (phone != null ? phone : email),
                waiting != null && waiting.enrollment() && waiting.factor() == factor) : null;
        EnrollmentResponse answer;
        try {
            answer = auth0.associate(step.domain(), opened.context().mfaToken(), associate);
        } catch (IdpException failure) {
            takeBackIfRefused(send, failure);
            throw FlowRules.ended(flows, step, flowId, failure);
        }
        if (factor.isOutOfBand() != "oob".equals(answer.authenticatorType())
                || (factor.isOutOfBand() && !factor.wireName().equals(answer.oobChannel()))) {
            throw new IdpException(ErrorCodes.IDP_BAD_RESPONSE, 200, null,
                    "Auth0 answered the enrollment of " + factor.wireName() + " with another factor", null, null);
        }
        boolean binding = factor.deliversCode() || "prompt".equals(answer.bindingMethod());
        String recoveryCode = answer.recoveryCodes() == null || answer.recoveryCodes().isEmpty() ? null
                : answer.recoveryCodes().get(0);
        flows.recordEnrollment(step.session(), opened, factor.isOutOfBand() ? answer.oobCode() : null, recoveryCode,
                new PendingStepUp.Challenge(factor, null, true, binding, clock.instant(), PUSH_POLL_INTERVAL_SECONDS,
                        null));
        return new Enrollment(factor, answer.secret(), answer.barcodeUri(), binding, answer.recoveryCodes());
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
     * @throws SendsLimitedException {@code resend_too_soon} within {@link #RESEND_COOLDOWN} of the last message
     *         to the authenticator whose code the flow is waiting for, {@code send_limit_reached} after 3 messages
     *         in the flow or 10 to the user within an hour; nothing is sent then.
     */
    public ChallengeSent challenge(String flowId, MfaAuthenticator chosen) {
        MfaRequest step = begin();
        StepUpFlows.Opened opened = open(step, flowId);
        // An app's code is neither challenged nor tied to an authenticator (the OTP grant names none): nothing that
        // depends on the id reaches Auth0, so it is not looked up, and costs no call. Anything else is.
        boolean appCode = chosen.supportedFactor().orElse(null) == Factor.OTP;
        MfaAuthenticator authenticator = appCode ? chosen : listed(step, opened, flowId, chosen.id());
        Factor factor = authenticator.supportedFactor().filter(challengeable(opened.stepUp().requirements())::contains)
                .orElseThrow(() -> new MfaException(ErrorCodes.UNSUPPORTED_FACTOR,
                        "This authenticator cannot be challenged here: " + authenticator.type()));
        if (!factor.isOutOfBand()) {
            flows.recordChallenge(step.session(), opened, null, new PendingStepUp.Challenge(factor,
                    authenticator.id(), false, false, clock.instant(), 0, null));
            return new ChallengeSent(factor, false, Duration.ZERO);
        }
        PendingStepUp.Challenge waiting = opened.stepUp().challenge();
        SendLimiter.Send send = countSend(step, opened.stepUp().flowId(), "authenticator:" + authenticator.id(),
                waiting != null && !waiting.enrollment() && authenticator.id().equals(waiting.authenticatorId()));
        ChallengeResponse answer;
        try {
            answer = auth0.challenge(step.domain(), opened.context().mfaToken(), "oob", authenticator.id());
        } catch (IdpException failure) {
            takeBackIfRefused(send, failure);
            throw FlowRules.ended(flows, step, flowId, failure);
        }
        boolean binding = factor.deliversCode() || "prompt".equals(answer.bindingMethod());
        flows.recordChallenge(step.session(), opened, answer.oobCode(), new PendingStepUp.Challenge(factor,
                authenticator.id(), false, binding, clock.instant(), PUSH_POLL_INTERVAL_SECONDS, null));
        SecurityLog.record(Level.INFO, "mfa.challenge_sent", step.request(), step.subject(), opened.stepUp().flowId(),
                "factor", factor.wireName());
        return new ChallengeSent(factor, binding,
                factor == Factor.PUSH ? Duration.ofSeconds(PUSH_POLL_INTERVAL_SECONDS) : Duration.ZERO);
    }

    /**
     * Sends the code of the pending SMS, voice or email challenge again, at most once per
     * {@link #RESEND_COOLDOWN}, and within the flow's and the user's limits.
     *
     * @param flowId the flow id.
     * @return the new challenge.
     * @throws MfaException {@code no_challenge} when no SMS, voice or email challenge is pending (an enrollment is
     *         resent by enrolling again).
     * @throws SendsLimitedException under the limits of {@link #challenge}, with nothing sent.
     */
    public ChallengeSent resend(String flowId) {
        PendingStepUp pending = PendingStepUps.find(request.getSession(false)).flatMap(f -> f.get(flowId))
                .orElseThrow(MfaTokenInvalidException::new);
        PendingStepUp.Challenge challenge = pending.challenge();
        FlowRules.requireChallenge(challenge != null && !challenge.enrollment() && challenge.factor().deliversCode());
        // The cooldown and the limits are the SendLimiter's, the same for a resend as for a first challenge.
        return challenge(flowId, new MfaAuthenticator(challenge.authenticatorId(), challenge.factor(), "oob", null));
    }

    /**
     * The user's hundredth wrong code in a row, or a later one: whoever is typing them has a password and time,
     * so the session ends (a new sign-in before every further try) and the operators hear of it.
     */
    private static MfaException signOutAtHardCap(MfaRequest step, String flowId) {
        SecurityLog.record(Level.SEVERE, "mfa.hard_cap", step.request(), step.subject(), flowId,
                "failures_in_a_row", "at_least_" + AttemptLimiter.HARD_CAP, "action", "session_invalidated");
        step.session().invalidate();
        return new MfaException(ErrorCodes.TOO_MANY_FAILURES, "Too many wrong codes in a row; sign in again");
    }

    /** The factor of a typed code, for the security log. */
    private static String factorName(Verification verification, PendingStepUp.Challenge challenge) {
        if (verification instanceof Verification.Otp) {
            return Factor.OTP.wireName();
        }
        if (verification instanceof Verification.RecoveryCode) {
            return Factor.RECOVERY_CODE.wireName();
        }
        return challenge != null ? challenge.factor().wireName() : "oob";
    }

    /** Counts a message under the {@link SendLimiter}'s limits; a refusal is a security event. */
    private SendLimiter.Send countSend(MfaRequest step, String flowId, String target, boolean again) {
        try {
            return sends.begin(step.domain(), step.subject(), flowId, target, again);
        } catch (SendsLimitedException limited) {
            SecurityLog.record(Level.WARNING, "mfa.send_limited", step.request(), step.subject(), flowId, "reason",
                    limited.code());
            throw limited;
        }
    }

    /**
     * Nothing went out when Auth0 refused a send with an answer, or the call was never made (busy, circuit breaker
     * open): then nothing counts. A timeout or a fault may have sent the message, so it stays counted.
     */
    private static void takeBackIfRefused(SendLimiter.Send send, IdpException failure) {
        if (send != null && (failure.isNotSent() || failure.status() > 0 && failure.status() < 500)) {
            send.refused();
        }
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
        String code = checkedCode(verification);
        MfaRequest step = begin();
        Optional<PendingStepUp> found = PendingStepUps.find(step.session()).flatMap(f -> f.get(flowId));
        if (found.isEmpty()) {
            // Completed meanwhile, in this tab or another one: back to this tab's page, nothing sent to Auth0.
            return alreadyVerified(step, flowId).orElseThrow(MfaTokenInvalidException::new);
        }
        PendingStepUp pending = found.get();
        ReentrantLock lock = step.tokens().lockFor(pending.key());
        lock.lock();
        try {
            StepUpFlows.Opened opened;
            try {
                opened = open(step, flowId);
            } catch (MfaTokenInvalidException gone) {
                // The other request of a race held the lock and completed the flow.
                return alreadyVerified(step, flowId).orElseThrow(() -> gone);
            }
            if (verification instanceof Verification.PushApproval) {
                return verifier.verify(step, opened, verification, code);
            }
            return verifyCounted(step, opened, verification, code);
        } finally {
            lock.unlock();
        }
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
        if (request.getSession(false) == null || flowId == null) {
            return Optional.empty();
        }
        try {
            return alreadyVerified(begin(), flowId);
        } catch (MfaTokenInvalidException nobodySignedIn) {
            return Optional.empty();
        }
    }

    private Optional<VerifyResult.AlreadyVerified> alreadyVerified(MfaRequest step, String flowId) {
        return flows.completed(step.session(), flowId)
                .filter(done -> step.tokens().valid(done.key(), clock.instant(), Duration.ZERO).isPresent())
                .map(done -> new VerifyResult.AlreadyVerified(done.key().audience(), done.key().scope(),
                        done.returnTo()));
    }

    /** Verifies a typed code under the {@link AttemptLimiter}'s limits. */
    private VerifyResult verifyCounted(MfaRequest step, StepUpFlows.Opened opened, Verification verification,
            String code) {
        String flowId = opened.stepUp().flowId();
        AttemptLimiter.Attempt attempt;
        try {
            attempt = attempts.begin(step.domain(), step.subject(), flowId);
        } catch (AttemptLimiter.FlowExhaustedException exhausted) {
            SecurityLog.record(Level.WARNING, "mfa.flow_exhausted", step.request(), step.subject(), flowId);
            flows.end(step.session(), flowId);
            throw new MfaTokenExpiredException(exhausted);
        } catch (AttemptsLockedException locked) {
            SecurityLog.record(Level.WARNING, "mfa.locked", step.request(), step.subject(), flowId,
                    "retry_after_s", Long.toString(locked.retryAfter().toSeconds()));
            throw locked;
        }
        try {
            VerifyResult result = verifier.verify(step, opened, verification, code);
            attempt.succeeded();
            return result;
        } catch (IdpException failure) {
            // A wrong code stays counted (once the flow has had its last one, the next code ends it), and so does
            // a code whose answer was lost on the way back: Auth0 may have judged it. Anything else said nothing
            // about the code.
            Auth0Error answer = Auth0Error.of(failure.code());
            String event = answer.isWrongCode() ? "mfa.verify_failed"
                    : answer.isTryLater() ? "mfa.idp_rate_limited" : "mfa.idp_error";
            SecurityLog.record(Level.WARNING, event, step.request(), step.subject(), flowId,
                    "factor", factorName(verification, opened.stepUp().challenge()),
                    "reason", failure.isOutcomeUnknown() ? "outcome_unknown" : failure.code());
            if (!answer.isWrongCode() && !failure.isOutcomeUnknown()) {
                attempt.abandoned();
            } else if (attempt.atHardCap()) {
                throw signOutAtHardCap(step, flowId);
            }
            if (answer.isTryLater()) {
                attempts.lock(step.domain(), step.subject(), failure.retryAfter().orElse(AUTH0_REFILL));
            }
            throw failure;
        } catch (RuntimeException other) {
            attempt.abandoned();
            throw other;
        }
    }

    /**
     * Deletes an authenticator of the user ({@code DELETE /mfa/authenticators/{id}}). Auth0 may refuse it with
     * an {@code mfa_token} (it asks for an access token of the MFA API audience); the refusal is an
     * {@link IdpException}.
     *
     * @param flowId the flow id.
     * @param authenticatorId the authenticator.
     */
    public void deleteAuthenticator(String flowId, String authenticatorId) {
        MfaRequest step = begin();
        StepUpFlows.Opened opened = open(step, flowId);
        try {
            auth0.deleteAuthenticator(step.domain(), opened.context().mfaToken(), authenticatorId);
        } catch (IdpException failure) {
            throw FlowRules.ended(flows, step, flowId, failure);
        }
    }

    // Helpers ----------------------------------------------------------------------------------------------------

    /** The user's authenticator with this id as Auth0 lists it for the flow, never as a caller describes it. */
    private MfaAuthenticator listed(MfaRequest step, StepUpFlows.Opened opened, String flowId, String authenticatorId) {
        List<Authenticator> listed;
        try {
            listed = auth0.listAuthenticators(step.domain(), opened.context().mfaToken());
        } catch (IdpException failure) {
            throw FlowRules.ended(flows, step, flowId, failure);
        }
        return listed.stream()
                .filter(a -> a.isActive() && a.id() != null && a.id().equals(authenticatorId))
                .map(MfaAuthenticator::of)
                .findFirst()
                .orElseThrow(() -> new MfaException(ErrorCodes.INVALID_INPUT,
                        "The authenticator is not one of the user's"));
    }

    /**
     * Opens a flow of the session. A sealed context of this session that does not open (changed, sealed with a
     * key no longer configured, or bound to another user, tenant or session) is a security event; a flow that is not
     * there (a stale link, an ended flow) is not.
     */
    private StepUpFlows.Opened open(MfaRequest step, String flowId) {
        try {
            return flows.open(step.session(), flowId, step.subject(), step.domain());
        } catch (MfaTokenInvalidException invalid) {
            if (invalid.getCause() != null) {
                SecurityLog.record(Level.WARNING, "mfa.context_invalid", step.request(), step.subject(), flowId);
            }
            throw invalid;
        }
    }

    private MfaRequest begin() {
        HttpSession session = request.getSession(false);
        if (session == null) {
            throw new MfaTokenInvalidException();
        }
        SessionTokens tokens = SessionTokens.of(session);
        String subject = credentials.subject(request, tokens).orElseThrow(MfaTokenInvalidException::new);
        return new MfaRequest(request, session, tokens, subject, domains.resolve(request));
    }

    private static String checkedCode(Verification verification) {
        if (verification instanceof Verification.Otp otp) {
            return InputSyntax.sixDigitCode(otp.code());
        }
        if (verification instanceof Verification.OutOfBandCode oob) {
            return InputSyntax.sixDigitCode(oob.bindingCode());
        }
        if (verification instanceof Verification.RecoveryCode recovery) {
            return InputSyntax.recoveryCode(recovery.code());
        }
        if (verification instanceof Verification.PushApproval) {
            return null;
        }
        throw new MfaException(ErrorCodes.INVALID_INPUT, "No verification credential provided");
    }

    private StepUpFlow view(PendingStepUp pending) {
        return StepUpFlow.of(pending, config.contextTtl());
    }

    private static Set<Factor> challengeable(StepUpRequirements requirements) {
        return StepUpRequirements.orNone(requirements).challengeable();
    }

    private static boolean demandsEnrollment(StepUpRequirements requirements) {
        return StepUpRequirements.orNone(requirements).requiresEnrollment();
    }

    private boolean hasUsableAuthenticator(String flowId) {
        return listAuthenticators(flowId).stream()
                .anyMatch(a -> a.supportedFactor().isPresent() && a.factor() != Factor.RECOVERY_CODE);
    }

    private static Set<Factor> enrollable(StepUpRequirements requirements) {
        return StepUpRequirements.orNone(requirements).enrollable();
    }

    private static String names(Set<Factor> factors) {
        return String.join(", ", factors.stream().map(Factor::wireName).toList());
    }
}
