package dev.mfastepup.token;

import dev.mfastepup.StepUpRequirements;

/**
 * Builds the token package's exceptions for tests of other packages: applications cannot, since only the module
 * throws them.
 */
public final class TokenExceptions {

    private TokenExceptions() {
    }

    public static MfaRequiredException mfaRequired(String flowId, String audience, String scope,
            StepUpRequirements requirements) {
        return new MfaRequiredException(flowId, audience, scope, requirements);
    }

    public static AccessTokenException accessToken(String code, String message, Throwable cause) {
        return new AccessTokenException(code, message, cause);
    }
}
