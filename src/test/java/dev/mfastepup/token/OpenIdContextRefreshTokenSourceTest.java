package dev.mfastepup.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.mfastepup.TestRequests;
import dev.mfastepup.session.SessionContents;
import dev.mfastepup.session.SessionTokens;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.context.SessionScoped;
import jakarta.enterprise.context.spi.Context;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.security.enterprise.identitystore.openid.IdentityToken;
import jakarta.security.enterprise.identitystore.openid.JwtClaims;
import jakarta.security.enterprise.identitystore.openid.OpenIdContext;
import jakarta.security.enterprise.identitystore.openid.RefreshToken;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The OpenID Connect context is read only when the login made one in the session, and never made here: an empty
 * one in every session of an application that signs in otherwise carried server beans that did not replicate.
 */
class OpenIdContextRefreshTokenSourceTest {

    private final BeanManager beans = mock(BeanManager.class);
    private final Context sessionContext = mock(Context.class);
    @SuppressWarnings("unchecked")
    private final Bean<Object> contextBean = mock(Bean.class);
    private final HttpServletRequest request = mock(HttpServletRequest.class);
    private final OpenIdContextRefreshTokenSource source = new OpenIdContextRefreshTokenSource(beans);

    @BeforeEach
    void oneSessionScopedBean() {
        when(beans.getBeans(OpenIdContext.class)).thenReturn(Set.of(contextBean));
        when(beans.resolve(any())).thenAnswer(i -> contextBean);
        when(contextBean.getScope()).thenAnswer(i -> SessionScoped.class);
        when(beans.getContext(SessionScoped.class)).thenReturn(sessionContext);
    }

    @Test
    void loginMadeAContextThenItsSubjectAndRefreshToken() {
        OpenIdContext login = mock(OpenIdContext.class);
        RefreshToken refreshToken = mock(RefreshToken.class);
        when(login.getSubject()).thenReturn("auth0|alice");
        when(refreshToken.getToken()).thenReturn("RT-OIDC");
        when(login.getRefreshToken()).thenReturn(Optional.of(refreshToken));
        when(sessionContext.get(contextBean)).thenReturn(login);

        assertEquals(Optional.of("auth0|alice"), source.subject(request));
        assertEquals(Optional.of("RT-OIDC"), source.refreshToken(request));
    }

    @Test
    void theLoginHintIsTheIdTokensEmailElseItsPreferredUsername() {
        OpenIdContext login = mock(OpenIdContext.class);
        IdentityToken idToken = mock(IdentityToken.class);
        JwtClaims claims = mock(JwtClaims.class);
        when(login.getSubject()).thenReturn("auth0|alice");
        when(login.getIdentityToken()).thenReturn(idToken);
        when(idToken.getJwtClaims()).thenReturn(claims);
        when(sessionContext.get(contextBean)).thenReturn(login);
        when(claims.getStringClaim("email")).thenReturn(Optional.of("alice@example.com"));
        when(claims.getStringClaim("preferred_username")).thenReturn(Optional.of("alice"));

        assertEquals(Optional.of("alice@example.com"), source.loginHint(request));

        when(claims.getStringClaim("email")).thenReturn(Optional.empty());
        assertEquals(Optional.of("alice"), source.loginHint(request));

        when(idToken.getJwtClaims()).thenThrow(new IllegalStateException("not a JWT"));
        assertEquals(Optional.empty(), source.loginHint(request));
    }

    @Test
    void noContextInTheSessionThenNobodyAndNoneIsMade() {
        when(sessionContext.get(contextBean)).thenReturn(null);

        assertEquals(Optional.empty(), source.subject(request));
        assertEquals(Optional.empty(), source.refreshToken(request));
        verify(sessionContext, never()).get(any(), any(CreationalContext.class));
    }

    @Test
    void noSessionContextActiveThenNobody() {
        when(beans.getContext(SessionScoped.class)).thenThrow(new ContextNotActiveException("no active session scope"));

        assertEquals(Optional.empty(), source.subject(request));
    }

    @Test
    void serverWithoutOpenIdContextBeanThenNobody() {
        when(beans.resolve(any())).thenAnswer(i -> null);

        assertEquals(Optional.empty(), source.subject(request));
    }

    @Test
    void aContextWithABlankSubjectOrRefreshTokenOrNoSubjectIsNobody() {
        OpenIdContext login = mock(OpenIdContext.class);
        RefreshToken refreshToken = mock(RefreshToken.class);
        when(login.getSubject()).thenReturn(" ");
        when(refreshToken.getToken()).thenReturn(" ");
        when(login.getRefreshToken()).thenReturn(Optional.of(refreshToken));
        when(sessionContext.get(contextBean)).thenReturn(login);

        assertEquals(Optional.empty(), source.subject(request));
        assertEquals(Optional.empty(), source.refreshToken(request));

        when(login.getSubject()).thenReturn(null);
        when(refreshToken.getToken()).thenReturn("RT-OIDC");
        assertEquals(Optional.empty(), source.refreshToken(request), "no user, no refresh token");
    }

    @Test
    void serverWithoutOpenIdContextBeanIsAskedOnceAndNoScopeIsTouched() {
        when(beans.resolve(any())).thenAnswer(i -> null);

        source.subject(request);
        source.refreshToken(request);

        verify(beans, times(1)).resolve(any());
        verify(beans, never()).getContext(any());
    }

    @Test
    void theApplicationsOwnSourceWinsWhenItHasOne() {
        @SuppressWarnings("unchecked")
        Instance<RefreshTokenSource> custom = mock(Instance.class);
        RefreshTokenSource own = mock(RefreshTokenSource.class);
        when(own.subject(request)).thenReturn(Optional.of("auth0|own"));
        when(custom.isResolvable()).thenReturn(true);
        when(custom.get()).thenReturn(own);
        OpenIdContext login = mock(OpenIdContext.class);
        when(login.getSubject()).thenReturn("auth0|alice");
        when(sessionContext.get(contextBean)).thenReturn(login);
        SessionTokens tokens = SessionContents.tokens(TestRequests.withSession().session());

        assertEquals(Optional.of("auth0|own"), new SessionCredentials(custom, beans).subject(request, tokens));

        when(custom.isResolvable()).thenReturn(false);
        assertEquals(Optional.of("auth0|alice"), new SessionCredentials(custom, beans).subject(request, tokens));
        assertEquals(Optional.of("auth0|alice"), new SessionCredentials(null, beans).subject(request, tokens));
    }
}
