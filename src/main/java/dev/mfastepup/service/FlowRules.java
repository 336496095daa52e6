package dev.mfastepup.service;

import dev.mfastepup.event.StepUpEvent.Outcome;
import dev.mfastepup.event.StepUpEvents;
import dev.mfastepup.Auth0Error;
import dev.mfastepup.ErrorCodes;
import dev.mfastepup.MfaException;
import dev.mfastepup.MfaTokenExpiredException;
import dev.mfastepup.MfaTokenInvalidException;
import dev.mfastepup.client.IdpException;
import dev.mfastepup.session.StepUpFlows;
import java.util.Locale;

/** The rules every step of a flow shares about when a flow ends and what a step needs first. */
final class FlowRules {

    private FlowRules() {
        // static only
    }

    /**
     * Ends the flow when Auth0 says its {@code mfa_token} is expired, invalid or malformed: it can never succeed
     * again. Auth0 uses two of its codes for more than the {@code mfa_token}: {@code expired_token} also answers a
     * text or e-mail code that has expired ("Verification code has expired"), after which a new code is all the
     * user needs; {@code invalid_grant} also answers a malformed {@code mfa_token}, which no code will ever pass.
     * The description tells them apart.
     *
     * @return what to throw: the module's expiry or invalidity, or Auth0's answer as it is.
     */
    static RuntimeException ended(StepUpFlows flows, StepUpEvents events, MfaRequest step, String flowId,
            IdpException failure) {
        if (Auth0Error.EXPIRED_TOKEN.is(failure.code()) && !namesOnlyTheCode(failure)) {
            flows.end(step.session(), flowId);
            events.publish(Outcome.EXPIRED, flowId, step.domain());
            return new MfaTokenExpiredException(failure);
        }
        if (Auth0Error.INVALID_TOKEN.is(failure.code())
                || Auth0Error.INVALID_GRANT.is(failure.code()) && namesTheMfaToken(failure)) {
            flows.end(step.session(), flowId);
            events.publish(Outcome.FAILED, flowId, step.domain(), null, StepUpEvents.auth0Reason(failure.code()),
                    null);
            return new MfaTokenInvalidException(failure);
        }
        return failure;
    }

    /** Auth0's description speaks of the {@code mfa_token}, as in "Malformed mfa_token". */
    private static boolean namesTheMfaToken(IdpException failure) {
        return failure.description().map(text -> text.toLowerCase(Locale.ROOT).contains("mfa_token")).orElse(false);
    }

    /**
     * Auth0's description speaks of a code and not of the {@code mfa_token}, as in "Verification code has expired".
     * Without a description, an {@code expired_token} is the {@code mfa_token}'s, as Auth0 documents it.
     */
    private static boolean namesOnlyTheCode(IdpException failure) {
        return failure.description().map(text -> text.toLowerCase(Locale.ROOT))
                .filter(text -> text.contains("code") && !text.contains("mfa_token")).isPresent();
    }

    /**
     * Auth0 refused an enrollment because the user has an authenticator ("User is already enrolled"). Its code
     * for this is not documented, only its words; a refusal with a status of 500 or more is a fault, not this.
     */
    static boolean alreadyEnrolled(IdpException failure) {
        return failure.status() >= 400 && failure.status() < 500 && failure.description()
                .map(text -> text.toLowerCase(Locale.ROOT).contains("already enrolled")).orElse(false);
    }

    /** Refuses a code or push poll that has no pending challenge to go with. */
    static void requireChallenge(boolean present) {
        if (!present) {
            throw new MfaException(ErrorCodes.NO_CHALLENGE,
                    "There is no pending challenge for this code; choose a method first");
        }
    }
}
