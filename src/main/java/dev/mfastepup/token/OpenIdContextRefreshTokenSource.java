package dev.mfastepup.token;

import jakarta.enterprise.inject.Instance;
import jakarta.security.enterprise.identitystore.openid.OpenIdContext;
import jakarta.security.enterprise.identitystore.openid.RefreshToken;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The default {@link RefreshTokenSource}: Jakarta Security's {@link OpenIdContext} of the signed-in user. When
 * the application does not sign in with OpenID Connect, it finds nothing.
 */
final class OpenIdContextRefreshTokenSource implements RefreshTokenSource {

    private static final Logger logger = Logger.getLogger(OpenIdContextRefreshTokenSource.class.getName());

    private final Instance<OpenIdContext> contexts;

    OpenIdContextRefreshTokenSource(Instance<OpenIdContext> contexts) {
        this.contexts = contexts;
    }

    @Override
    public Optional<String> subject(HttpServletRequest request) {
        return context().map(OpenIdContext::getSubject).filter(s -> !s.isBlank());
    }

    @Override
    public Optional<String> refreshToken(HttpServletRequest request) {
        return context().flatMap(OpenIdContext::getRefreshToken).map(RefreshToken::getToken).filter(t -> !t.isBlank());
    }

    private Optional<OpenIdContext> context() {
        if (contexts == null || !contexts.isResolvable()) {
            return Optional.empty();
        }
        try {
            OpenIdContext context = contexts.get();
            // The bean exists even when nobody signed in with OpenID Connect; then it has no subject.
            return context.getSubject() == null ? Optional.empty() : Optional.of(context);
        } catch (RuntimeException notSignedIn) {
            logger.log(Level.FINE, "No OpenID Connect context for this request: {0}", notSignedIn.getClass().getName());
            return Optional.empty();
        }
    }
}
