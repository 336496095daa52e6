package dev.mfastepup;

/**
 * The step-up context of this session cannot be used: it is missing, was tampered with, was sealed with another
 * key, or belongs to another flow, user or tenant. The user has to start the step-up again.
 *
 * <p>Its code is always {@value ErrorCodes#MFA_TOKEN_INVALID}. Every such failure gives the same exception and
 * message, whatever the reason, so that nothing can be learned from the difference.
 *
 * @since 0.1
 */
public class MfaTokenInvalidException extends MfaException {

    private static final long serialVersionUID = 1L;

    /** The one message of this exception, as the Python SDK words it. */
    public static final String MESSAGE = "The MFA token is invalid.";

    /** Creates the exception. */
    public MfaTokenInvalidException() {
        super(ErrorCodes.MFA_TOKEN_INVALID, MESSAGE);
    }

    /**
     * Creates the exception with the failure behind it, kept for debugging only.
     *
     * @param cause the underlying failure; its message may be technical but never holds a secret.
     */
    public MfaTokenInvalidException(Throwable cause) {
        super(ErrorCodes.MFA_TOKEN_INVALID, MESSAGE, cause);
    }
}
