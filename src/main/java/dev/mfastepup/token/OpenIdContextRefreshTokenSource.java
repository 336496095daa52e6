package dev.mfastepup.token;

import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.security.enterprise.identitystore.openid.IdentityToken;
import jakarta.security.enterprise.identitystore.openid.OpenIdContext;
import jakarta.security.enterprise.identitystore.openid.RefreshToken;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The default {@link RefreshTokenSource}: Jakarta Security's {@link OpenIdContext} of the signed-in user. When
 * the application does not sign in with OpenID Connect, it finds nothing.
 *
 * <p>It reads the context only when the login made one in this session, and never makes one itself: asking the
 * bean for it would put an empty context in every session of an application that signs in otherwise, and with
 * it beans of the server's own that cannot move to another server of a cluster (on Payara, Soteria's).
 */
final class OpenIdContextRefreshTokenSource implements RefreshTokenSource {

    private static final Logger logger = Logger.getLogger(OpenIdContextRefreshTokenSource.class.getName());

    private final BeanManager beans;
    private volatile Optional<Bean<?>> contextBean;

    OpenIdContextRefreshTokenSource(BeanManager beans) {
        this.beans = Objects.requireNonNull(beans, "beans cannot be null");
    }

    @Override
    public Optional<String> subject(HttpServletRequest request) {
        return context().map(OpenIdContext::getSubject).filter(s -> !s.isBlank());
    }

    @Override
    public Optional<String> refreshToken(HttpServletRequest request) {
        return context().flatMap(OpenIdContext::getRefreshToken).map(RefreshToken::getToken).filter(t -> !t.isBlank());
    }

    /** The ID token's {@code email}, else its {@code preferred_username}: what Auth0's login page asks for. */
    @Override
    public Optional<String> loginHint(HttpServletRequest request) {
        try {
            return context().map(OpenIdContext::getIdentityToken).filter(Objects::nonNull)
                    .map(IdentityToken::getJwtClaims).filter(Objects::nonNull)
                    .flatMap(claims -> claims.getStringClaim("email")
                            .or(() -> claims.getStringClaim("preferred_username")));
        } catch (RuntimeException unreadable) {
            // Only a hint: Auth0's page asks the user instead.
            logger.log(Level.FINE, "No login hint in the ID token: {0}", unreadable.getClass().getName());
            return Optional.empty();
        }
    }

    private Optional<OpenIdContext> context() {
        try {
            // Context.get without a CreationalContext returns the existing instance, or null: it creates none.
            return contextBean()
                    .map(bean -> beans.getContext(bean.getScope()).get(bean))
                    .filter(OpenIdContext.class::isInstance)
                    .map(OpenIdContext.class::cast)
                    .filter(context -> context.getSubject() != null);
        } catch (RuntimeException notSignedIn) {
            logger.log(Level.FINE, "No OpenID Connect context for this request: {0}", notSignedIn.getClass().getName());
            return Optional.empty();
        }
    }

    private Optional<Bean<?>> contextBean() {
        Optional<Bean<?>> bean = contextBean;
        if (bean == null) {
            bean = Optional.ofNullable(beans.resolve(beans.getBeans(OpenIdContext.class)));
            contextBean = bean;
        }
        return bean;
    }
}
