package dev.mfastepup.token;

import dev.mfastepup.session.SessionTokens;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.openid.OpenIdContext;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds the signed-in user and their refresh token for a request: the refresh token the module holds (rotated by
 * Auth0, or handed over by the application) comes first, then the {@link RefreshTokenSource}.
 *
 * @since 0.1
 */
@Dependent
public final class SessionCredentials {

    private final RefreshTokenSource source;

    /**
     * Creates the lookup with the application's {@link RefreshTokenSource} bean when it has one, else Jakarta
     * Security's {@link OpenIdContext}; CDI calls this.
     *
     * @param custom the application's source beans.
     * @param beans the bean manager, to find the OpenID Connect context of a session.
     */
    @Inject
    SessionCredentials(Instance<RefreshTokenSource> custom, BeanManager beans) {
        this(sourceOf(custom, beans));
    }

    /**
     * Creates the lookup.
     *
     * @param source where refresh tokens and subjects come from.
     */
    public SessionCredentials(RefreshTokenSource source) {
        this.source = Objects.requireNonNull(source, "source cannot be null");
    }

    private static RefreshTokenSource sourceOf(Instance<RefreshTokenSource> custom, BeanManager beans) {
        return custom != null && custom.isResolvable() ? custom.get() : new OpenIdContextRefreshTokenSource(beans);
    }

    /**
     * Returns the signed-in user's {@code sub}.
     *
     * @param request the current request.
     * @param tokens the session's tokens, which remember a subject handed over by the application.
     * @return the subject, or empty when nobody is signed in.
     */
    public Optional<String> subject(HttpServletRequest request, SessionTokens tokens) {
        Optional<String> subject = source.subject(request);
        return subject.isPresent() ? subject : tokens.subject();
    }

    /**
     * Returns the signed-in user's login name, for Universal Login's {@code login_hint}.
     *
     * @param request the current request.
     * @return the login name, or empty when the source does not tell it.
     * @since 0.2
     */
    public Optional<String> loginHint(HttpServletRequest request) {
        return source.loginHint(request).map(String::strip).filter(hint -> !hint.isEmpty());
    }

    /**
     * Returns the refresh token to use.
     *
     * @param request the current request.
     * @param tokens the session's tokens.
     * @return the refresh token, or empty when there is none.
     */
    public Optional<String> refreshToken(HttpServletRequest request, SessionTokens tokens) {
        Optional<String> held = tokens.refreshToken();
        return held.isPresent() ? held : source.refreshToken(request);
    }
}
