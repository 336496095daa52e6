package dev.mfastepup.token;

import dev.mfastepup.MfaException;

/**
 * No access token could be had for the audience and scope asked for.
 *
 * <p>The code is one of the module's ({@code missing_session}, {@code missing_refresh_token},
 * {@code refresh_token_error}, {@code domain_mismatch}, {@code idp_unavailable}, ...) or Auth0's own (such as
 * {@code invalid_grant} when the refresh token was revoked). When Auth0 asks for a second factor, the subclass
 * {@link MfaRequiredException} is thrown, so that code which already catches this exception keeps working; catch
 * {@link MfaRequiredException} first where it matters.
 *
 * @since 0.1
 */
public class AccessTokenException extends MfaException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param code the error code.
     * @param message what went wrong; never a token.
     * @param cause the underlying failure, or {@code null}.
     */
    AccessTokenException(String code, String message, Throwable cause) {
        super(code, message, cause);
    }
}
