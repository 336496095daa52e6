package dev.mfastepup.token;

import dev.mfastepup.ErrorCodes;
import dev.mfastepup.StepUpRequirements;
import java.util.Optional;

/**
 * Auth0 asks for a second factor before it issues the access token. A step-up flow has begun: Auth0's
 * {@code mfa_token} is sealed in the session, and this exception carries only the opaque {@linkplain #flowId()
 * flow id} that the MFA pages and {@link dev.mfastepup.service.MfaService} continue with.
 *
 * <p>Let it propagate: {@code MfaStepUpFilter} catches it wherever it sits in the cause chain and takes the user
 * through the MFA pages. Its code is always {@link ErrorCodes#MFA_REQUIRED}.
 *
 * @since 0.1
 */
public class MfaRequiredException extends AccessTokenException {

    private static final long serialVersionUID = 1L;

    /** The message, as Auth0's Python SDK words it. */
    public static final String MESSAGE = "Multifactor authentication required";

    /** The opaque id of the step-up flow. */
    private final String flowId;
    /** The audience of the token that needs the step-up. */
    private final String audience;
    /** The scope of the token that needs the step-up. */
    private final String scope;
    /** The factor types Auth0 allows. */
    private final StepUpRequirements requirements;

    /**
     * Creates the exception.
     *
     * @param flowId the opaque id of the step-up flow.
     * @param audience the audience the token was asked for; empty for the default audience.
     * @param scope the scope asked for; possibly empty.
     * @param requirements Auth0's {@code mfa_requirements}, or {@code null}.
     */
    MfaRequiredException(String flowId, String audience, String scope, StepUpRequirements requirements) {
        super(ErrorCodes.MFA_REQUIRED, MESSAGE, null);
        this.flowId = flowId;
        this.audience = audience;
        this.scope = scope;
        this.requirements = requirements;
    }

    /**
     * Returns the opaque id of the step-up flow; it is safe to put in a page or a URL.
     *
     * @return the flow id.
     */
    public String flowId() {
        return flowId;
    }

    /**
     * Returns the audience the token was asked for.
     *
     * @return the audience; empty for the default audience.
     */
    public String audience() {
        return audience;
    }

    /**
     * Returns the scope the token was asked for.
     *
     * @return the scope; possibly empty.
     */
    public String scope() {
        return scope;
    }

    /**
     * Returns which factor types Auth0 allows or demands.
     *
     * @return Auth0's {@code mfa_requirements}, if it sent any.
     */
    public Optional<StepUpRequirements> requirements() {
        return Optional.ofNullable(requirements);
    }
}
