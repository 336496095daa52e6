package dev.mfastepup.service;

import dev.mfastepup.ErrorCodes;
import dev.mfastepup.Factor;
import dev.mfastepup.MfaException;
import dev.mfastepup.MfaTokenInvalidException;
import dev.mfastepup.client.Auth0Client;
import dev.mfastepup.client.IdpException;
import dev.mfastepup.client.model.ChallengeResponse;
import dev.mfastepup.config.ModuleClock;
import dev.mfastepup.event.SecurityLog;
import dev.mfastepup.event.StepUpEvent.Outcome;
import dev.mfastepup.session.PendingStepUp;
import dev.mfastepup.session.StepUpFlows;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.logging.Level;

/** Challenges an enrolled authenticator ({@code POST /mfa/challenge}), and resends; see {@link MfaService#challenge}. */
@Dependent
class Challenges {

    private final Auth0Client auth0;
    private final StepUpRequests requests;
    private final StepUpFlows flows;
    private final Authenticators authenticators;
    private final MessageSends sends;
    private final Clock clock;

    @Inject
    Challenges(Auth0Client auth0, StepUpRequests requests, StepUpFlows flows, Authenticators authenticators,
            MessageSends sends, @ModuleClock Clock clock) {
        this.auth0 = auth0;
        this.requests = requests;
        this.flows = flows;
        this.authenticators = authenticators;
        this.sends = sends;
        this.clock = clock;
    }

    ChallengeSent challenge(String flowId, MfaAuthenticator chosen) {
        return challenge(flowId, chosen, true);
    }

    /** A first challenge ({@code chosen}: the user's choice of factor is reported) or a resend. */
    private ChallengeSent challenge(String flowId, MfaAuthenticator chosen, boolean chosenNow) {
        MfaRequest step = requests.begin();
        StepUpFlows.Opened opened = requests.open(step, flowId);
        // An app's code is neither challenged nor tied to an authenticator (the OTP grant names none): nothing that
        // depends on the id reaches Auth0, so it is not looked up, and costs no call. Anything else is.
        boolean appCode = chosen.supportedFactor().orElse(null) == Factor.OTP;
        MfaAuthenticator authenticator = appCode ? chosen
                : authenticators.listed(step, opened, flowId, chosen.id());
        Factor factor = authenticator.supportedFactor()
                .filter(FactorRules.challengeable(opened.stepUp().requirements())::contains)
                .orElseThrow(() -> new MfaException(ErrorCodes.UNSUPPORTED_FACTOR,
                        "This authenticator cannot be challenged here: " + authenticator.type()));
        if (chosenNow) {
            requests.report(step, Outcome.FACTOR_CHOSEN, opened.stepUp().flowId(), factor, null);
        }
        if (!factor.isOutOfBand()) {
            flows.recordChallenge(step.session(), opened, null, new PendingStepUp.Challenge(factor,
                    authenticator.id(), false, false, clock.instant(), 0, null));
            return new ChallengeSent(factor, false, Duration.ZERO);
        }
        PendingStepUp.Challenge waiting = opened.stepUp().challenge();
        SendLimiter.Send send = sends.count(step, opened.stepUp().flowId(), "authenticator:" + authenticator.id(),
                waiting != null && !waiting.enrollment() && authenticator.id().equals(waiting.authenticatorId()));
        ChallengeResponse answer;
        try {
            answer = auth0.challenge(step.domain(), opened.context().mfaToken(), "oob", authenticator.id());
        } catch (IdpException failure) {
            MessageSends.takeBackIfRefused(send, failure);
            throw requests.refused(step, flowId, failure);
        }
        boolean binding = factor.deliversCode() || "prompt".equals(answer.bindingMethod());
        flows.recordChallenge(step.session(), opened, answer.oobCode(), new PendingStepUp.Challenge(factor,
                authenticator.id(), false, binding, clock.instant(), MfaService.PUSH_POLL_INTERVAL_SECONDS, null));
        SecurityLog.record(Level.INFO, "mfa.challenge_sent", step.request(), step.subject(), opened.stepUp().flowId(),
                "factor", factor.wireName());
        requests.report(step, Outcome.CODE_SENT, opened.stepUp().flowId(), factor, null);
        return new ChallengeSent(factor, binding,
                factor == Factor.PUSH ? Duration.ofSeconds(MfaService.PUSH_POLL_INTERVAL_SECONDS) : Duration.ZERO);
    }

    ChallengeSent resend(String flowId) {
        PendingStepUp pending = requests.pending(flowId).orElseThrow(MfaTokenInvalidException::new);
        PendingStepUp.Challenge challenge = pending.challenge();
        FlowRules.requireChallenge(challenge != null && !challenge.enrollment() && challenge.factor().deliversCode());
        // The cooldown and the limits are the SendLimiter's, the same for a resend as for a first challenge.
        return challenge(flowId, new MfaAuthenticator(challenge.authenticatorId(), challenge.factor(), "oob", null),
                false);
    }
}
