package dev.mfastepup.crypto;

import dev.mfastepup.StepUpRequirements;
import java.util.Objects;

/**
 * What a step-up flow needs to remember between Auth0's {@code mfa_required} answer and the final verify call:
 * Auth0's raw {@code mfa_token}, the audience and scope to ask for again, the factors Auth0 offered, when it
 * started, and whose flow it is.
 *
 * <p>This value holds a bearer secret (the raw {@code mfa_token}, and the {@code oob_code} of a pending challenge).
 * It is only ever stored sealed, as the string {@link ContextSealer#seal} makes; keep the record itself in local
 * variables only. That is why it is deliberately not {@link java.io.Serializable}: putting it into an
 * {@code HttpSession} fails loudly instead of writing the token to a session store in clear (SEC-01). For the same
 * reason {@link #toString()} redacts both secrets.
 *
 * <h2>Which fields may be {@code null}</h2>
 * {@code mfaToken}, {@code audience} and {@code scope} never are ({@code scope} may be empty). {@code requirements}
 * is {@code null} when Auth0 sent none, and {@code oobCode} when no out-of-band challenge is pending.
 * {@code flowId}, {@code subject} and {@code domain} are {@code null} only in contexts sealed by the Auth0 Python
 * SDK, whose format has no such fields; contexts this module creates always set them, and
 * {@link ContextSealer#unseal(String, String, String, String)} refuses a context whose binding is missing.
 * {@code sessionBinding} is likewise {@code null} in a Python SDK context (and in one sealed before this module
 * bound contexts to sessions); the module's own contexts carry the random value of the session they were sealed
 * in, and the module's session path refuses a context without it (SEC-04).
 *
 * @param mfaToken the {@code mfa_token} exactly as Auth0 issued it; a bearer secret.
 * @param audience the audience of the token request that needs MFA, {@code "default"} when it named none.
 * @param scope the scope of that token request, possibly empty.
 * @param requirements the factors Auth0 asks to challenge or enroll, or {@code null} when it sent none.
 * @param createdAt when the flow started, in Unix seconds; the time to live counts from here.
 * @param flowId the random id of this step-up flow, or {@code null} for a Python SDK context.
 * @param subject the {@code sub} of the user who started the flow, or {@code null} for a Python SDK context.
 * @param domain the Auth0 domain that issued the token, or {@code null} for a Python SDK context.
 * @param oobCode the {@code oob_code} of a pending out-of-band challenge (push, SMS, voice, email), or {@code null}.
 * @param recoveryCode a recovery code Auth0 issued with an enrollment still to be confirmed, kept (sealed) until the
 *        enrollment is confirmed so that it can be shown then, or {@code null}.
 * @param sessionBinding the random value of the session the context was sealed in (base64url), or {@code null} for
 *        a Python SDK context; a secret of the server side, never shown.
 * @since 0.1
 */
public record StepUpContext(
        String mfaToken,
        String audience,
        String scope,
        StepUpRequirements requirements,
        long createdAt,
        String flowId,
        String subject,
        String domain,
        String oobCode,
        String recoveryCode,
        String sessionBinding) {

    private static final String REDACTED = "[redacted]";

    /**
     * Checks the fields that every context has.
     *
     * @param mfaToken the {@code mfa_token} exactly as Auth0 issued it; never {@code null}.
     * @param audience the audience of the token request that needs MFA; never {@code null}.
     * @param scope the scope of that token request; never {@code null}, possibly empty.
     * @param requirements the factors Auth0 asks to challenge or enroll, or {@code null}.
     * @param createdAt when the flow started, in Unix seconds.
     * @param flowId the random id of this step-up flow, or {@code null} for a Python SDK context.
     * @param subject the {@code sub} of the user who started the flow, or {@code null} for a Python SDK context.
     * @param domain the Auth0 domain that issued the token, or {@code null} for a Python SDK context.
     * @param oobCode the {@code oob_code} of a pending out-of-band challenge, or {@code null}.
     * @param recoveryCode a recovery code issued with a pending enrollment, or {@code null}.
     * @param sessionBinding the random value of the session the context is sealed in, or {@code null}.
     * @throws NullPointerException if {@code mfaToken}, {@code audience} or {@code scope} is {@code null}.
     */
    public StepUpContext {
        Objects.requireNonNull(mfaToken, "mfaToken cannot be null");
        Objects.requireNonNull(audience, "audience cannot be null");
        Objects.requireNonNull(scope, "scope cannot be null");
    }

    /**
     * Creates a context without a pending recovery code.
     *
     * @param mfaToken the {@code mfa_token} exactly as Auth0 issued it; never {@code null}.
     * @param audience the audience of the token request that needs MFA; never {@code null}.
     * @param scope the scope of that token request; never {@code null}, possibly empty.
     * @param requirements the factors Auth0 asks to challenge or enroll, or {@code null}.
     * @param createdAt when the flow started, in Unix seconds.
     * @param flowId the random id of this step-up flow, or {@code null} for a Python SDK context.
     * @param subject the {@code sub} of the user who started the flow, or {@code null} for a Python SDK context.
     * @param domain the Auth0 domain that issued the token, or {@code null} for a Python SDK context.
     * @param oobCode the {@code oob_code} of a pending out-of-band challenge, or {@code null}.
     */
    public StepUpContext(String mfaToken, String audience, String scope, StepUpRequirements requirements,
            long createdAt, String flowId, String subject, String domain, String oobCode) {
        this(mfaToken, audience, scope, requirements, createdAt, flowId, subject, domain, oobCode, null, null);
    }

    /**
     * Creates a context that is not bound to a session, as the Python SDK's are.
     *
     * @param mfaToken the {@code mfa_token} exactly as Auth0 issued it; never {@code null}.
     * @param audience the audience of the token request that needs MFA; never {@code null}.
     * @param scope the scope of that token request; never {@code null}, possibly empty.
     * @param requirements the factors Auth0 asks to challenge or enroll, or {@code null}.
     * @param createdAt when the flow started, in Unix seconds.
     * @param flowId the random id of this step-up flow, or {@code null} for a Python SDK context.
     * @param subject the {@code sub} of the user who started the flow, or {@code null} for a Python SDK context.
     * @param domain the Auth0 domain that issued the token, or {@code null} for a Python SDK context.
     * @param oobCode the {@code oob_code} of a pending out-of-band challenge, or {@code null}.
     * @param recoveryCode a recovery code issued with a pending enrollment, or {@code null}.
     */
    public StepUpContext(String mfaToken, String audience, String scope, StepUpRequirements requirements,
            long createdAt, String flowId, String subject, String domain, String oobCode, String recoveryCode) {
        this(mfaToken, audience, scope, requirements, createdAt, flowId, subject, domain, oobCode, recoveryCode,
                null);
    }

    /**
     * Returns a copy of this context with another pending out-of-band code; everything else, {@code createdAt}
     * included, is kept, so that sealing the copy does not extend the flow's time to live.
     *
     * @param newOobCode the {@code oob_code} Auth0 returned for the new challenge, or {@code null} to clear it.
     * @return a new context that differs from this one only in its {@code oobCode}.
     */
    public StepUpContext withOobCode(String newOobCode) {
        return new StepUpContext(mfaToken, audience, scope, requirements, createdAt, flowId, subject, domain,
                newOobCode, recoveryCode, sessionBinding);
    }

    /**
     * Returns a copy of this context that keeps a recovery code until the pending enrollment is confirmed.
     *
     * @param newRecoveryCode the recovery code Auth0 issued with the enrollment, or {@code null} to clear it.
     * @return a new context that differs from this one only in its {@code recoveryCode}.
     */
    public StepUpContext withRecoveryCode(String newRecoveryCode) {
        return new StepUpContext(mfaToken, audience, scope, requirements, createdAt, flowId, subject, domain,
                oobCode, newRecoveryCode, sessionBinding);
    }

    /**
     * Describes the context for logs, with the raw {@code mfa_token}, the {@code oob_code}, the recovery code and
     * the session binding redacted.
     *
     * @return a description that holds no secret.
     */
    @Override
    public String toString() {
        return "StepUpContext[mfaToken=" + REDACTED
                + ", audience=" + audience
                + ", scope=" + scope
                + ", requirements=" + requirements
                + ", createdAt=" + createdAt
                + ", flowId=" + flowId
                + ", subject=" + subject
                + ", domain=" + domain
                + ", oobCode=" + (oobCode == null ? null : REDACTED)
                + ", recoveryCode=" + (recoveryCode == null ? null : REDACTED)
                + ", sessionBinding=" + (sessionBinding == null ? null : REDACTED)
                + "]";
    }
}
