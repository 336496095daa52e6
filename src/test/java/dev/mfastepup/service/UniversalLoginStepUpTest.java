package dev.mfastepup.service;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.mfastepup.Auth0Stubs;
import dev.mfastepup.LogCapture;
import dev.mfastepup.MfaTokenExpiredException;
import dev.mfastepup.MfaTokenInvalidException;
import dev.mfastepup.TestConfigs;
import dev.mfastepup.TestRequests;
import dev.mfastepup.client.TenantDomains;
import dev.mfastepup.config.UniversalLoginConfig;
import dev.mfastepup.event.SecurityLog;
import dev.mfastepup.event.StepUpEvent.Outcome;
import dev.mfastepup.session.ExpiredFlows;
import dev.mfastepup.session.PendingStepUp.ReturnTo;
import dev.mfastepup.session.SessionTokenStore;
import dev.mfastepup.session.TokenKey;
import dev.mfastepup.token.InsufficientUserAuthenticationException;
import dev.mfastepup.token.SessionCredentials;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link UniversalLoginStepUp} against a stub tenant: the authorization request it builds, and what it accepts at
 * the callback. SEC-40: an ID token that does not prove a second factor for this very request is refused.
 */
class UniversalLoginStepUpTest {

    @RegisterExtension
    static WireMockExtension auth0 = Auth0Stubs.server();

    private static final String CALLBACK = "https://app.example.com/shop/mfa/universal-login/callback";
    private static final RSAKey TENANT_KEY = rsaKey();
    private static final String CODE = "CODE-CANARY-5d1e";

    private ServiceFixture fixture;
    private SessionTokenStore tokens;
    private UniversalLoginStepUp stepUp;
    private String flowId;

    @BeforeEach
    void setUp() {
        fixture = new ServiceFixture(auth0.baseUrl(), TestRequests.withSession());
        when(fixture.web.request().getScheme()).thenReturn("https");
        when(fixture.web.request().getServerPort()).thenReturn(443);
        when(fixture.web.request().getContextPath()).thenReturn("/shop");
        stepUp = stepUpFor(fixture.web, new UniversalLoginConfig(true, false, Optional.empty(), null));
        flowId = fixture.startFlow(ServiceFixture.challenge("otp"));
        fixture.flows.rememberReturnTo(fixture.web.session(), flowId, new ReturnTo("/reports?id=7", false));
        auth0.stubFor(get("/.well-known/jwks.json").willReturn(okJson(new JWKSet(TENANT_KEY.toPublicJWK())
                .toString(false))));
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void theAuthorizationRequestAsksForTheFlowsTokenWithPkceAndTheMultiFactorPolicy() {
        Map<String, String> query = query(stepUp.begin(flowId));

        assertEquals("code", query.get("response_type"));
        assertEquals(TestConfigs.CLIENT_ID, query.get("client_id"));
        assertEquals(CALLBACK, query.get("redirect_uri"));
        assertEquals("openid read:reports", query.get("scope"));
        assertEquals(ServiceFixture.KEY.audience(), query.get("audience"));
        assertEquals(UniversalLoginConfig.MULTI_FACTOR_POLICY, query.get("acr_values"));
        assertEquals("S256", query.get("code_challenge_method"));
        assertTrue(query.get("state").matches("[A-Za-z0-9_-]{22}"), query.get("state"));
        assertTrue(query.get("nonce").matches("[A-Za-z0-9_-]{22}"), query.get("nonce"));
        assertNotEquals(query.get("state"), query.get("nonce"));
        assertFalse(query.containsKey("max_age"));
    }

    @Test
    void aConfiguredCallbackUrlIsUsedInsteadOfTheRequestsOwn() {
        URI configured = URI.create("https://shop.example.com/mfa/universal-login/callback");
        UniversalLoginStepUp behindProxy = stepUpFor(fixture.web,
                new UniversalLoginConfig(true, false, Optional.of(configured), null));

        assertEquals(configured.toString(), query(behindProxy.begin(flowId)).get("redirect_uri"));
    }

    @Test
    void whenTheRoadIsOffNothingStarts() {
        UniversalLoginStepUp off = stepUpFor(fixture.web, UniversalLoginConfig.DISABLED);

        assertFalse(off.enabled());
        assertThrows(IllegalStateException.class, () -> off.begin(flowId));
    }

    @Test
    void theSignInsLoginNameIsSentAsLoginHintAndABlankOneIsNot() {
        assertFalse(query(stepUp.begin(flowId)).containsKey("login_hint"));

        fixture.credentials.loginHint.set("alice@example.com");
        assertEquals("alice@example.com", query(stepUp.begin(flowId)).get("login_hint"));

        fixture.credentials.loginHint.set("  ");
        assertFalse(query(stepUp.begin(flowId)).containsKey("login_hint"));
    }

    @Test
    void aFlowWhoseMfaTokenExpiredCanStillGoThroughUniversalLogin() {
        fixture.clock.advance(fixture.config.contextTtl().plusSeconds(1));
        assertThrows(MfaTokenExpiredException.class, () -> fixture.flows.open(fixture.web.session(), flowId,
                ServiceFixture.SUBJECT, TestConfigs.DOMAIN));
        assertTrue(stepUp.canTakeOver(flowId));

        Map<String, String> query = query(stepUp.begin(flowId));

        assertEquals(ServiceFixture.KEY.audience(), query.get("audience"));
        stubCodeExchange(idToken(query.get("nonce"), claims -> claims.claim("amr", List.of("mfa"))));
        HostedOutcome outcome = stepUp.complete(CODE, query.get("state"), null);
        assertEquals(HostedOutcome.Kind.COMPLETED, outcome.kind());
        assertEquals(new ReturnTo("/reports?id=7", false), outcome.returnTo());

        fixture.clock.advance(ExpiredFlows.KEPT.plusSeconds(1));
        assertFalse(stepUp.canTakeOver(flowId), "not for ever");
        assertThrows(MfaTokenInvalidException.class, () -> stepUp.begin(flowId));
    }

    @Test
    void anUnknownFlowStartsNothing() {
        assertFalse(stepUp.canTakeOver("AAAAAAAAAAAAAAAAAAAAAA"));
        assertThrows(MfaTokenInvalidException.class, () -> stepUp.begin("AAAAAAAAAAAAAAAAAAAAAA"));
    }

    @Test
    void sec40WhenTheTokenProvesASecondFactorThenItIsKeptAndTheUserGoesBack() {
        Map<String, String> query = query(stepUp.begin(flowId));
        stubCodeExchange(idToken(query.get("nonce"), claims -> claims.claim("amr", List.of("mfa"))));
        String sessionId = fixture.web.sessionId();

        HostedOutcome outcome = stepUp.complete(CODE, query.get("state"), null);

        assertEquals(HostedOutcome.Kind.COMPLETED, outcome.kind());
        assertEquals("/reports?id=7", outcome.returnTo().path());
        assertEquals("AT-CANARY-UL", tokens.valid(fixture.web.session(), ServiceFixture.KEY,
                fixture.clock.instant(), Duration.ZERO).orElseThrow().value());
        assertTrue(fixture.flows.find(fixture.web.session(), flowId).isEmpty(), "the MFA-API flow ended");
        assertNotEquals(sessionId, fixture.web.sessionId(), "a new session id after the step-up");
        verify(fixture.completed).fire(any());
        assertEquals(List.of(Outcome.UNIVERSAL_LOGIN, Outcome.VERIFIED), fixture.events.outcomes());
        assertEquals(flowId, fixture.events.all().get(1).flowId());
        assertNull(fixture.events.all().get(1).factor(), "Universal Login does not say which factor");
        LoggedRequest exchange = auth0.findAll(postRequestedFor(urlEqualTo("/oauth/token"))).get(0);
        Map<String, String> form = form(exchange.getBodyAsString());
        assertEquals("authorization_code", form.get("grant_type"));
        assertEquals(CODE, form.get("code"));
        assertEquals(CALLBACK, form.get("redirect_uri"));
        assertEquals(query.get("code_challenge"), AuthorizationRequest.challenge(form.get("code_verifier")),
                "the verifier matches the challenge sent to /authorize");
    }

    @Test
    void sec40AnAcrNamingTheMultiFactorPolicyProvesTheSecondFactorToo() {
        Map<String, String> query = query(stepUp.begin(flowId));
        stubCodeExchange(idToken(query.get("nonce"),
                claims -> claims.claim("acr", UniversalLoginConfig.MULTI_FACTOR_POLICY)));

        assertEquals(HostedOutcome.Kind.COMPLETED, stepUp.complete(CODE, query.get("state"), null).kind());
    }

    @Test
    void sec40WhenTheIdTokenHasNoMfaInAmrNorThePolicyInAcrThenItIsRefusedAndNothingIsKept() {
        Map<String, String> query = query(stepUp.begin(flowId));
        stubCodeExchange(idToken(query.get("nonce"), claims -> claims.claim("amr", List.of("pwd"))
                .claim("acr", "http://schemas.openid.net/pape/policies/2007/06/phishing-resistant-single")));

        HostedOutcome outcome;
        List<String> events;
        try (LogCapture security = new LogCapture(SecurityLog.LOGGER_NAME)) {
            outcome = stepUp.complete(CODE, query.get("state"), null);
            events = security.messages();
        }

        assertEquals(HostedOutcome.Kind.NOT_PROVEN, outcome.kind());
        assertEquals("/reports?id=7", outcome.returnTo().path());
        assertTrue(tokens.valid(fixture.web.session(), ServiceFixture.KEY, fixture.clock.instant(), Duration.ZERO)
                .isEmpty());
        assertTrue(fixture.flows.find(fixture.web.session(), flowId).isPresent(), "the MFA-API flow goes on");
        assertFalse(fixture.web.invalidated());
        verify(fixture.completed, never()).fire(any());
        assertEquals(List.of(Outcome.UNIVERSAL_LOGIN, Outcome.FAILED), fixture.events.outcomes());
        assertEquals("not_proven", fixture.events.all().get(1).reason());
        assertTrue(events.stream().anyMatch(line -> line.startsWith("mfa.universal_login_refused ")
                && line.contains("reason=no_second_factor")), events.toString());
    }

    @Test
    void sec40ATokenForAnotherRequestsNonceIsRefused() {
        Map<String, String> query = query(stepUp.begin(flowId));
        stubCodeExchange(idToken("another-requests-nonce", claims -> claims.claim("amr", List.of("mfa"))));

        assertEquals(HostedOutcome.Kind.NOT_PROVEN, stepUp.complete(CODE, query.get("state"), null).kind());
        assertTrue(tokens.valid(fixture.web.session(), ServiceFixture.KEY, fixture.clock.instant(), Duration.ZERO)
                .isEmpty());
    }

    @Test
    void sec40ATokenForAnotherUserEndsTheSession() {
        Map<String, String> query = query(stepUp.begin(flowId));
        stubCodeExchange(idToken(query.get("nonce"), claims -> claims.subject("auth0|mallory")
                .claim("amr", List.of("mfa"))));

        assertEquals(HostedOutcome.Kind.IDENTITY, stepUp.complete(CODE, query.get("state"), null).kind());
        assertTrue(fixture.web.invalidated());
    }

    @Test
    void sec40ADemandForARecentFactorSendsMaxAgeAndRefusesAnOlderLogin() {
        InsufficientUserAuthenticationException demand = new InsufficientUserAuthenticationException(
                "https://payments.example.com", "transfer", null, Duration.ofMinutes(5));
        ReturnTo back = new ReturnTo("/transfer", false);
        long now = fixture.clock.instant().getEpochSecond();

        Map<String, String> stale = query(stepUp.begin(demand, back));
        assertEquals("300", stale.get("max_age"));
        assertEquals("openid transfer", stale.get("scope"));
        assertEquals("https://payments.example.com", stale.get("audience"));
        stubCodeExchange(idToken(stale.get("nonce"), claims -> claims.claim("amr", List.of("mfa"))
                .claim("auth_time", now - 300 - 61)));
        assertEquals(HostedOutcome.Kind.NOT_PROVEN, stepUp.complete(CODE, stale.get("state"), null).kind());
        assertTrue(tokens.lastSecondFactor(fixture.web.session()).isEmpty());

        Map<String, String> fresh = query(stepUp.begin(demand, back));
        stubCodeExchange(idToken(fresh.get("nonce"), claims -> claims.claim("amr", List.of("mfa"))
                .claim("auth_time", now - 10)));
        HostedOutcome outcome = stepUp.complete(CODE, fresh.get("state"), null);

        assertEquals(HostedOutcome.Kind.COMPLETED, outcome.kind());
        assertEquals(back, outcome.returnTo());
        assertEquals(fixture.clock.instant(), tokens.lastSecondFactor(fixture.web.session()).orElseThrow(),
                "proved within max_age just now: the window starts again now, or a slow user would loop");
        assertTrue(tokens.valid(fixture.web.session(), new TokenKey("https://payments.example.com", "transfer"),
                fixture.clock.instant(), Duration.ZERO).isPresent());
    }

    @Test
    void withoutMaxAgeTheFactorCountsFromAuth0sLoginWhichMayBeOlder() {
        Map<String, String> query = query(stepUp.begin(flowId));
        long loggedIn = fixture.clock.instant().getEpochSecond() - 3600;
        stubCodeExchange(idToken(query.get("nonce"), claims -> claims.claim("amr", List.of("mfa"))
                .claim("auth_time", loggedIn)));

        assertEquals(HostedOutcome.Kind.COMPLETED, stepUp.complete(CODE, query.get("state"), null).kind());
        assertEquals(loggedIn, tokens.lastSecondFactor(fixture.web.session()).orElseThrow().getEpochSecond(),
                "Auth0 reused a login of an hour ago: no fresher factor than that is recorded");
    }

    @Test
    void sec40ADownstreamApisAcrValuesAreAskedForAndMustComeBack() {
        InsufficientUserAuthenticationException demand = new InsufficientUserAuthenticationException(
                "https://api.example.com", null, "urn:example:loa:3", null);

        Map<String, String> first = query(stepUp.begin(demand, null));
        assertEquals("urn:example:loa:3", first.get("acr_values"));
        stubCodeExchange(idToken(first.get("nonce"), claims -> claims.claim("amr", List.of("mfa"))));
        assertEquals(HostedOutcome.Kind.NOT_PROVEN, stepUp.complete(CODE, first.get("state"), null).kind());

        Map<String, String> second = query(stepUp.begin(demand, null));
        stubCodeExchange(idToken(second.get("nonce"), claims -> claims.claim("acr", "urn:example:loa:3")));
        assertEquals(HostedOutcome.Kind.COMPLETED, stepUp.complete(CODE, second.get("state"), null).kind());
    }

    @Test
    void aStateIsUsedOnceAndAnUnknownOneSendsNothingToAuth0() {
        Map<String, String> query = query(stepUp.begin(flowId));
        stubCodeExchange(idToken(query.get("nonce"), claims -> claims.claim("amr", List.of("mfa"))));

        assertEquals(HostedOutcome.Kind.COMPLETED, stepUp.complete(CODE, query.get("state"), null).kind());
        assertEquals(HostedOutcome.Kind.INVALID, stepUp.complete(CODE, query.get("state"), null).kind());
        assertEquals(HostedOutcome.Kind.INVALID, stepUp.complete(CODE, "made-up-state-000000000", null).kind());
        assertEquals(HostedOutcome.Kind.INVALID, stepUp.complete(CODE, null, null).kind());

        auth0.verify(1, postRequestedFor(urlEqualTo("/oauth/token")));
    }

    @Test
    void aStateOfAnotherSessionIsNotTaken() {
        Map<String, String> query = query(stepUp.begin(flowId));
        ServiceFixture other = new ServiceFixture(auth0.baseUrl(), TestRequests.withSession());
        try {
            UniversalLoginStepUp otherStepUp = stepUpFor(other.web, new UniversalLoginConfig(true, false, Optional.empty(),
                    null));

            assertEquals(HostedOutcome.Kind.INVALID, otherStepUp.complete(CODE, query.get("state"), null).kind());
        } finally {
            other.close();
        }
        auth0.verify(0, postRequestedFor(urlEqualTo("/oauth/token")));
    }

    @Test
    void aRequestOlderThanTenMinutesIsNotTaken() {
        Map<String, String> query = query(stepUp.begin(flowId));
        fixture.clock.advance(Duration.ofMinutes(10));

        assertEquals(HostedOutcome.Kind.INVALID, stepUp.complete(CODE, query.get("state"), null).kind());
    }

    @Test
    void anErrorFromAuth0KeepsTheFlowAndSendsNoTokenRequest() {
        Map<String, String> query = query(stepUp.begin(flowId));

        HostedOutcome outcome = stepUp.complete(null, query.get("state"), "access_denied");

        assertEquals(HostedOutcome.Kind.NOT_PROVEN, outcome.kind());
        assertTrue(fixture.flows.find(fixture.web.session(), flowId).isPresent());
        auth0.verify(0, postRequestedFor(urlEqualTo("/oauth/token")));
    }

    @Test
    void aRefusedCodeIsNotProvenAndAnAuth0FaultIsUnavailable() {
        Map<String, String> first = query(stepUp.begin(flowId));
        auth0.stubFor(post("/oauth/token")
                .willReturn(Auth0Stubs.error(403, "invalid_grant", "Invalid authorization code")));
        assertEquals(HostedOutcome.Kind.NOT_PROVEN, stepUp.complete(CODE, first.get("state"), null).kind());

        Map<String, String> second = query(stepUp.begin(flowId));
        auth0.stubFor(post("/oauth/token").willReturn(aResponse().withStatus(503)));
        assertEquals(HostedOutcome.Kind.UNAVAILABLE, stepUp.complete(CODE, second.get("state"), null).kind());
    }

    @Test
    void noCodeStateOrNonceReachesTheLog() {
        Map<String, String> query = query(stepUp.begin(flowId));
        stubCodeExchange(idToken(query.get("nonce"), claims -> claims.claim("amr", List.of("pwd"))));
        String log;
        try (LogCapture all = new LogCapture("dev.mfastepup")) {
            stepUp.complete(CODE, query.get("state"), null);
            stepUp.complete(CODE, query.get("state"), null);
            log = String.join("\n", all.messages());
        }

        assertTrue(log.contains("mfa.universal_login_refused"), log);
        for (String secret : List.of(CODE, query.get("state"), query.get("nonce"), query.get("code_challenge"))) {
            assertFalse(log.contains(secret), "a secret in the log: " + log);
        }
    }

    // Helpers ----------------------------------------------------------------------------------------------------

    private UniversalLoginStepUp stepUpFor(TestRequests web, UniversalLoginConfig settings) {
        tokens = new SessionTokenStore();
        StepUpRequests requests = new StepUpRequests(web.request(), new SessionCredentials(fixture.credentials),
                new TenantDomains(TestConfigs.DOMAIN, null), fixture.flows, tokens, fixture.events.publisher(fixture.clock));
        IdTokenCheck idTokens = new IdTokenCheck(TestConfigs.CLIENT_ID, fixture.client::baseUri,
                new IssuerKeys(fixture.client::keySet, fixture.clock), fixture.clock);
        return new UniversalLoginStepUp(requests, fixture.client, idTokens, tokens, fixture.flows, settings,
                fixture.config, fixture.completed, fixture.clock);
    }

    private void stubCodeExchange(String idToken) {
        auth0.stubFor(post("/oauth/token").withRequestBody(containing("grant_type=authorization_code"))
                .willReturn(okJson("{\"access_token\":\"AT-CANARY-UL\",\"token_type\":\"Bearer\","
                        + "\"expires_in\":3600,\"id_token\":\"" + idToken + "\"}")));
    }

    private String idToken(String nonce, Consumer<JWTClaimsSet.Builder> extra) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(ServiceFixture.SUBJECT)
                .issuer(auth0.baseUrl() + "/").audience(TestConfigs.CLIENT_ID)
                .expirationTime(Date.from(fixture.clock.instant().plusSeconds(600)))
                .claim("nonce", nonce).claim("auth_time", fixture.clock.instant().getEpochSecond() - 5);
        extra.accept(claims);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(TENANT_KEY.getKeyID()).build(),
                claims.build());
        try {
            jwt.sign(new RSASSASigner(TENANT_KEY));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private static Map<String, String> query(URI uri) {
        return form(uri.getRawQuery());
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    private static RSAKey rsaKey() {
        try {
            return new RSAKeyGenerator(2048).keyID("tenant-key").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
