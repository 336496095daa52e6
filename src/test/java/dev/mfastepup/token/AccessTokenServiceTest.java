package dev.mfastepup.token;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.mfastepup.Auth0Stubs.error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.mfastepup.Auth0Stubs;
import dev.mfastepup.ErrorCodes;
import dev.mfastepup.MfaException;
import dev.mfastepup.MutableClock;
import dev.mfastepup.TestConfigs;
import dev.mfastepup.TestCredentials;
import dev.mfastepup.TestRequests;
import dev.mfastepup.client.Auth0Client;
import dev.mfastepup.client.DomainResolver;
import dev.mfastepup.client.TenantDomains;
import dev.mfastepup.config.MfaStepUpConfig;
import dev.mfastepup.crypto.ContextSealer;
import dev.mfastepup.crypto.StepUpContext;
import dev.mfastepup.event.RecordedEvents;
import dev.mfastepup.event.StepUpStarted;
import dev.mfastepup.session.PendingStepUp;
import dev.mfastepup.session.SessionContents;
import dev.mfastepup.session.SessionTokenStore;
import dev.mfastepup.session.SessionTokens;
import dev.mfastepup.session.StepUpFlows;
import dev.mfastepup.session.TokenKey;
import jakarta.enterprise.event.Event;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link AccessTokenService} over real HTTP against a stub Auth0; only the servlet request and session are mocks.
 */
class AccessTokenServiceTest {

    @RegisterExtension
    static WireMockExtension auth0 = Auth0Stubs.server();

    private static final String SUBJECT = "auth0|alice";
    private static final String AUDIENCE = "https://api.example.com";
    private static final String MFA_REQUIRED = """
            {"error":"mfa_required","error_description":"Multifactor authentication required","mfa_token":"MFATOK-CANARY-9",
             "mfa_requirements":{"challenge":[{"type":"otp"},{"type":"recovery-code"}]}}""";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
    private final TestCredentials credentials = new TestCredentials(SUBJECT, "RT-1");
    private final AtomicReference<DomainResolver> resolver = new AtomicReference<>();
    @SuppressWarnings("unchecked")
    private final Event<StepUpStarted> started = mock(Event.class);

    private MfaStepUpConfig config;
    private Auth0Client client;
    private ContextSealer sealer;
    private TestRequests web;
    private AccessTokenService service;

    @BeforeEach
    void setUp() {
        config = TestConfigs.config(auth0.baseUrl());
        client = new Auth0Client(config, Executors.defaultThreadFactory());
        sealer = new ContextSealer(config.secrets(), config.contextTtl(), clock);
        web = TestRequests.withSession();
        service = serviceFor(web.request());
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    private AccessTokenService serviceFor(HttpServletRequest request) {
        DomainResolver domains = r -> resolver.get() == null ? TestConfigs.DOMAIN : resolver.get().resolve(r);
        SessionCredentials sessionCredentials = new SessionCredentials(credentials);
        StepUpOpener stepUps = new StepUpOpener(new StepUpFlows(sealer, clock, config.contextTtl()), started,
                RecordedEvents.none(), request);
        SessionTokenStore store = new SessionTokenStore();
        return new AccessTokenService(config, new TenantDomains(TestConfigs.DOMAIN, domains), sessionCredentials,
                store, stepUps, new RefreshGrant(config, client, sessionCredentials, store, stepUps, request, clock),
                request, clock);
    }

    private static void stubToken(ResponseDefinitionBuilder response) {
        auth0.stubFor(post("/oauth/token").willReturn(response));
    }

    private static ResponseDefinitionBuilder mfaRequired() {
        return aResponse().withStatus(403).withHeader("Content-Type", "application/json").withBody(MFA_REQUIRED);
    }

    @Test
    void getWhenNothingCachedThenRefreshGrantForAudienceAndScope() {
        // protocol §2.3
        stubToken(okJson("{\"access_token\":\"AT-1\",\"token_type\":\"Bearer\",\"expires_in\":3600}"));

        assertEquals("AT-1", service.get(AUDIENCE, "read:reports  read:reports"));

        auth0.verify(postRequestedFor(urlEqualTo("/oauth/token"))
                .withFormParam("grant_type", equalTo("refresh_token"))
                .withFormParam("refresh_token", equalTo("RT-1"))
                .withFormParam("audience", equalTo(AUDIENCE))
                .withFormParam("scope", equalTo("read:reports")));
    }

    @Test
    void getWhenCachedAndValidThenNoHttpCall() {
        // the "served from the session with no HTTP call"; scope order does not matter
        stubToken(okJson("{\"access_token\":\"AT-1\",\"token_type\":\"Bearer\",\"expires_in\":3600}"));
        service.get(AUDIENCE, "a b");
        clock.advance(Duration.ofMinutes(50));

        assertEquals("AT-1", service.get(AUDIENCE, "b a"));

        auth0.verify(1, postRequestedFor(urlEqualTo("/oauth/token")));
    }

    @Test
    void getWhenCachedTokenWithinRefreshMarginThenRefreshesAndKeepsRotatedRefreshToken() {
        // reference-tests J.9; design decision 5 (a rotated refresh token is kept and used next)
        auth0.stubFor(post("/oauth/token").inScenario("rotation").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{\"access_token\":\"AT-1\",\"expires_in\":60,\"refresh_token\":\"RT-2\"}"))
                .willSetStateTo("rotated"));
        auth0.stubFor(post("/oauth/token").inScenario("rotation").whenScenarioStateIs("rotated")
                .willReturn(okJson("{\"access_token\":\"AT-2\",\"expires_in\":3600}")));
        service.get(AUDIENCE, null);
        clock.advance(Duration.ofSeconds(31)); // 29 s left, under the 30 s margin

        assertEquals("AT-2", service.get(AUDIENCE, null));

        auth0.verify(postRequestedFor(urlEqualTo("/oauth/token")).withFormParam("refresh_token", equalTo("RT-2")));
        assertEquals("RT-2", SessionContents.tokens(web.session()).refreshToken().orElseThrow());
    }

    @Test
    void getWhenMfaRequiredThenTypedExceptionWithFlowAndSealedContextOnly() {
        // PY-SC-08, PY-SC-09, reference-tests J.9 and J.10, design decision 2
        stubToken(mfaRequired());

        MfaRequiredException e = assertThrows(MfaRequiredException.class, () -> service.get(AUDIENCE, "read:reports"));

        assertInstanceOf(AccessTokenException.class, e);
        assertEquals(ErrorCodes.MFA_REQUIRED, e.code());
        assertEquals("Multifactor authentication required", e.getMessage());
        assertTrue(e.flowId().matches("[A-Za-z0-9_-]{22}"), e.flowId());
        assertEquals(AUDIENCE, e.audience());
        assertEquals("read:reports", e.scope());
        assertEquals("otp", e.requirements().orElseThrow().challenge().get(0));
        assertFalse(e.toString().contains("MFATOK"));
        PendingStepUp pending = SessionContents.flow(web.session(), e.flowId()).orElseThrow();
        assertFalse(pending.sealedContext().contains("MFATOK"));
        StepUpContext context = new StepUpFlows(sealer, clock, config.contextTtl())
                .open(web.session(), e.flowId(), SUBJECT, TestConfigs.DOMAIN).context();
        assertEquals("MFATOK-CANARY-9", context.mfaToken());
        assertEquals(AUDIENCE, context.audience());
        assertTrue(SessionContents.tokens(web.session()).valid(new TokenKey(AUDIENCE, "read:reports"), clock.instant(),
                Duration.ZERO).isEmpty());
        verify(started).fire(any(StepUpStarted.class));
    }

    @Test
    void getWhenStepUpPendingAndYoungThenJoinsItWithoutAskingAuth0() {
        // a reload or a second tab continues the flow instead of cutting it off
        stubToken(mfaRequired());
        String first = assertThrows(MfaRequiredException.class, () -> service.get(AUDIENCE, null)).flowId();
        clock.advance(Duration.ofSeconds(60));

        String second = assertThrows(MfaRequiredException.class, () -> service.get(AUDIENCE, null)).flowId();

        assertEquals(first, second);
        auth0.verify(1, postRequestedFor(urlEqualTo("/oauth/token")));
        verify(started, times(1)).fire(any(StepUpStarted.class));
    }

    @Test
    void getWhenPendingStepUpPastHalfItsLifeThenStartsAFreshOne() {
        stubToken(mfaRequired());
        String first = assertThrows(MfaRequiredException.class, () -> service.get(AUDIENCE, null)).flowId();
        clock.advance(config.contextTtl().dividedBy(2).plusSeconds(1));

        String second = assertThrows(MfaRequiredException.class, () -> service.get(AUDIENCE, null)).flowId();

        assertNotEquals(first, second);
        assertTrue(SessionContents.flowIfAny(web.session(), first).isEmpty());
        auth0.verify(2, postRequestedFor(urlEqualTo("/oauth/token")));
    }

    @Test
    void getWhenMfaRequiredWithoutTokenThenRefreshTokenError() {
        // reference-tests J.8, PY-PL-05, PY-SC-12
        stubToken(aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"mfa_required\",\"error_description\":\"MFA required\"}"));

        AccessTokenException e = assertThrows(AccessTokenException.class, () -> service.get(AUDIENCE, null));

        assertFalse(e instanceof MfaRequiredException);
        assertEquals(ErrorCodes.REFRESH_TOKEN_ERROR, e.code());
        assertTrue(SessionContents.flowsIfAny(web.session()).isEmpty());
    }

    @Test
    void getWhenRefreshAnswerIsNotJsonThenIdpUnavailable() {
        // reference-tests J.8
        stubToken(aResponse().withStatus(502).withHeader("Content-Type", "text/html").withBody("<html>502</html>"));

        AccessTokenException e = assertThrows(AccessTokenException.class, () -> service.get(AUDIENCE, null));

        assertEquals(ErrorCodes.IDP_UNAVAILABLE, e.code());
        assertFalse(e.getMessage().contains("html"));
    }

    @Test
    void getWhenRefreshTokenRevokedThenAuth0Code() {
        stubToken(aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_grant\",\"error_description\":\"Unknown or invalid refresh token.\"}"));

        AccessTokenException e = assertThrows(AccessTokenException.class, () -> service.get(AUDIENCE, null));

        assertEquals("invalid_grant", e.code());
    }

    @Test
    void getWhenNoSessionOrNobodySignedInThenMissingSessionAndNothingSent() {
        AccessTokenService withoutSession = serviceFor(TestRequests.withoutSession().request());
        assertEquals(ErrorCodes.MISSING_SESSION,
                assertThrows(AccessTokenException.class, () -> withoutSession.get(AUDIENCE, null)).code());

        credentials.subject.set(null);
        assertEquals(ErrorCodes.MISSING_SESSION,
                assertThrows(AccessTokenException.class, () -> service.get(AUDIENCE, null)).code());
        auth0.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void getWhenNoRefreshTokenThenMissingRefreshTokenAndNothingSent() {
        credentials.refreshToken.set(null);

        AccessTokenException e = assertThrows(AccessTokenException.class, () -> service.get(AUDIENCE, null));

        assertEquals(ErrorCodes.MISSING_REFRESH_TOKEN, e.code());
        auth0.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void getWhenManyRequestsOfOneSessionAtOnceThenOneRefreshCall() throws Exception {
        // the issue: two requests of one session needing the same audience make one refresh call; SEC-13
        stubToken(okJson("{\"access_token\":\"AT-1\",\"expires_in\":3600}").withFixedDelay(300));
        int requests = 8;
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        CountDownLatch go = new CountDownLatch(1);
        Callable<String> get = () -> {
            go.await();
            return service.get(AUDIENCE, "read:reports");
        };
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                results.add(pool.submit(get));
            }
            go.countDown();
            for (Future<String> result : results) {
                assertEquals("AT-1", result.get());
            }
        } finally {
            pool.shutdownNow();
        }

        auth0.verify(1, postRequestedFor(urlEqualTo("/oauth/token")));
    }

    @Test
    void sec13WhenTwoAudiencesAreAskedForAtOnceThenEachRefreshGrantUsesTheRefreshTokenThePreviousOneLeft()
            throws Exception {
        // With rotation, the same refresh token sent twice looks like theft to Auth0, which revokes them all.
        auth0.stubFor(post("/oauth/token").withRequestBody(containing("refresh_token=RT-1")).willReturn(okJson(
                "{\"access_token\":\"AT-A\",\"expires_in\":3600,\"refresh_token\":\"RT-2\"}").withFixedDelay(300)));
        auth0.stubFor(post("/oauth/token").withRequestBody(containing("refresh_token=RT-2")).willReturn(okJson(
                "{\"access_token\":\"AT-B\",\"expires_in\":3600,\"refresh_token\":\"RT-3\"}").withFixedDelay(300)));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        try {
            Future<String> first = pool.submit(() -> {
                go.await();
                return service.get("https://a.example.com", null);
            });
            Future<String> second = pool.submit(() -> {
                go.await();
                return service.get("https://b.example.com", null);
            });
            go.countDown();
            first.get();
            second.get();
        } finally {
            pool.shutdownNow();
        }

        auth0.verify(1, postRequestedFor(urlEqualTo("/oauth/token")).withRequestBody(containing("refresh_token=RT-1")));
        auth0.verify(1, postRequestedFor(urlEqualTo("/oauth/token")).withRequestBody(containing("refresh_token=RT-2")));
        assertEquals("RT-3", SessionContents.tokens(web.session()).refreshToken().orElseThrow());
    }

    @Test
    void getWhenTheSessionsUserChangedThenTokensOfThePreviousUserAreDropped() {
        stubToken(okJson("{\"access_token\":\"AT-ALICE\",\"expires_in\":3600}"));
        service.get(AUDIENCE, null);
        credentials.subject.set("auth0|bob");
        auth0.resetAll();
        stubToken(okJson("{\"access_token\":\"AT-BOB\",\"expires_in\":3600}"));

        assertEquals("AT-BOB", service.get(AUDIENCE, null));
    }

    @Test
    void getWhenResolverNamesAnotherDomainThanTheSessionsThenDomainMismatch() {
        // PY get_access_token step 2 (domain_mismatch), reference-tests J.17
        stubToken(okJson("{\"access_token\":\"AT-1\",\"expires_in\":3600}"));
        service.get(AUDIENCE, null);
        resolver.set(r -> "other-tenant.auth0.local");

        AccessTokenException e = assertThrows(AccessTokenException.class, () -> service.get("https://x", null));

        assertEquals(ErrorCodes.DOMAIN_MISMATCH, e.code());
    }

    @Test
    void useRefreshTokenWhenHandedOverThenUsedAndBoundToTheSubject() {
        // apps with another login hand the refresh token over
        credentials.refreshToken.set(null);
        credentials.subject.set(null);
        stubToken(okJson("{\"access_token\":\"AT-1\",\"expires_in\":3600}"));
        TestRequests fresh = TestRequests.withoutSession();
        AccessTokenService service = serviceFor(fresh.request());

        service.useRefreshToken("auth0|carol", "RT-HANDED-OVER");

        assertEquals("AT-1", service.get(AUDIENCE, null));
        auth0.verify(postRequestedFor(urlEqualTo("/oauth/token")).withFormParam("refresh_token", equalTo("RT-HANDED-OVER")));
        assertEquals("auth0|carol", SessionContents.tokens(fresh.session()).subject().orElseThrow());
        assertThrows(IllegalArgumentException.class, () -> service.useRefreshToken(" ", "x"));
    }

    @Test
    void forgetWhenCalledThenCachedTokensAndRefreshTokenGone() {
        stubToken(okJson("{\"access_token\":\"AT-1\",\"expires_in\":3600,\"refresh_token\":\"RT-2\"}"));
        service.get(AUDIENCE, null);

        service.forget();

        SessionTokens tokens = SessionContents.tokens(web.session());
        assertTrue(tokens.refreshToken().isEmpty());
        assertTrue(tokens.valid(new TokenKey(AUDIENCE, null), clock.instant(), Duration.ZERO).isEmpty());
    }

    @Test
    void exceptionsWhenAnyThenCarryNoToken() {
        stubToken(mfaRequired());
        MfaException e = assertThrows(MfaException.class, () -> service.get(AUDIENCE, null));

        assertFalse(String.valueOf(e.getMessage()).contains("RT-1"));
        assertFalse(e.toString().contains("MFATOK"));
        verify(started, never()).fire(null);
    }
}
