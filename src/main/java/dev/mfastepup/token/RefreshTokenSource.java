package dev.mfastepup.token;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * Where the signed-in user's Auth0 refresh token and {@code sub} come from.
 *
 * <p>By default they come from Jakarta Security's {@code OpenIdContext}, for applications that sign in with
 * {@code @OpenIdAuthenticationMechanismDefinition} (turn its {@code tokenAutoRefresh} off: Jakarta Security logs
 * the user out on any refresh error, including {@code mfa_required}). An application with another login provides
 * one CDI bean of this type, or hands the refresh token over once after login with
 * {@link AccessTokenService#useRefreshToken(String, String)}.
 *
 * <p>Once Auth0 rotates the refresh token, the module keeps the new one in the session and no longer asks the
 * source.
 *
 * @since 0.1
 */
public interface RefreshTokenSource {

    /**
     * Returns the signed-in user's Auth0 {@code sub}.
     *
     * @param request the current request.
     * @return the subject, or empty when nobody is signed in.
     */
    Optional<String> subject(HttpServletRequest request);

    /**
     * Returns the signed-in user's Auth0 refresh token.
     *
     * @param request the current request.
     * @return the refresh token, or empty when there is none (then no new access token can be requested).
     */
    Optional<String> refreshToken(HttpServletRequest request);

    /**
     * Returns the signed-in user's login name (the e-mail address or user name they sign in with), which a step-up
     * through Universal Login sends as {@code login_hint}, so that Auth0's page need not ask who they are. The
     * default knows none.
     *
     * @param request the current request.
     * @return the login name, or empty.
     * @since 0.2
     */
    default Optional<String> loginHint(HttpServletRequest request) {
        return Optional.empty();
    }
}
