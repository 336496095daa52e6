package dev.mfastepup.service;

import dev.mfastepup.Auth0Error;
import dev.mfastepup.ErrorCodes;
import dev.mfastepup.MfaException;
import dev.mfastepup.MfaTokenExpiredException;
import dev.mfastepup.MfaTokenInvalidException;
import dev.mfastepup.client.IdpException;
import dev.mfastepup.session.StepUpFlows;

/** The rules every step of a flow shares about when a flow ends and what a step needs first. */
final class FlowRules {

    private FlowRules() {
        // static only
    }

    /**
     * Ends the flow when Auth0 says its {@code mfa_token} is expired or invalid: it can never succeed again.
     *
     * @return what to throw: the module's expiry or invalidity, or Auth0's answer as it is.
     */
    static RuntimeException ended(StepUpFlows flows, MfaRequest step, String flowId, IdpException failure) {
        if (Auth0Error.EXPIRED_TOKEN.is(failure.code())) {
            flows.end(step.session(), flowId);
            return new MfaTokenExpiredException(failure);
        }
        if (Auth0Error.INVALID_TOKEN.is(failure.code())) {
            flows.end(step.session(), flowId);
            return new MfaTokenInvalidException(failure);
        }
        return failure;
    }

    /** Refuses a code or push poll that has no pending challenge to go with. */
    static void requireChallenge(boolean present) {
        if (!present) {
            throw new MfaException(ErrorCodes.NO_CHALLENGE,
                    "There is no pending challenge for this code; choose a method first");
        }
    }
}
