package dev.mfastepup.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static dev.mfastepup.it.Auth0Stub.GRANT_MFA_OTP;
import static dev.mfastepup.it.Auth0Stub.tokens;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.mfastepup.it.Browser.Answer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.net.URL;
import java.util.List;
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
 * The application's observers of {@code StepUpEvent} on the server see every outcome of a complete flow and of
 * each way a flow fails, synchronously and asynchronously, while an observer that throws at every event breaks
 * nothing.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class StepUpEventsIT {

    private static final String AUDIENCE = "https://reports.example.com";
    private static final String TOKEN_PATH = "/oauth/token";
    private static final String TENANT = " " + ItDeployments.DOMAIN;
    private static final String OTP_OR_SMS = "{\"error\":\"mfa_required\",\"error_description\":\"Multifactor"
            + " authentication required\",\"mfa_token\":\"%s\",\"mfa_requirements\":{\"challenge\":[{\"type\":\"otp\"},"
            + "{\"type\":\"oob\"}]}}";

    @ArquillianResource
    URL base;

    private final WireMockServer auth0 = Auth0Stub.server();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ItDeployments.war("events-it.war", ItDeployments.unhurriedConfig(Auth0Stub.baseUrl()))
                .addClasses(StepUpEventLog.class, StepUpEventServlet.class);
    }

    @BeforeEach
    void resetAuth0() {
        auth0.resetAll();
    }

    @AfterAll
    static void stopAuth0() {
        Auth0Stub.stop();
    }

    @Test
    void aCompleteFlowIsStartedChosenSentWrongThenVerifiedForEveryObserver() throws InterruptedException {
        Browser browser = new Browser(base);
        String flowId = stepUpFor(browser, "auth0|events-a", "MFATOK-CANARY-E1");
        auth0.stubFor(post("/mfa/challenge").willReturn(okJson(
                "{\"challenge_type\":\"oob\",\"oob_code\":\"OOB-CANARY-E1\",\"binding_method\":\"prompt\"}")));

        assertEquals(200, browser.call("challenge", "flow", flowId, "id", "sms|dev_ev").status());
        assertEquals(400, browser.call("verify-otp", "flow", flowId, "code", "000000").status());
        Answer verified = browser.call("verify-otp", "flow", flowId, "code", "123456");

        assertEquals("verified", verified.json().getString("result"), verified::toString);
        List<String> expected = List.of(flowId + " STARTED" + TENANT, flowId + " FACTOR_CHOSEN SMS" + TENANT,
                flowId + " CODE_SENT SMS" + TENANT, flowId + " WRONG_CODE OTP" + TENANT,
                flowId + " VERIFIED OTP" + TENANT);
        assertEquals(expected, ofFlow(events(browser, "sync"), flowId));
        assertEquals(expected, ofFlow(asyncEvents(browser, flowId, expected.size()), flowId));
    }

    @Test
    void aFlowThatAuth0LocksThenOneItEndsAndOneTheUserCancelsEachSaySo() throws InterruptedException {
        Browser browser = new Browser(base);
        String locked = stepUpFor(browser, "auth0|events-b", "MFATOK-CANARY-E2");
        auth0.stubFor(post(TOKEN_PATH).withFormParam("grant_type", equalTo(GRANT_MFA_OTP)).willReturn(aResponse()
                .withStatus(429).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"too_many_attempts\",\"error_description\":\"Rate limit exceeded\"}")));
        browser.call("verify-otp", "flow", locked, "code", "000000");

        Browser endedBrowser = new Browser(base);
        String ended = stepUpFor(endedBrowser, "auth0|events-c", "MFATOK-CANARY-E3");
        Browser cancelledBrowser = new Browser(base);
        String cancelled = stepUpFor(cancelledBrowser, "auth0|events-d", "MFATOK-CANARY-E4");
        auth0.stubFor(post("/mfa/challenge").willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_token\",\"error_description\":\"Invalid token\"}")));
        endedBrowser.call("challenge", "flow", ended, "id", "sms|dev_ev");
        assertEquals(200, cancelledBrowser.call("cancel", "flow", cancelled).status());

        List<String> sync = events(browser, "sync");
        assertEquals(List.of(locked + " STARTED" + TENANT, locked + " LOCKED OTP auth0" + TENANT),
                ofFlow(sync, locked));
        assertEquals(List.of(ended + " STARTED" + TENANT, ended + " FACTOR_CHOSEN SMS" + TENANT,
                ended + " FAILED auth0_invalid_token" + TENANT), ofFlow(sync, ended));
        assertEquals(List.of(cancelled + " STARTED" + TENANT, cancelled + " CANCELLED" + TENANT),
                ofFlow(sync, cancelled));
        assertEquals(2, ofFlow(asyncEvents(browser, cancelled, 2), cancelled).size());
    }

    // Helpers ----------------------------------------------------------------------------------------------------

    /** Signs a user in, has Auth0 ask for OTP or SMS, and returns the flow id of the step-up. */
    private String stepUpFor(Browser browser, String subject, String mfaToken) {
        auth0.stubFor(post(TOKEN_PATH).withFormParam("grant_type", equalTo("refresh_token"))
                .withFormParam("refresh_token", equalTo("RT-" + subject))
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                        .withBody(OTP_OR_SMS.formatted(mfaToken))));
        auth0.stubFor(get("/mfa/authenticators").willReturn(okJson("""
                [{"id":"totp|dev_ev","authenticator_type":"otp","active":true},
                 {"id":"sms|dev_ev","authenticator_type":"oob","oob_channel":"sms","active":true}]""")));
        auth0.stubFor(post(TOKEN_PATH).withFormParam("grant_type", equalTo(GRANT_MFA_OTP))
                .withFormParam("mfa_token", equalTo(mfaToken)).withFormParam("otp", equalTo("123456"))
                .willReturn(okJson(tokens("AT-CANARY-EV"))));
        auth0.stubFor(post(TOKEN_PATH).withFormParam("grant_type", equalTo(GRANT_MFA_OTP))
                .withFormParam("mfa_token", equalTo(mfaToken)).withFormParam("otp", equalTo("000000"))
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"invalid_grant\",\"error_description\":\"Invalid otp_code.\"}")));
        assertEquals(200, browser.call("login", "sub", subject, "rt", "RT-" + subject).status());
        Answer required = browser.call("token", "audience", AUDIENCE);
        assertEquals(401, required.status(), required::toString);
        return required.json().getString("flowId");
    }

    private static List<String> ofFlow(List<String> events, String flowId) {
        return events.stream().filter(line -> line.startsWith(flowId + " ")).toList();
    }

    /** Waits until the asynchronous observer has seen this many events of the flow, or ten seconds passed. */
    private static List<String> asyncEvents(Browser browser, String flowId, int count) throws InterruptedException {
        List<String> seen = events(browser, "async");
        for (int i = 0; i < 100 && ofFlow(seen, flowId).size() < count; i++) {
            Thread.sleep(100);
            seen = events(browser, "async");
        }
        return seen;
    }

    private static List<String> events(Browser browser, String which) {
        Answer answer = browser.call("events");
        assertEquals(200, answer.status(), answer::toString);
        try (JsonReader reader = Json.createReader(new StringReader(answer.body()))) {
            JsonObject all = reader.readObject();
            return all.getJsonArray(which).getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
        }
    }
}
