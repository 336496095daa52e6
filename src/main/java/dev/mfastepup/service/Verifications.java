package dev.mfastepup.service;

import dev.mfastepup.Auth0Error;
import dev.mfastepup.AttemptsLockedException;
import dev.mfastepup.ErrorCodes;
import dev.mfastepup.Factor;
import dev.mfastepup.MfaException;
import dev.mfastepup.MfaTokenExpiredException;
import dev.mfastepup.MfaTokenInvalidException;
import dev.mfastepup.client.IdpException;
import dev.mfastepup.config.ModuleClock;
import dev.mfastepup.event.SecurityLog;
import dev.mfastepup.event.StepUpEvent.Outcome;
import dev.mfastepup.event.StepUpEvents;
import dev.mfastepup.session.PendingStepUp;
import dev.mfastepup.session.StepUpFlows;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;

/**
 * Verifies the second factor of a flow under the {@link AttemptLimiter}'s limits, one grant per flow at a time;
 * see {@link MfaService#verify}.
 */
@Dependent
class Verifications implements StepUpVerification {

    /** How long Auth0 takes to give back one attempt of its bucket, the wait when it names none. */
    private static final Duration AUTH0_REFILL = Duration.ofMinutes(6);

    private StepUpRequests requests;
    private StepUpFlows flows;
    private FlowVerifier verifier;
    private AttemptLimiter attempts;
    private StepUpEvents events;
    private Clock clock;

    /** For the subclass CDI makes when an application decorates {@link StepUpVerification}; it is never used. */
    public Verifications() {
    }

    @Inject
    Verifications(StepUpRequests requests, StepUpFlows flows, FlowVerifier verifier, AttemptLimiter attempts,
            StepUpEvents events, @ModuleClock Clock clock) {
        this.requests = requests;
        this.flows = flows;
        this.verifier = verifier;
        this.attempts = attempts;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public VerifyResult verify(String flowId, Verification verification) {
        String code = checkedCode(verification);
        MfaRequest step = requests.begin();
        Optional<PendingStepUp> found = requests.pending(flowId);
        if (found.isEmpty()) {
            // Completed meanwhile, in this tab or another one: back to this tab's page, nothing sent to Auth0.
            return alreadyVerified(step, flowId).orElseThrow(MfaTokenInvalidException::new);
        }
        ReentrantLock lock = requests.lockFor(step, found.get().key());
        lock.lock();
        try {
            StepUpFlows.Opened opened;
            try {
                opened = requests.open(step, flowId);
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

    /** See {@link MfaService#alreadyVerified(String)}. */
    Optional<VerifyResult.AlreadyVerified> alreadyVerified(String flowId) {
        if (!requests.hasSession() || flowId == null) {
            return Optional.empty();
        }
        try {
            return alreadyVerified(requests.begin(), flowId);
        } catch (MfaTokenInvalidException nobodySignedIn) {
            return Optional.empty();
        }
    }

    private Optional<VerifyResult.AlreadyVerified> alreadyVerified(MfaRequest step, String flowId) {
        return flows.completed(step.session(), flowId)
                .filter(done -> requests.validToken(step, done.key(), clock.instant()).isPresent())
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
            events.publish(Outcome.LOCKED, flowId, step.domain(), null, "flow_attempts", null);
            throw new MfaTokenExpiredException(exhausted);
        } catch (AttemptsLockedException locked) {
            SecurityLog.record(Level.WARNING, "mfa.locked", step.request(), step.subject(), flowId,
                    "retry_after_s", Long.toString(locked.retryAfter().toSeconds()));
            events.publish(Outcome.LOCKED, flowId, step.domain(), null, "attempts", null);
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
     * The user's hundredth wrong code in a row, or a later one: whoever is typing them has a password and time,
     * so the session ends (a new sign-in before every further try) and the operators hear of it.
     */
    private MfaException signOutAtHardCap(MfaRequest step, String flowId) {
        SecurityLog.record(Level.SEVERE, "mfa.hard_cap", step.request(), step.subject(), flowId,
                "failures_in_a_row", "at_least_" + attempts.hardCap(), "action", "session_invalidated");
        step.session().invalidate();
        events.publish(Outcome.LOCKED, flowId, step.domain(), null, "hard_cap", null);
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
}
