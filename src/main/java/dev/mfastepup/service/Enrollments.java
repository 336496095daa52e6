package dev.mfastepup.service;

import dev.mfastepup.ErrorCodes;
import dev.mfastepup.Factor;
import dev.mfastepup.MfaException;
import dev.mfastepup.client.Auth0Client;
import dev.mfastepup.client.IdpException;
import dev.mfastepup.client.model.AssociateRequest;
import dev.mfastepup.client.model.EnrollmentResponse;
import dev.mfastepup.config.ModuleClock;
import dev.mfastepup.event.StepUpEvent.Outcome;
import dev.mfastepup.session.PendingStepUp;
import dev.mfastepup.session.StepUpFlows;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;

/** Enrolls a new authenticator in a flow ({@code POST /mfa/associate}); see {@link MfaService#enroll}. */
@Dependent
class Enrollments {

    private final Auth0Client auth0;
    private final StepUpRequests requests;
    private final StepUpFlows flows;
    private final Authenticators authenticators;
    private final MessageSends sends;
    private final Clock clock;

    @Inject
    Enrollments(Auth0Client auth0, StepUpRequests requests, StepUpFlows flows, Authenticators authenticators,
            MessageSends sends, @ModuleClock Clock clock) {
        this.auth0 = auth0;
        this.requests = requests;
        this.flows = flows;
        this.authenticators = authenticators;
        this.sends = sends;
        this.clock = clock;
    }

    Enrollment enroll(String flowId, EnrollmentRequest enrollment) {
        Factor factor = enrollment.factor();
        String phone = factor == Factor.SMS || factor == Factor.VOICE ? InputSyntax.phoneNumber(enrollment.phoneNumber())
                : null;
        // An address is required: Auth0's SDKs say a missing one means the user's own, Auth0's API reference does
        // not, and a code sent to an address the user did not see cannot be expected.
        String email = factor == Factor.EMAIL ? InputSyntax.email(enrollment.email()) : null;
        MfaRequest step = requests.begin();
        StepUpFlows.Opened opened = requests.open(step, flowId);
        if (!FactorRules.enrollable(opened.stepUp().requirements()).contains(factor)) {
            throw new MfaException(ErrorCodes.UNSUPPORTED_FACTOR, "Unsupported factor_type: " + factor.wireName()
                    + ". Supported types: " + FactorRules.names(FactorRules.enrollable(opened.stepUp().requirements())));
        }
        if (!FactorRules.demandsEnrollment(opened.stepUp().requirements())
                && authenticators.hasActive(step, opened, flowId)) {
            // A session that passed the first factor only must not add a factor to a user who has one (SEC-26);
            // and Auth0 refuses it anyway ("User is already enrolled"), even when the one the user has cannot be
            // used here (a security key), which Universal Login can.
            throw new MfaException(ErrorCodes.ENROLLMENT_NOT_ALLOWED,
                    "The user already has an authenticator; Auth0 lets a step-up enroll only a user who has none");
        }
        requests.report(step, Outcome.FACTOR_CHOSEN, opened.stepUp().flowId(), factor, null);
        AssociateRequest associate = factor == Factor.OTP
                ? new AssociateRequest(List.of("otp"), null, null, null)
                : new AssociateRequest(List.of("oob"), List.of(factor.wireName()), phone, email);
        // Auth0 sends a code to a number or address being enrolled: that costs the same as a challenge.
        PendingStepUp.Challenge waiting = opened.stepUp().challenge();
        SendLimiter.Send send = factor.deliversCode() ? sends.count(step, opened.stepUp().flowId(),
                factor.wireName() + ':' + (phone != null ? phone : email),
                waiting != null && waiting.enrollment() && waiting.factor() == factor) : null;
        EnrollmentResponse answer;
        try {
            answer = auth0.associate(step.domain(), opened.context().mfaToken(), associate);
        } catch (IdpException failure) {
            MessageSends.takeBackIfRefused(send, failure);
            if (FlowRules.alreadyEnrolled(failure)) {
                // Auth0 knows of an authenticator its list did not show: the same answer as above, not a fault.
                throw new MfaException(ErrorCodes.ENROLLMENT_NOT_ALLOWED,
                        "Auth0 answered that the user is already enrolled");
            }
            throw requests.refused(step, flowId, failure);
        } finally {
            // Auth0 lists the new authenticator (inactive until verified), and a push enrollment's app code too.
            authenticators.changed(opened);
        }
        boolean binding = factor.deliversCode() || "prompt".equals(answer.bindingMethod());
        String recoveryCode = answer.recoveryCodes() == null || answer.recoveryCodes().isEmpty() ? null
                : answer.recoveryCodes().get(0);
        flows.recordEnrollment(step.session(), opened, factor.isOutOfBand() ? answer.oobCode() : null, recoveryCode,
                new PendingStepUp.Challenge(factor, null, true, binding, clock.instant(),
                        MfaService.PUSH_POLL_INTERVAL_SECONDS, null));
        if (factor.deliversCode()) {
            // A push enrollment sends nothing yet: the user scans the QR code first.
            requests.report(step, Outcome.CODE_SENT, opened.stepUp().flowId(), factor, null);
        }
        return new Enrollment(factor, answer.secret(), answer.barcodeUri(), binding, answer.recoveryCodes());
    }
}
