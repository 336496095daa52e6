package dev.mfastepup.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.mfastepup.it.Auth0Stub.GRANT_MFA_OTP;
import static dev.mfastepup.it.Auth0Stub.mfaRequired;
import static dev.mfastepup.it.Auth0Stub.tokens;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.mfastepup.it.Browser.Answer;
import jakarta.json.Json;
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
 * An application decorates the module's verification step ({@code StepUpVerification}) with a CDI decorator of its
 * own, without touching the module: the packaged library, on Payara Micro, calls the application's decorator for
 * every verification, and the decorator can both observe the outcome and refuse a code before Auth0 is asked.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DecoratedVerificationIT {

    private static final String AUDIENCE = "https://reports.example.com";
    private static final String TOKEN_PATH = "/oauth/token";

    @ArquillianResource
    URL base;

    private final WireMockServer auth0 = Auth0Stub.server();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ItDeployments.war("decorated-it.war", ItDeployments.unhurriedConfig(Auth0Stub.baseUrl()))
                .addClasses(AuditedVerification.class, VerificationAudit.class, AuditServlet.class);
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
    void theApplicationsDecoratorSeesTheVerificationAndItsOutcome() {
        Browser browser = new Browser(base);
        String flowId = stepUpFor(browser, "auth0|decorated-a", "MFATOK-CANARY-D1");

        Answer verified = browser.call("verify-otp", "flow", flowId, "code", "123456");

        assertEquals(200, verified.status(), verified::toString);
        assertEquals("verified", verified.json().getString("result"));
        assertEquals(List.of(flowId + " Verified"),
                audit(browser).stream().filter(entry -> entry.startsWith(flowId)).toList());
        assertEquals(1, otpGrants());
    }

    @Test
    void theApplicationsDecoratorRefusesACodeBeforeAuth0IsAskedAndTheFlowGoesOn() {
        Browser browser = new Browser(base);
        String flowId = stepUpFor(browser, "auth0|decorated-b", "MFATOK-CANARY-D2");

        Answer refused = browser.call("verify-otp", "flow", flowId, "code", AuditedVerification.REFUSED_CODE);

        assertEquals(400, refused.status(), refused::toString);
        assertEquals("invalid_input", refused.json().getString("code"));
        assertEquals(AuditedVerification.REFUSAL, refused.json().getString("message"));
        assertEquals(0, otpGrants(), "the module was not asked, so neither was Auth0");

        Answer verified = browser.call("verify-otp", "flow", flowId, "code", "123456");
        assertEquals("verified", verified.json().getString("result"), verified::toString);
        assertEquals(List.of(flowId + " refused by the application", flowId + " Verified"),
                audit(browser).stream().filter(entry -> entry.startsWith(flowId)).toList());
    }

    /** Signs a user in, has Auth0 ask for OTP, and returns the flow id of the step-up. */
    private String stepUpFor(Browser browser, String subject, String mfaToken) {
        auth0.stubFor(post(TOKEN_PATH).withFormParam("grant_type", equalTo("refresh_token"))
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                        .withBody(mfaRequired(mfaToken, "otp"))));
        auth0.stubFor(get("/mfa/authenticators").willReturn(okJson("""
                [{"id":"totp|dev_dec","authenticator_type":"otp","active":true}]""")));
        auth0.stubFor(post(TOKEN_PATH).withFormParam("grant_type", equalTo(GRANT_MFA_OTP))
                .withFormParam("mfa_token", equalTo(mfaToken)).withFormParam("otp", equalTo("123456"))
                .willReturn(okJson(tokens("AT-CANARY-DEC"))));
        assertEquals(200, browser.call("login", "sub", subject, "rt", "RT-CANARY-DEC").status());
        Answer required = browser.call("token", "audience", AUDIENCE);
        assertEquals(401, required.status(), required::toString);
        return required.json().getString("flowId");
    }

    private int otpGrants() {
        return auth0.findAll(postRequestedFor(urlEqualTo(TOKEN_PATH)).withRequestBody(containing("mfa-otp"))).size();
    }

    private static List<String> audit(Browser browser) {
        Answer answer = browser.call("audit");
        assertEquals(200, answer.status(), answer::toString);
        try (JsonReader reader = Json.createReader(new StringReader(answer.body()))) {
            return reader.readArray().getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
        }
    }
}
