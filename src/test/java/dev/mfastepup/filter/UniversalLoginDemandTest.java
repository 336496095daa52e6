package dev.mfastepup.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.mfastepup.ErrorCodes;
import dev.mfastepup.MutableClock;
import dev.mfastepup.TestConfigs;
import dev.mfastepup.TestRequests;
import dev.mfastepup.crypto.ContextSealer;
import dev.mfastepup.event.RecordedEvents;
import dev.mfastepup.service.UniversalLoginStepUp;
import dev.mfastepup.session.CachedAccessToken;
import dev.mfastepup.session.PendingStepUp.ReturnTo;
import dev.mfastepup.session.PendingStepUp;
import dev.mfastepup.session.SessionTokenStore;
import dev.mfastepup.session.StepUpFlows;
import dev.mfastepup.session.TokenKey;
import dev.mfastepup.token.AccessTokenService;
import dev.mfastepup.token.InsufficientUserAuthenticationException;
import dev.mfastepup.token.TokenExceptions;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link MfaStepUpFilter} with a demand for a recent or stronger factor ({@link InsufficientUserAuthenticationException}):
 * a page goes through Universal Login, or through the MFA pages for a recent factor when that road is off; an API
 * caller learns what to ask for (RFC 9470). With Universal Login the only road, Auth0's demands go there too.
 */
class UniversalLoginDemandTest {

    private static final URI AUTHORIZE = URI.create("https://tenant.example.com/authorize?state=S&nonce=N");
    private static final InsufficientUserAuthenticationException FRESH = new InsufficientUserAuthenticationException(
            "https://payments.example.com", "transfer", null, Duration.ofMinutes(5));

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
    private final StepUpFlows flows = new StepUpFlows(
            new ContextSealer(List.of(TestConfigs.SECRET), Duration.ofSeconds(300), clock), clock,
            Duration.ofSeconds(300));
    private final UniversalLoginStepUp universalLogin = mock(UniversalLoginStepUp.class);
    private final AccessTokenService accessTokens = mock(AccessTokenService.class);
    private final SessionTokenStore tokens = new SessionTokenStore();
    private final FilterChain chain = mock(FilterChain.class);
    private final CapturedResponse response = new CapturedResponse();
    private MfaStepUpFilter filter;

    @BeforeEach
    void setUp() throws ServletException {
        filter = new MfaStepUpFilter(new DeclarativeTokens(mock(AccessTokenService.class), PageSet.FACES), new StepUpDispatch(
                new LoopBreaker(flows, tokens, RecordedEvents.none(), clock, PageSet.FACES), flows, universalLogin,
                accessTokens, PageSet.FACES));
        FilterConfig config = mock(FilterConfig.class);
        when(config.getFilterName()).thenReturn("mfa");
        when(config.getInitParameter(anyString())).thenReturn(null);
        filter.init(config);
        when(universalLogin.enabled()).thenReturn(true);
        when(universalLogin.begin(any(InsufficientUserAuthenticationException.class), any())).thenReturn(AUTHORIZE);
    }

    @Test
    void aPageGoesThroughUniversalLoginAndComesBackToItself() throws Exception {
        TestRequests web = WebRequests.get("/transfer").query("amount=10").build();
        demand(web, new ServletException("wrapped", FRESH));

        assertEquals(303, response.status());
        assertEquals(AUTHORIZE.toString(), response.header("Location"));
        assertEquals("no-store", response.header("Cache-Control"));
        verify(universalLogin).begin(FRESH, new ReturnTo("/transfer?amount=10", false));
    }

    @Test
    void facesAjaxIsRedirectedByAPartialResponse() throws Exception {
        TestRequests web = WebRequests.post("/transfer.xhtml").header("Faces-Request", "partial/ajax").build();
        demand(web, FRESH);

        assertEquals(200, response.status());
        assertTrue(response.body().contains("<redirect url=\"" + StepUpResponder.xml(AUTHORIZE.toString()) + "\">"),
                response.body());
    }

    @Test
    void rfc9470AnApiCallerIsToldTheAcrValuesAndMaxAgeToAskFor() throws Exception {
        TestRequests web = WebRequests.get("/api/transfer").header("Accept", "application/json").build();
        demand(web, new InsufficientUserAuthenticationException(null, null, "urn:example:loa:3",
                Duration.ofSeconds(120)));

        assertEquals(401, response.status());
        assertEquals("Bearer error=\"insufficient_user_authentication\", error_description=\"Multi-factor"
                + " authentication is required\", acr_values=\"urn:example:loa:3\", max_age=120",
                response.header("WWW-Authenticate"));
        assertTrue(response.body().contains("\"acr_values\":\"urn:example:loa:3\",\"max_age\":120"),
                response.body());
        verify(universalLogin, never()).begin(any(InsufficientUserAuthenticationException.class), any());
    }

    @Test
    void rfc9470AcrValuesThatDoNotFitAQuotedParameterAreLeftOut() throws Exception {
        TestRequests web = WebRequests.get("/api/transfer").header("Accept", "application/json").build();
        demand(web, new InsufficientUserAuthenticationException(null, null, "urn:a\" , evil=\"1", null));

        assertEquals("Bearer error=\"insufficient_user_authentication\", error_description=\"Multi-factor"
                + " authentication is required\"", response.header("WWW-Authenticate"));
    }

    @Test
    void whenTheRoadIsOffAcrValuesGetAPageThatSaysSoAndNothingIsStarted() throws Exception {
        when(universalLogin.enabled()).thenReturn(false);
        TestRequests web = WebRequests.get("/transfer").build();
        demand(web, new InsufficientUserAuthenticationException(null, null, "urn:example:loa:3", null));

        assertEquals(303, response.status());
        assertTrue(response.header("Location").startsWith("/app/mfa/error.xhtml?reason=not-proven&ref="),
                response.header("Location"));
        verify(universalLogin, never()).begin(any(InsufficientUserAuthenticationException.class), any());
        verify(accessTokens, never()).renew(any(), any());
    }

    @Test
    void whenTheRoadIsOffARecentFactorGoesThroughTheMfaPagesEvenRightAfterAStepUp() throws Exception {
        when(universalLogin.enabled()).thenReturn(false);
        TestRequests web = WebRequests.get("/transfer").query("amount=10").build();
        TokenKey key = new TokenKey("https://payments.example.com", "transfer");
        // A step-up 30 s ago, inside the loop window: the module's own demand is still no loop of Auth0's.
        tokens.completeStepUp(web.session(), key, new CachedAccessToken("AT-OLD", clock.instant().plusSeconds(600),
                "transfer"), null, clock.instant().minusSeconds(30));
        PendingStepUp pending = flows.start(web.session(), "auth0|alice", "tenant.auth0.com", key,
                "MFATOK-CANARY-7", null);
        when(accessTokens.renew("https://payments.example.com", "transfer")).thenThrow(
                TokenExceptions.mfaRequired(pending.flowId(), key.audience(), key.scope(), null));

        demand(web, FRESH);

        assertEquals(303, response.status());
        assertEquals("/app/mfa/index.xhtml?flow=" + pending.flowId(), response.header("Location"));
        assertEquals(new ReturnTo("/transfer?amount=10", false),
                flows.find(web.session(), pending.flowId()).orElseThrow().returnTo());
    }

    @Test
    void whenTheRoadIsOffAndAuth0GrantsATokenWithoutAFactorNothingIsProven() throws Exception {
        when(universalLogin.enabled()).thenReturn(false);
        TestRequests web = WebRequests.get("/transfer").build();
        demand(web, FRESH);

        verify(accessTokens).renew("https://payments.example.com", "transfer");
        assertEquals(303, response.status());
        assertTrue(response.header("Location").startsWith("/app/mfa/error.xhtml?reason=not-proven&ref="),
                response.header("Location"));
    }

    @Test
    void whenTheRoadIsOffAndTheSignInCannotGetTokensTheUserSignsInAgain() throws Exception {
        when(universalLogin.enabled()).thenReturn(false);
        when(accessTokens.renew(any(), any())).thenThrow(TokenExceptions.accessToken(ErrorCodes.MISSING_REFRESH_TOKEN,
                "no refresh token", null));
        TestRequests web = WebRequests.get("/transfer").build();
        demand(web, FRESH);

        assertTrue(response.header("Location").startsWith("/app/mfa/error.xhtml?reason=signin&ref="),
                response.header("Location"));
    }

    @Test
    void universalLoginOnlySendsAPageThatAuth0AskedAFactorOfStraightThere() throws Exception {
        when(universalLogin.only()).thenReturn(true);
        TestRequests web = WebRequests.get("/reports").build();
        PendingStepUp pending = flows.start(web.session(), "auth0|alice", "tenant.auth0.com",
                new TokenKey(null, null), "MFATOK-CANARY-8", null);
        when(universalLogin.begin(pending.flowId())).thenReturn(AUTHORIZE);
        demand(web, TokenExceptions.mfaRequired(pending.flowId(), null, null, null));

        assertEquals(303, response.status());
        assertEquals(AUTHORIZE.toString(), response.header("Location"));
    }

    @Test
    void universalLoginOnlyStillTellsAnApiCallerWhereToSendTheUser() throws Exception {
        when(universalLogin.only()).thenReturn(true);
        TestRequests web = WebRequests.get("/api/reports").header("Accept", "application/json").build();
        PendingStepUp pending = flows.start(web.session(), "auth0|alice", "tenant.auth0.com",
                new TokenKey(null, null), "MFATOK-CANARY-8", null);
        demand(web, TokenExceptions.mfaRequired(pending.flowId(), null, null, null));

        assertEquals(401, response.status());
        assertTrue(response.body().contains("mfa/index.xhtml?flow=" + pending.flowId()), response.body());
        verify(universalLogin, never()).begin(anyString());
    }

    @Test
    void anotherExceptionIsNotCaughtAndACommittedResponseIsLeftAlone() throws Exception {
        TestRequests web = WebRequests.get("/transfer").build();
        IllegalStateException other = new IllegalStateException("the application's own");
        doThrow(other).when(chain).doFilter(any(), any());
        assertSame(other, assertThrows(IllegalStateException.class,
                () -> filter.doFilter(web.request(), response.response(), chain)));

        doThrow(FRESH).when(chain).doFilter(any(), any());
        CapturedResponse committed = new CapturedResponse().committed();
        assertSame(FRESH, assertThrows(InsufficientUserAuthenticationException.class,
                () -> filter.doFilter(web.request(), committed.response(), chain)));
    }

    private void demand(TestRequests web, Throwable thrown) throws Exception {
        if (thrown instanceof ServletException servlet) {
            doThrow(servlet).when(chain).doFilter(any(), any());
        } else {
            doThrow((RuntimeException) thrown).when(chain).doFilter(any(), any());
        }
        filter.doFilter(web.request(), response.response(), chain);
    }
}
