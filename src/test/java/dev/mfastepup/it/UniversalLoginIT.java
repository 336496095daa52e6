package dev.mfastepup.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.URL;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The step-up through Universal Login on the server: the servlet the jar registers, the start and the callback with
 * a stub Auth0 that signs its ID tokens, and {@code @FreshSecondFactor}'s interceptor, which the server must enable
 * from the library's jar; "try another way" beside a usable factor, and the road taken when Auth0 refuses this
 * application the MFA grant. SEC-40: a token without {@code mfa} in {@code amr} is refused.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class UniversalLoginIT {

    private static final String SUBJECT = "auth0|ul-user";
    private static final String ACCESS_TOKEN = "AT-UL-CANARY-4c1";
    private static final RSAKey KEY = key();
    private static final String KEY_AND_PHONE = "[{\"id\":\"webauthn-roaming|dev_1\","
            + "\"authenticator_type\":\"webauthn-roaming\",\"active\":true},{\"id\":\"sms|dev_ul\","
            + "\"authenticator_type\":\"oob\",\"oob_channel\":\"sms\",\"active\":true,\"name\":\"+1 XXX-XXX-0100\"}]";

    @ArquillianResource
    URL base;

    private final WireMockServer auth0 = Auth0Stub.server();

    @Deployment(testable = false)
    static WebArchive deployment() {
        Properties config = ItDeployments.config(Auth0Stub.baseUrl());
        config.setProperty("mfa-stepup.universal-login.enabled", "true");
        return ItDeployments.pagesWar("universal-login-it.war", config)
                .addClasses(FreshActionBean.class, FreshActionServlet.class);
    }

    @BeforeEach
    void securityKeyUser() {
        auth0.resetAll();
        Auth0Stub.stubAppUserWhoMustStepUp(auth0, "MFATOK-UL-1");
        auth0.stubFor(get("/mfa/authenticators").willReturn(okJson(
                "[{\"id\":\"webauthn-roaming|dev_1\",\"authenticator_type\":\"webauthn-roaming\",\"active\":true}]")));
        auth0.stubFor(get("/.well-known/jwks.json").willReturn(okJson(new JWKSet(KEY.toPublicJWK()).toString(false))));
    }

    @Test
    void aSecurityKeyUserStepsUpAtUniversalLoginAndGetsThePage() throws Exception {
        Browser user = signedIn();
        String flow = user.startFlow("reports");
        String start = user.exchange("mfa/index.xhtml?flow=" + flow, HttpRequest.newBuilder().GET()).body();
        assertTrue(start.contains("id=\"mfa:universalLogin\"") && start.contains("universal-login/start?flow="
                + flow), start);

        Map<String, String> authorize = authorize(user.exchange("mfa/universal-login/start?flow=" + flow,
                HttpRequest.newBuilder().GET()));
        assertEquals(base + "mfa/universal-login/callback", authorize.get("redirect_uri"));
        stubCodeExchange(idToken(authorize.get("nonce"), List.of("mfa")));

        HttpResponse<String> callback = user.exchange("mfa/universal-login/callback?code=UL-CODE-1&state="
                + authorize.get("state"), HttpRequest.newBuilder().GET());

        assertEquals(303, callback.statusCode());
        assertEquals(base.getPath() + "reports", callback.headers().firstValue("Location").orElseThrow());
        Browser.Answer report = user.call("reports");
        assertEquals(200, report.status());
        assertTrue(report.body().contains(ACCESS_TOKEN), report.body());
        Map<String, String> exchange = Auth0Stub.form(auth0.findAll(postRequestedFor(urlEqualTo("/oauth/token"))
                .withRequestBody(containing("grant_type=authorization_code"))).get(0));
        assertEquals(authorize.get("code_challenge"), s256(exchange.get("code_verifier")));
    }

    @Test
    void sec40AnIdTokenWithoutMfaInAmrIsRefusedWithAPageThatSaysSo() {
        Browser user = signedIn();
        String flow = user.startFlow("reports");
        Map<String, String> authorize = authorize(user.exchange("mfa/universal-login/start?flow=" + flow,
                HttpRequest.newBuilder().GET()));
        stubCodeExchange(idToken(authorize.get("nonce"), List.of("pwd")));

        HttpResponse<String> callback = user.exchange("mfa/universal-login/callback?code=UL-CODE-2&state="
                + authorize.get("state"), HttpRequest.newBuilder().GET());

        String location = callback.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith(base.getPath() + "mfa/error.xhtml?reason=not-proven&"), location);
        HttpResponse<String> page = user.exchange(location.substring(base.getPath().length()),
                HttpRequest.newBuilder().GET());
        assertEquals(403, page.statusCode());
        assertTrue(page.body().contains("Your second factor was not confirmed"), page.body());
        assertTrue(user.exchange("reports", HttpRequest.newBuilder().header("Accept", "text/html").GET())
                .headers().firstValue("Location").orElse("").contains("/mfa/index.xhtml?flow="), "no token kept");
    }

    @Test
    void aFreshSecondFactorMethodSendsAPageToUniversalLoginAndTellsAnApiCallerWithRfc9470() {
        Browser user = signedIn();

        HttpResponse<String> page = user.exchange("approve", HttpRequest.newBuilder().header("Accept", "text/html")
                .GET());
        assertEquals(303, page.statusCode(), page.body());
        Map<String, String> authorize = authorize(page);
        assertEquals("60", authorize.get("max_age"));
        assertEquals(ReportsServlet.AUDIENCE, authorize.get("audience"));

        HttpResponse<String> api = user.exchange("api/approve", HttpRequest.newBuilder()
                .header("Accept", "application/json").GET());
        assertEquals(401, api.statusCode());
        String challenge = api.headers().firstValue("WWW-Authenticate").orElseThrow();
        assertTrue(challenge.startsWith("Bearer error=\"insufficient_user_authentication\"")
                && challenge.endsWith(", max_age=60"), challenge);
    }

    @Test
    void aUserWithASecurityKeyBesideAPhoneIsOfferedAnotherWayAndThePhoneFirst() {
        stubKeyAndPhone();
        Browser user = signedIn();
        String flow = user.startFlow("reports");

        String start = user.exchange("mfa/index.xhtml?flow=" + flow, HttpRequest.newBuilder().GET()).body();

        assertTrue(start.contains("id=\"mfa:anotherWay\"") && start.contains("universal-login/start?flow=" + flow),
                start);
        assertTrue(start.contains("value=\"sms|dev_ul\""), "the phone stays a choice: " + start);
        assertFalse(start.contains("value=\"webauthn-roaming|dev_1\""), "the key is not a choice here: " + start);
    }

    @Test
    void whenAuth0DoesNotAllowThisApplicationTheMfaGrantTheUserGoesOnThroughUniversalLogin() {
        stubKeyAndPhone();
        auth0.stubFor(post("/mfa/challenge").willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":\"unauthorized_client\","
                        + "\"error_description\":\"Grant type 'http://auth0.com/oauth/grant-type/mfa-oob' not"
                        + " allowed for the client.\"}")));
        Browser user = signedIn();
        String flow = user.startFlow("reports");
        FacesForm start = user.form("mfa/index.xhtml?flow=" + flow);

        HttpResponse<String> chosen = user.submit(start, start.body("mfa:authenticator", "sms|dev_ul",
                "mfa:continue", "x"));

        String location = chosen.headers().firstValue("Location").orElseThrow(() -> new AssertionError(
                chosen.statusCode() + " " + chosen.body()));
        assertEquals(base.getPath() + "mfa/universal-login/start?flow=" + flow, location);
        Map<String, String> authorize = authorize(user.exchange(location.substring(base.getPath().length()),
                HttpRequest.newBuilder().GET()));
        assertEquals(ReportsServlet.AUDIENCE, authorize.get("audience"));
    }

    @Test
    void theExpiredPageOffersUniversalLoginOnlyForAFlowTheSessionKnows() {
        Browser user = signedIn();
        String flow = user.startFlow("reports");

        String known = user.exchange("mfa/error.xhtml?reason=expired&detail=" + flow, HttpRequest.newBuilder().GET())
                .body();
        String unknown = user.exchange("mfa/error.xhtml?reason=expired&detail=AAAAAAAAAAAAAAAAAAAAAA",
                HttpRequest.newBuilder().GET()).body();

        assertTrue(known.contains("id=\"universalLogin\"") && known.contains("universal-login/start?flow=" + flow),
                known);
        assertFalse(unknown.contains("universal-login/start"), unknown);
    }

    // Helpers ----------------------------------------------------------------------------------------------------

    /** A user with a security key and a phone, whom Auth0 lets verify with either. */
    private void stubKeyAndPhone() {
        auth0.stubFor(post("/oauth/token").withRequestBody(containing("grant_type=refresh_token"))
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                        .withBody(Auth0Stub.mfaRequired("MFATOK-UL-2", "oob"))));
        auth0.stubFor(get("/mfa/authenticators").willReturn(okJson(KEY_AND_PHONE)));
    }

    private Browser signedIn() {
        Browser browser = new Browser(base);
        assertEquals(200, browser.call("login", "sub", SUBJECT, "rt", "RT-UL").status());
        return browser;
    }

    /** The query of the stub tenant's /authorize a 303 sends the browser to. */
    private static Map<String, String> authorize(HttpResponse<String> answer) {
        assertEquals(303, answer.statusCode(), answer.headers().map().toString());
        URI location = URI.create(answer.headers().firstValue("Location").orElseThrow());
        assertEquals(URI.create(Auth0Stub.baseUrl() + "authorize").getPath(), location.getPath());
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : location.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            query.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return query;
    }

    private void stubCodeExchange(String idToken) {
        auth0.stubFor(post("/oauth/token").withRequestBody(containing("grant_type=authorization_code"))
                .willReturn(okJson("{\"access_token\":\"" + ACCESS_TOKEN + "\",\"token_type\":\"Bearer\","
                        + "\"expires_in\":3600,\"id_token\":\"" + idToken + "\"}")));
    }

    private static String idToken(String nonce, List<String> amr) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(SUBJECT).issuer(Auth0Stub.baseUrl())
                .audience(ItDeployments.CLIENT_ID).expirationTime(Date.from(now.plusSeconds(600)))
                .claim("nonce", nonce).claim("amr", amr).claim("auth_time", now.getEpochSecond() - 5).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY.getKeyID()).build(), claims);
        try {
            jwt.sign(new RSASSASigner(KEY));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private static String s256(String verifier) throws Exception {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    }

    private static RSAKey key() {
        try {
            return new RSAKeyGenerator(2048).keyID("ul-it").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
