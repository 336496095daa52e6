package dev.mfastepup;

import java.util.Objects;

/**
 * The root of every exception this module throws.
 *
 * <p>Each one carries a stable {@linkplain #code() code}: one of the module's own codes in {@link ErrorCodes},
 * or an error code of Auth0 (such as {@code invalid_grant} or {@code too_many_attempts}) passed on unchanged.
 * Branch on the code, never on the message. Messages are written for a person and never contain a token, a
 * one-time code, a secret or a session id, so they may be logged; they are not meant to be shown to end users
 * unescaped.
 *
 * @since 0.1
 */
public class MfaException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The stable error code, one of {@link ErrorCodes}. */
    private final String code;

    /**
     * Creates an exception with a code and a message that is safe to log.
     *
     * @param code the stable error code; never {@code null}.
     * @param message what went wrong and what to check next; never a token or code.
     */
    public MfaException(String code, String message) {
        this(code, message, null);
    }

    /**
     * Creates an exception with a code, a message that is safe to log, and the underlying cause.
     *
     * @param code the stable error code; never {@code null}.
     * @param message what went wrong and what to check next; never a token or code.
     * @param cause the underlying failure, or {@code null}.
     */
    public MfaException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code cannot be null");
    }

    /**
     * Returns the stable error code.
     *
     * @return the code, for example {@code mfa_token_expired} or Auth0's {@code invalid_grant}.
     */
    public String code() {
        return code;
    }

    @Override
    public String toString() {
        return getClass().getName() + " [" + code + "]: " + getMessage();
    }
}
