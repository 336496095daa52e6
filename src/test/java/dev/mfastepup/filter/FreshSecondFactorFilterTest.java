package dev.mfastepup.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.mfastepup.MutableClock;
import dev.mfastepup.TestRequests;
import dev.mfastepup.service.UniversalLoginStepUp;
import dev.mfastepup.session.CachedAccessToken;
import dev.mfastepup.session.PendingStepUp.ReturnTo;
import dev.mfastepup.session.SessionTokenStore;
import dev.mfastepup.session.TokenKey;
import dev.mfastepup.token.AccessTokenService;
import dev.mfastepup.token.InsufficientUserAuthenticationException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** The per-URL freshness rule: a request goes on only after a recent enough second factor. */
class FreshSecondFactorFilterTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final SessionTokenStore tokens = new SessionTokenStore();
    private final UniversalLoginStepUp universalLogin = mock(UniversalLoginStepUp.class);
    private final FilterChain chain = mock(FilterChain.class);
    private final CapturedResponse response = new CapturedResponse();

    @Test
    void aRecentFactorLetsTheRequestThroughAndAnOlderOneGoesThroughUniversalLogin() throws Exception {
        FreshSecondFactorFilter filter = filter(Map.of("maxAgeSeconds", "300", "audience", "https://pay"));
        TestRequests web = WebRequests.get("/transfer").query("to=bob").build();
        tokens.completeStepUp(web.session(), new TokenKey("https://pay", null),
                new CachedAccessToken("AT", NOW.plusSeconds(3600), ""), null, NOW.minusSeconds(300),
                NOW.minusSeconds(300));

        filter.doFilter(web.request(), response.response(), chain);
        verify(chain).doFilter(any(), any());

        clock.advance(Duration.ofSeconds(1));
        when(universalLogin.enabled()).thenReturn(true);
        when(universalLogin.begin(any(InsufficientUserAuthenticationException.class), any()))
                .thenReturn(URI.create("https://tenant.example.com/authorize?x"));
        CapturedResponse stale = new CapturedResponse();
        filter.doFilter(web.request(), stale.response(), mock(FilterChain.class));

        assertEquals(303, stale.status());
        assertEquals("https://tenant.example.com/authorize?x", stale.header("Location"));
        ArgumentCaptor<InsufficientUserAuthenticationException> demand =
                ArgumentCaptor.forClass(InsufficientUserAuthenticationException.class);
        verify(universalLogin).begin(demand.capture(), any(ReturnTo.class));
        assertEquals(Optional.of(Duration.ofSeconds(300)), demand.getValue().maxAge());
        assertEquals(Optional.of("https://pay"), demand.getValue().audience());
    }

    @Test
    void withoutAnySecondFactorAnApiCallerGetsTheRfc9470Challenge() throws Exception {
        FreshSecondFactorFilter filter = filter(Map.of("maxAgeSeconds", "60"));
        TestRequests web = WebRequests.get("/api/transfer").header("Accept", "application/json").build();

        filter.doFilter(web.request(), response.response(), chain);

        assertEquals(401, response.status());
        assertTrue(response.header("WWW-Authenticate").endsWith(", max_age=60"), response.header("WWW-Authenticate"));
        verify(chain, never()).doFilter(any(), any());
    }

    @Test
    void theMfaPagesAreNeverHeldBack() throws Exception {
        FreshSecondFactorFilter filter = filter(Map.of("maxAgeSeconds", "60"));
        TestRequests web = WebRequests.get("/mfa/index.xhtml").servletPath("/mfa/index.xhtml").build();

        filter.doFilter(web.request(), response.response(), chain);

        verify(chain).doFilter(any(), any());
    }

    @Test
    void aMaxAgeThatIsNotValidFailsTheDeploymentNamingIt() {
        for (String value : new String[] {"", "-1", "ten", "86401"}) {
            ServletException failure = assertThrows(ServletException.class,
                    () -> filter(Map.of("maxAgeSeconds", value)), value);
            assertTrue(failure.getMessage().contains("maxAgeSeconds"), failure.getMessage());
        }
    }

    private FreshSecondFactorFilter filter(Map<String, String> initParams) throws ServletException {
        FreshSecondFactorFilter filter = new FreshSecondFactorFilter(tokens, new StepUpDispatch(
                mock(LoopBreaker.class), null, universalLogin, mock(AccessTokenService.class), PageSet.FACES), clock);
        FilterConfig config = mock(FilterConfig.class);
        when(config.getFilterName()).thenReturn("fresh");
        when(config.getInitParameter(anyString())).thenAnswer(i -> initParams.get(i.<String>getArgument(0)));
        filter.init(config);
        return filter;
    }
}
