package dev.mfastepup.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.mfastepup.it.Auth0Stub.GRANT_MFA_OTP;
import static dev.mfastepup.it.Auth0Stub.form;
import static dev.mfastepup.it.Auth0Stub.mfaRequired;
import static dev.mfastepup.it.Auth0Stub.tokens;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.mfastepup.it.Browser.Answer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * MFA step-up through the packaged library on Payara Micro, against Auth0 played by WireMock. Each test is one
 * user with a session of their own: it hands a refresh token over, asks for a token, and walks the step-up flow
 * through the test servlet, checking both what the application sees and what reached "Auth0".
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class StepUpIT {

    private static final String AUDIENCE = "https://reports.example.com";
    private static final Pattern FLOW_ID = Pattern.compile("[A-Za-z0-9_-]{22}");
    private static final String TOKEN_PATH = "/oauth/token";
    private static final String AUTHENTICATORS_PATH = "/mfa/authenticators";

    @ArquillianResource
    URL base;

    private final WireMockServer auth0 = Auth0Stub.server();

    @Deployment(testable = false)
    static WebArchive deployment() {
        // The stub must run before the WAR is built: the WAR's configuration names its port.
        return ItDeployments.war("stepup-it.war", ItDeployments.config(Auth0Stub.baseUrl()));
    }

    @BeforeEach
    void resetAuth0() {
        auth0.resetAll();
    }

    @AfterAll
    static void serverLogHoldsNoTokenOrSecret() {
        try {
            String log = ServerLog.text();
            assertAll(
                    () -> assertTrue(log.contains("mfa-stepup configured"), "the copy holds the server log"),
                    () -> assertFalse(log.contains("CANARY"), "a token appears in the server log"),
                    () -> assertFalse(log.contains(ItDeployments.CLIENT_SECRET), "the client secret is logged"),
                    () -> assertFalse(log.contains(ItDeployments.SEAL_SECRET), "the sealing secret is logged"));
        } finally {
            Auth0Stub.stop();
        }
    }

    // (a) One OTP step-up -----------------------------------------------------------------------------------------

    @Test
    void sec08OtpStepUpCompletesAndTheTokenIsThenServedFromTheSession() {
        auth0.stubFor(post(TOKEN_PATH).withFormParam("grant_type", equalTo("refresh_token"))
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                        .withBody(mfaRequired("MFATOK-CANARY-1", "otp"))));
        auth0.stubFor(get(AUTHENTICATORS_PATH).withHeader("Authorization", equalTo("Bearer MFATOK-CANARY-1"))
                .willReturn(okJson("""
                        [{"id":"totp|dev_it1","authenticator_type":"otp","active":true},
                         {"id":"sms|dev_it1","authenticator_type":"oob","oob_channel":"sms","active":true,"name":"XXXXXXXX8730"},
                         {"id":"totp|dev_unconfirmed","authenticator_type":"otp","active":false}]""")));
        auth0.stubFor(post(TOKEN_PATH).withFormParam("grant_type", equalTo(GRANT_MFA_OTP))
                .withFormParam("mfa_token", equalTo("MFATOK-CANARY-1")).withFormParam("otp", equalTo("123456"))
                .willReturn(okJson(tokens("AT-CANARY-1"))));
        Browser browser = new Browser(base);

        assertOk(browser.call("login", "sub", "auth0|it-a", "rt", "RT-CANARY-A"));

        // The refresh grant is answered with mfa_required: the application gets a flow id, never the mfa_token.
        Answer required = browser.call("token", "audience", AUDIENCE);
        assertEquals(401, required.status(), required::toString);
        assertFalse(required.body().contains("MFATOK-CANARY-1"), required::toString);
        JsonObject step = required.json();
        String flowId = step.getString("flowId");
        assertAll(
                () -> assertEquals("mfa_required", step.getString("code")),
                () -> assertTrue(FLOW_ID.matcher(flowId).matches(), "flow id " + flowId),
                () -> assertEquals(AUDIENCE, step.getString("audience")),
                () -> assertEquals(List.of("otp"), strings(step, "requirements")));
        LoggedRequest refresh = single(postRequestedFor(urlEqualTo(TOKEN_PATH)));
        String basic = Base64.getEncoder().encodeToString(
                (ItDeployments.CLIENT_ID + ":" + ItDeployments.CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        assertAll(
                () -> assertEquals(Map.of("grant_type", "refresh_token", "refresh_token", "RT-CANARY-A",
                        "client_id", ItDeployments.CLIENT_ID, "audience", AUDIENCE), form(refresh)),
                () -> assertEquals("Basic " + basic, refresh.getHeader("Authorization")),
                () -> assertTrue(refresh.getHeader("Content-Type").startsWith("application/x-www-form-urlencoded"),
                        refresh.getHeader("Content-Type")),
                () -> assertTrue(new String(Base64.getDecoder().decode(refresh.getHeader("Auth0-Client")),
                        StandardCharsets.UTF_8).contains("\"name\":\"mfa-stepup\"")));

        // (1) List: only the confirmed authenticator of an allowed type, asked for with the mfa_token as bearer.
        Answer listed = browser.call("list", "flow", flowId);
        assertOk(listed);
        assertEquals(json("""
                {"authenticators":[{"id":"totp|dev_it1","type":"otp","factor":"OTP"}]}"""), listed.json());
        auth0.verify(1, getRequestedFor(urlEqualTo(AUTHENTICATORS_PATH))
                .withHeader("Authorization", equalTo("Bearer MFATOK-CANARY-1")));

        // (2) Challenge the OTP authenticator: OTP needs no call to /mfa/challenge.
        Answer challenged = browser.call("challenge", "flow", flowId, "id", "totp|dev_it1");
        assertOk(challenged);
        assertEquals("OTP", challenged.json().getString("factor"));
        assertFalse(challenged.json().getBoolean("bindingCodeRequired"));
        auth0.verify(0, postRequestedFor(urlEqualTo("/mfa/challenge")));

        // (3) Verify: the mfa-otp grant with the client authenticating in the body; the session id is renewed.
        String sessionBefore = browser.sessionId().orElseThrow();
        Answer verified = browser.call("verify-otp", "flow", flowId, "code", "123456");
        assertOk(verified);
        assertEquals("verified", verified.json().getString("result"));
        assertEquals("OTP", verified.json().getString("factor"));
        assertEquals(AUDIENCE, verified.json().getString("audience"));
        List<LoggedRequest> grants = auth0.findAll(postRequestedFor(urlEqualTo(TOKEN_PATH))
                .withRequestBody(containing("mfa-otp")));
        assertEquals(1, grants.size());
        Map<String, String> otpGrant = form(grants.get(0));
        assertAll(
                () -> assertEquals(Map.of("grant_type", GRANT_MFA_OTP, "mfa_token", "MFATOK-CANARY-1",
                        "otp", "123456", "client_id", ItDeployments.CLIENT_ID,
                        "client_secret", ItDeployments.CLIENT_SECRET), otpGrant),
                () -> assertNull(grants.get(0).getHeader("Authorization"), "no Authorization header on MFA grants"));
        String sessionAfter = browser.sessionId().orElseThrow();
        assertNotEquals(sessionBefore, sessionAfter, "the session id is renewed after the step-up");

        // The new token is served from the session: no further call to the token endpoint.
        Answer token = browser.call("token", "audience", AUDIENCE);
        assertOk(token);
        assertEquals("AT-CANARY-1", token.json().getString("token"));
        auth0.verify(2, postRequestedFor(urlEqualTo(TOKEN_PATH)));

        // The old id is dead: a request with it alone finds no session, no token, and sends nothing to Auth0.
        HttpResponse<String> withOldId = new Browser(base).exchange("token?audience="
                + URLEncoder.encode(AUDIENCE, StandardCharsets.UTF_8),
                HttpRequest.newBuilder().header("Cookie", "JSESSIONID=" + sessionBefore).GET());
        assertNotEquals(200, withOldId.statusCode(), withOldId.body());
        assertFalse(withOldId.body().contains("AT-CANARY-1"), withOldId.body());
        auth0.verify(2, postRequestedFor(urlEqualTo(TOKEN_PATH)));
    }

    // (b) Chained MFA ---------------------------------------------------------------------------------------------

    @Test
    void f19ChainedMfaStartsANewFlowAndEndsTheOldOne() {
        auth0.stubFor(post(TOKEN_PATH).withFormParam("grant_type", equalTo("refresh_token"))
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                        .withBody(mfaRequired("MFATOK-CANARY-2A", "otp"))));
        auth0.stubFor(post(TOKEN_PATH).withFormParam("grant_type", equalTo(GRANT_MFA_OTP))
                .withFormParam("mfa_token", equalTo("MFATOK-CANARY-2A"))
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                        .withBody(mfaRequired("MFATOK-CANARY-2B", "otp"))));
        auth0.stubFor(post(TOKEN_PATH).withFormParam("grant_type", equalTo(GRANT_MFA_OTP))
                .withFormParam("mfa_token", equalTo("MFATOK-CANARY-2B")).withFormParam("otp", equalTo("654321"))
                .willReturn(okJson(tokens("AT-CANARY-2"))));
        Browser browser = new Browser(base);
        assertOk(browser.call("login", "sub", "auth0|it-b", "rt", "RT-CANARY-B"));

        String firstFlow = browser.call("token", "audience", AUDIENCE).json().getString("flowId");

        Answer chained = browser.call("verify-otp", "flow", firstFlow, "code", "123456");
        assertOk(chained);
        assertFalse(chained.body().contains("MFATOK-CANARY"), chained::toString);
        String secondFlow = chained.json().getString("flowId");
        assertAll(
                () -> assertEquals("another_factor_required", chained.json().getString("result")),
                () -> assertTrue(FLOW_ID.matcher(secondFlow).matches(), "flow id " + secondFlow),
                () -> assertNotEquals(firstFlow, secondFlow),
                () -> assertEquals(AUDIENCE, chained.json().getString("audience")),
                () -> assertEquals(List.of("otp"), strings(chained.json(), "requirements")));

        // The first flow is over: verifying it again fails here, without asking Auth0.
        Answer stale = browser.call("verify-otp", "flow", firstFlow, "code", "123456");
        assertEquals(400, stale.status(), stale::toString);
        assertEquals("mfa_token_invalid", stale.code());
        auth0.verify(2, postRequestedFor(urlEqualTo(TOKEN_PATH)));

        Answer verified = browser.call("verify-otp", "flow", secondFlow, "code", "654321");
        assertOk(verified);
        assertEquals("verified", verified.json().getString("result"));
        List<LoggedRequest> grants = auth0.findAll(postRequestedFor(urlEqualTo(TOKEN_PATH)));
        assertEquals(3, grants.size());
        assertEquals("MFATOK-CANARY-2A", form(grants.get(1)).get("mfa_token"));
        assertEquals("MFATOK-CANARY-2B", form(grants.get(2)).get("mfa_token"));
        assertEquals("654321", form(grants.get(2)).get("otp"));

        Answer token = browser.call("token", "audience", AUDIENCE);
        assertOk(token);
        assertEquals("AT-CANARY-2", token.json().getString("token"));
        auth0.verify(3, postRequestedFor(urlEqualTo(TOKEN_PATH)));
    }

    // (c) Faults --------------------------------------------------------------------------------------------------

    @Test
    void f10HtmlErrorPageFromAuth0IsIdpUnavailableWithoutTheHtml() {
        auth0.stubFor(post(TOKEN_PATH).willReturn(aResponse().withStatus(502)
                .withHeader("Content-Type", "text/html")
                .withBody("<html><head><title>502 Bad Gateway</title></head>"
                        + "<body><h1>Bad Gateway</h1><script>alert(1)</script></body></html>")));
        Browser browser = new Browser(base);
        assertOk(browser.call("login", "sub", "auth0|it-c1", "rt", "RT-CANARY-C1"));

        Answer failed = browser.call("token", "audience", AUDIENCE);

        assertEquals(502, failed.status(), failed::toString);
        assertEquals("idp_unavailable", failed.code());
        assertFalse(failed.body().contains("<"), failed::toString);
        assertFalse(failed.body().toLowerCase(Locale.ROOT).contains("html"), failed::toString);
        assertFalse(failed.body().contains("Bad Gateway"), failed::toString);
        auth0.verify(1, postRequestedFor(urlEqualTo(TOKEN_PATH)));
    }

    @Test
    void malformedOtpIsRefusedWithoutAskingAuth0AndTheFlowGoesOn() {
        auth0.stubFor(post(TOKEN_PATH).withFormParam("grant_type", equalTo("refresh_token"))
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                        .withBody(mfaRequired("MFATOK-CANARY-C2", "otp"))));
        auth0.stubFor(post(TOKEN_PATH).withFormParam("grant_type", equalTo(GRANT_MFA_OTP))
                .withFormParam("mfa_token", equalTo("MFATOK-CANARY-C2")).withFormParam("otp", equalTo("123456"))
                .willReturn(okJson(tokens("AT-CANARY-C2"))));
        Browser browser = new Browser(base);
        assertOk(browser.call("login", "sub", "auth0|it-c2", "rt", "RT-CANARY-C2"));
        String flowId = browser.call("token", "audience", AUDIENCE).json().getString("flowId");
        auth0.resetRequests();

        Answer refused = browser.call("verify-otp", "flow", flowId, "code", "12345a");

        assertEquals(400, refused.status(), refused::toString);
        assertEquals("invalid_input", refused.code());
        auth0.verify(0, anyRequestedFor(anyUrl()));

        // Nothing was used up: the same flow still completes with a well-formed code.
        Answer verified = browser.call("verify-otp", "flow", flowId, "code", "123456");
        assertOk(verified);
        assertEquals("verified", verified.json().getString("result"));
    }

    @Test
    void slowAuth0IsCutOffAtTheCallDeadline() throws InterruptedException {
        // Auth0 holds the grant, with a token ready, until the test lets go (at most 20 s): whatever the load on
        // the machine, an answer that is not the token came from the module's own deadline, not from Auth0.
        HeldAnswers held = Auth0Stub.heldAnswers();
        auth0.stubFor(post(TOKEN_PATH).willReturn(okJson(tokens("AT-CANARY-C3")).withTransformers(HeldAnswers.NAME)));
        Browser browser = new Browser(base);
        assertOk(browser.call("login", "sub", "auth0|it-c3", "rt", "RT-CANARY-C3"));
        int arrivedBefore = held.arrived();
        int answeredBefore = held.answered();

        Answer failed;
        int answeredWhenCutOff;
        try {
            failed = browser.call("token", "audience", AUDIENCE);
            answeredWhenCutOff = held.answered();
        } finally {
            held.releaseAll();
        }

        assertEquals(502, failed.status(), failed::toString);
        assertEquals("idp_unavailable", failed.code());
        assertEquals(answeredBefore, answeredWhenCutOff, "the module answered before Auth0 did");
        // The overall deadline (5 s) ended the call, not the read timeout or a closed connection ...
        assertTrue(failed.json().getString("message").endsWith(" within 5000 ms"), failed::toString);
        // ... and not before it: a lower bound, which no load on the machine can break.
        assertTrue(failed.took().compareTo(Duration.ofMillis(5000)) >= 0, "answered after " + failed.took());
        assertTrue(held.awaitArrived(arrivedBefore + 1, Duration.ofSeconds(10)), "the grant reached Auth0");
        assertEquals(arrivedBefore + 1, held.arrived(), "one grant, not sent again");
    }

    // Enrollment --------------------------------------------------------------------------------------------------

    @Test
    void userWithoutAuthenticatorEnrollsOtpAndConfirmsIt() {
        auth0.stubFor(post(TOKEN_PATH).withFormParam("grant_type", equalTo("refresh_token"))
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"mfa_required\",\"mfa_token\":\"MFATOK-CANARY-E\","
                                + "\"mfa_requirements\":{\"enroll\":[{\"type\":\"otp\"}]}}")));
        auth0.stubFor(get(AUTHENTICATORS_PATH).willReturn(okJson("[]")));
        auth0.stubFor(post("/mfa/associate").withHeader("Authorization", equalTo("Bearer MFATOK-CANARY-E"))
                .willReturn(okJson("""
                        {"authenticator_type":"otp","secret":"JBSWY3DPEHPK3PXP",
                         "barcode_uri":"otpauth://totp/tenant:it-e?secret=JBSWY3DPEHPK3PXP",
                         "recovery_codes":["N3BGPZZWJ85JLCNPZBDW6QXC"]}""")));
        auth0.stubFor(post(TOKEN_PATH).withFormParam("grant_type", equalTo(GRANT_MFA_OTP))
                .withFormParam("mfa_token", equalTo("MFATOK-CANARY-E")).withFormParam("otp", equalTo("123456"))
                .willReturn(okJson(tokens("AT-CANARY-E"))));
        Browser browser = new Browser(base);
        assertOk(browser.call("login", "sub", "auth0|it-e", "rt", "RT-CANARY-E"));
        String flowId = browser.call("token", "audience", AUDIENCE).json().getString("flowId");

        Answer listed = browser.call("list", "flow", flowId);
        assertOk(listed);
        assertTrue(listed.json().getJsonArray("authenticators").isEmpty(), listed::toString);

        Answer enrolled = browser.call("enroll", "flow", flowId, "factor", "otp");
        assertOk(enrolled);
        assertEquals(json("""
                {"factor":"OTP","hasSecret":true,"hasBarcodeUri":true,"bindingCodeRequired":false,"recoveryCodes":1}
                """), enrolled.json());
        auth0.verify(1, postRequestedFor(urlEqualTo("/mfa/associate"))
                .withHeader("Authorization", equalTo("Bearer MFATOK-CANARY-E"))
                .withRequestBody(equalToJson("{\"authenticator_types\":[\"otp\"]}")));

        Answer verified = browser.call("verify-otp", "flow", flowId, "code", "123456");
        assertOk(verified);
        assertEquals("verified", verified.json().getString("result"));
        Answer token = browser.call("token", "audience", AUDIENCE);
        assertOk(token);
        assertEquals("AT-CANARY-E", token.json().getString("token"));
    }

    // Helpers -----------------------------------------------------------------------------------------------------

    private static void assertOk(Answer answer) {
        assertEquals(200, answer.status(), answer::toString);
    }

    private LoggedRequest single(RequestPatternBuilder pattern) {
        List<LoggedRequest> requests = auth0.findAll(pattern);
        assertEquals(1, requests.size(), () -> "requests: " + requests);
        return requests.get(0);
    }

    private static List<String> strings(JsonObject object, String name) {
        return object.getJsonArray(name).getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    private static JsonObject json(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }
}
