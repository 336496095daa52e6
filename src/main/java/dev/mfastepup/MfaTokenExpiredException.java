package dev.mfastepup;

/**
 * The step-up context of this session is older than its time to live, or Auth0 reported its {@code mfa_token}
 * expired. The user has to start the step-up again; nothing else is wrong.
 *
 * <p>Its code is always {@value ErrorCodes#MFA_TOKEN_EXPIRED}.
 *
 * @since 0.1
 */
public class MfaTokenExpiredException extends MfaException {

    private static final long serialVersionUID = 1L;

    /** The one message of this exception, as the Python SDK words it. */
    public static final String MESSAGE = "The MFA token has expired.";

    /** Creates the exception. */
    public MfaTokenExpiredException() {
        super(ErrorCodes.MFA_TOKEN_EXPIRED, MESSAGE);
    }

    /**
     * Creates the exception with the failure behind it.
     *
     * @param cause the underlying failure, for example Auth0's {@code expired_token} answer.
     */
    public MfaTokenExpiredException(Throwable cause) {
        super(ErrorCodes.MFA_TOKEN_EXPIRED, MESSAGE, cause);
    }
}
