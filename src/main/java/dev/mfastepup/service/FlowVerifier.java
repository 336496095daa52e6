package dev.mfastepup.service;

import dev.mfastepup.event.StepUpEvent.Outcome;
import dev.mfastepup.event.StepUpEvents;
import dev.mfastepup.Auth0Error;
import dev.mfastepup.Factor;
import dev.mfastepup.client.Auth0Client;
import dev.mfastepup.client.IdpException;
import dev.mfastepup.client.TokenGrantResult;
import dev.mfastepup.config.ModuleClock;
import dev.mfastepup.session.PendingStepUp;
import dev.mfastepup.session.StepUpFlows;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;

/**
 * Verifies one factor of one opened flow: chooses the grant, paces push polls, and turns Auth0's answers into
 * results. {@link MfaService#verify} checks the input and serializes verifications of a flow before it gets here.
 */
@Dependent
final class FlowVerifier {

    private final Auth0Client auth0;
    private final StepUpFlows flows;
    private final StepUpCompletion completion;
    private final StepUpEvents events;
    private final Clock clock;

    @Inject
    FlowVerifier(Auth0Client auth0, StepUpFlows flows, StepUpCompletion completion, StepUpEvents events,
            @ModuleClock Clock clock) {
        this.auth0 = auth0;
        this.flows = flows;
        this.completion = completion;
        this.events = events;
        this.clock = clock;
    }

    VerifyResult verify(MfaRequest step, StepUpFlows.Opened opened, Verification verification, String code) {
        String raw = opened.context().mfaToken();
        PendingStepUp.Challenge challenge = opened.stepUp().challenge();
        try {
            if (verification instanceof Verification.Otp) {
                return completion.complete(step, opened, Factor.OTP, auth0.verifyOtp(step.domain(), raw, code));
            }
            if (verification instanceof Verification.RecoveryCode) {
                return completion.complete(step, opened, Factor.RECOVERY_CODE,
                        auth0.verifyRecoveryCode(step.domain(), raw, code));
            }
            if (verification instanceof Verification.OutOfBandCode) {
                FlowRules.requireChallenge(challenge != null && challenge.factor().deliversCode());
                return completion.complete(step, opened, challenge.factor(),
                        auth0.verifyOob(step.domain(), raw, opened.context().oobCode(), code));
            }
            FlowRules.requireChallenge(challenge != null && challenge.factor() == Factor.PUSH);
            return pollPush(step, opened, challenge);
        } catch (IdpException failure) {
            throw rejected(step, opened, challenge, factorOf(verification, challenge), failure);
        }
    }

    /** The factor a verification is for: its own kind, or the challenge's for a code sent or a push. */
    private static Factor factorOf(Verification verification, PendingStepUp.Challenge challenge) {
        if (verification instanceof Verification.Otp) {
            return Factor.OTP;
        }
        if (verification instanceof Verification.RecoveryCode) {
            return Factor.RECOVERY_CODE;
        }
        return challenge == null ? null : challenge.factor();
    }

    private VerifyResult pollPush(MfaRequest step, StepUpFlows.Opened opened, PendingStepUp.Challenge challenge) {
        Duration interval = Duration.ofSeconds(challenge.pollIntervalSeconds());
        if (challenge.lastPolledAt() != null) {
            Duration waited = Duration.between(challenge.lastPolledAt(), clock.instant());
            if (waited.compareTo(interval) < 0) {
                // Polled too soon (a reload, a second tab): answer without asking Auth0.
                return new VerifyResult.Pending(interval.minus(waited), false);
            }
        }
        TokenGrantResult result;
        try {
            result = auth0.verifyOob(step.domain(), opened.context().mfaToken(), opened.context().oobCode(), null);
        } catch (IdpException pending) {
            Auth0Error answer = Auth0Error.of(pending.code());
            if (!answer.isStillPending()) {
                throw pending;
            }
            boolean slowDown = answer == Auth0Error.SLOW_DOWN;
            int next = challenge.pollIntervalSeconds() + (slowDown ? MfaService.SLOW_DOWN_STEP_SECONDS : 0);
            flows.update(step.session(), opened.stepUp().with(opened.stepUp().sealedContext(),
                    challenge.polled(next, clock.instant())));
            return new VerifyResult.Pending(Duration.ofSeconds(next), slowDown);
        }
        return completion.complete(step, opened, Factor.PUSH, result);
    }

    private RuntimeException rejected(MfaRequest step, StepUpFlows.Opened opened, PendingStepUp.Challenge challenge,
            Factor factor, IdpException failure) {
        if (Auth0Error.INVALID_GRANT.is(failure.code()) && challenge != null && challenge.factor() == Factor.PUSH) {
            // The push was denied: that answer is final, so stop polling; another factor may still be tried.
            flows.recordChallenge(step.session(), opened, null, null);
        }
        RuntimeException outcome = FlowRules.ended(flows, events, step, opened.stepUp().flowId(), failure);
        if (outcome == failure) {
            Auth0Error answer = Auth0Error.of(failure.code());
            if (answer.isWrongCode()) {
                events.publish(Outcome.WRONG_CODE, opened.stepUp().flowId(), step.domain(), factor, null, null);
            } else if (answer.isTryLater()) {
                events.publish(Outcome.LOCKED, opened.stepUp().flowId(), step.domain(), factor, "auth0", null);
            }
        }
        return outcome;
    }
}
