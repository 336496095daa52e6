package dev.mfastepup.token;

/**
 * Benchmark harness only: builds what {@link AccessTokenService} throws when Auth0 asks for MFA, for the check that
 * the filter runs. It sits in the module's package because only the module builds that exception; an application
 * gets it from {@code AccessTokenService}.
 */
public final class OverheadStepUps {

    private OverheadStepUps() {
    }

    /**
     * @param flowId the flow id the filter is to send the browser to.
     * @return the exception, for no audience or scope and no requirements.
     */
    public static MfaRequiredException required(String flowId) {
        return new MfaRequiredException(flowId, "", "", null);
    }
}
