package dev.mfastepup.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import jakarta.json.Json;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * SEC-23: Auth0's {@code error} and {@code error_description} are its own text, and an attacker who controls
 * what reaches the application (a proxy, a compromised tenant's custom action) can put markup in them. Every call
 * of the module to Auth0 that a page or the filter makes is answered here with markup and quotes in both fields;
 * every answer the browser then gets (the page, and every page a redirect leads to) must show neither as markup,
 * and in fact not at all: the pages say what happened in their own words, never in Auth0's.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ErrorDescriptionEscapingIT {

    /** The description's marker: shown in any form, escaped or not, it would be Auth0's text on a page. */
    private static final String DESCRIPTION_MARKER = "DESCMARKER";
    private static final String ERROR_MARKER = "ERRMARKER";
    private static final String DESCRIPTION = "<script>alert('" + DESCRIPTION_MARKER + "')</script>"
            + "<img src=x onerror=alert(1)>\"' onmouseover=\"alert(2)\" " + DESCRIPTION_MARKER;
    private static final String ERROR = "<img src=x onerror=alert('" + ERROR_MARKER + "')>\"'<script>"
            + ERROR_MARKER + "</script>";
    private static final List<String> RAW_MARKUP = List.of("<script>alert", "<script>" + ERROR_MARKER, "<img src=x",
            "onerror=alert", "onmouseover=\"alert");
    private static final Pattern LOCATION_IN_APP = Pattern.compile("^/[^/].*");

    @ArquillianResource
    URL base;

    private final WireMockServer auth0 = Auth0Stub.server();
    private final List<Browser> browsers = new ArrayList<>();
    private Browser browser;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ItDeployments.pagesWar("error-description-it.war", ItDeployments.config(Auth0Stub.baseUrl()));
    }

    private static boolean warmedUp;

    @BeforeEach
    void signIn() {
        auth0.resetAll();
        if (!warmedUp) {
            // Before anything is stubbed: the stub answers 404, which is not checked.
            Browser.warmUp(new Browser(base));
            warmedUp = true;
        }
        browsers.clear();
        newUser();
    }

    /** A new browser, signed in as a user of its own: the limits on messages count per user. */
    private void newUser() {
        browser = new Browser(base);
        browsers.add(browser);
        login();
    }

    private void login() {
        assertEquals(200, browser.call("login", "sub", "auth0|markup-" + System.nanoTime(), "rt", "RT-MARKUP")
                .status());
    }

    @AfterEach
    void everyAnswerOfTheTestWasChecked() {
        // Every answer the browser got is checked, those of the set-up included.
        for (Browser each : browsers) {
            for (HttpResponse<String> answer : each.received()) {
                assertNoAuth0Text(answer);
            }
        }
    }

    @AfterAll
    static void stopAuth0() {
        Auth0Stub.stop();
    }

    @Test
    void sec23RefreshGrantRefusedWithMarkupThenTheFilterSaysItInItsOwnWords() {
        // The declarative mapping (/declared/*): the filter gets the token, so the filter answers any failure.
        for (String error : List.of(ERROR, "invalid_grant", "access_denied")) {
            auth0.resetAll();
            auth0.stubFor(post("/oauth/token").withRequestBody(containing("grant_type=refresh_token"))
                    .willReturn(markup(403, error)));

            HttpResponse<String> page = followed(browser.exchange("declared/report", HttpRequest.newBuilder()
                    .header("Accept", "text/html").GET()));
            login();
            HttpResponse<String> api = browser.exchange("declared/report", HttpRequest.newBuilder()
                    .header("Accept", "application/json").header("X-Requested-With", "XMLHttpRequest").GET());

            assertTrue(page.uri().getPath().endsWith("/mfa/error.xhtml"), error + ": " + page.uri());
            assertMfaPage(page);
            assertTrue(api.statusCode() == 401 || api.statusCode() == 503, api.statusCode() + " " + api.body());
            assertTrue(api.body().startsWith("{\"error\":"), api.body());
            auth0.verify(2, postRequestedFor(urlEqualTo("/oauth/token")));
        }
    }

    @Test
    void sec23AuthenticatorListRefusedWithMarkupThenTheStartPageSaysItInItsOwnWords() {
        stubStepUp("{\"challenge\":[{\"type\":\"otp\"}]}");
        auth0.stubFor(get("/mfa/authenticators").willReturn(markup(403, ERROR)));

        HttpResponse<String> start = followed(browser.exchange("mfa/index.xhtml?flow=" + startFlow(),
                HttpRequest.newBuilder().GET()));

        assertMfaPage(start);
        auth0.verify(getRequestedFor(urlEqualTo("/mfa/authenticators")));
    }

    @Test
    void sec23ChallengeRefusedWithMarkupThenTheStartPageSaysItInItsOwnWords() {
        stubStepUp("{\"challenge\":[{\"type\":\"phone\"}]}");
        stubAuthenticators("[{\"id\":\"sms|dev_9\",\"authenticator_type\":\"oob\",\"oob_channel\":\"sms\","
                + "\"active\":true,\"name\":\"XXXX1234\"}]");
        auth0.stubFor(post("/mfa/challenge").willReturn(markup(400, ERROR)));
        FacesForm start = browser.form("mfa/index.xhtml?flow=" + startFlow());

        HttpResponse<String> chosen = followed(browser.submit(start, start.body("mfa:authenticator", "sms|dev_9",
                "mfa:continue", "x")));

        assertMfaPage(chosen);
        auth0.verify(postRequestedFor(urlEqualTo("/mfa/challenge")));
    }

    @Test
    void sec23CodeRefusedWithMarkupThenTheCodePageSaysItInItsOwnWords() {
        stubStepUp("{\"challenge\":[{\"type\":\"otp\"}]}");
        stubAuthenticators("[{\"id\":\"totp|dev_1\",\"authenticator_type\":\"otp\",\"active\":true}]");
        FacesForm code = browser.codePage(startFlow(), "totp|dev_1");
        // A wrong code, a code that is no code (a bad answer), and a well-formed code the pages do not know: the
        // generic refusal, where Auth0's description would be nearest to hand.
        for (String error : List.of("invalid_grant", ERROR, "unexpected_refusal")) {
            auth0.stubFor(post("/oauth/token").withRequestBody(containing("mfa-otp")).willReturn(markup(403, error)));

            assertMfaPage(followed(browser.submit(code, code.body("mfa:code", "123456", "mfa:verify", "x"))));
        }
        auth0.verify(3, postRequestedFor(urlEqualTo("/oauth/token")).withRequestBody(containing("mfa-otp")));
    }

    @Test
    void sec23AppEnrollmentRefusedWithMarkupThenTheStartPageSaysItInItsOwnWords() {
        stubStepUp("{\"enroll\":[{\"type\":\"otp\"}]}");
        stubAuthenticators("[]");
        auth0.stubFor(post("/mfa/associate").willReturn(markup(400, ERROR)));
        FacesForm start = browser.form("mfa/index.xhtml?flow=" + startFlow());
        Matcher enroll = Pattern.compile("name=\"(mfa:[^\"]*:enroll)\"").matcher(lastBody());
        assertTrue(enroll.find(), lastBody());

        assertMfaPage(followed(browser.submit(start, start.body(enroll.group(1), "x"))));
        auth0.verify(postRequestedFor(urlEqualTo("/mfa/associate")));
    }

    @Test
    void sec23PhoneEnrollmentRefusedWithMarkupThenTheContactPageSaysItInItsOwnWords() {
        stubStepUp("{\"enroll\":[{\"type\":\"phone\"}]}");
        stubAuthenticators("[]");
        auth0.stubFor(post("/mfa/associate").willReturn(markup(400, ERROR)));
        FacesForm contact = browser.form("mfa/enroll-contact.xhtml?factor=sms&flow=" + startFlow());

        assertMfaPage(followed(browser.submit(contact, contact.body("mfa:contact", "+4915123456789",
                "mfa:send", "x"))));
        auth0.verify(postRequestedFor(urlEqualTo("/mfa/associate")));
    }

    @Test
    void sec23PushPollRefusedWithMarkupThenThePushPageSaysItInItsOwnWords() {
        for (String error : List.of(ERROR, "invalid_grant")) {
            auth0.resetAll();
            newUser();
            stubStepUp("{\"challenge\":[{\"type\":\"push-notification\"}]}");
            stubAuthenticators("[{\"id\":\"push|dev_9\",\"authenticator_type\":\"oob\",\"oob_channel\":\"auth0\","
                    + "\"active\":true,\"name\":\"Pixel 9\"}]");
            auth0.stubFor(post("/mfa/challenge").willReturn(okJson("{\"challenge_type\":\"oob\","
                    + "\"oob_code\":\"OOB-MARKUP\"}")));
            auth0.stubFor(post("/oauth/token").withRequestBody(containing("mfa-oob")).willReturn(markup(400, error)));
            FacesForm start = browser.form("mfa/index.xhtml?flow=" + startFlow());
            HttpResponse<String> waiting = followed(browser.submit(start, start.body("mfa:authenticator",
                    "push|dev_9", "mfa:continue", "x")));
            assertTrue(waiting.uri().getPath().endsWith("/mfa/push.xhtml"), waiting.uri().toString());
            FacesForm push = FacesForm.of(waiting.body());

            assertMfaPage(followed(browser.submit(push, push.body("mfa:check", "x"))));
            auth0.verify(1, postRequestedFor(urlEqualTo("/oauth/token")).withRequestBody(containing("mfa-oob")));
        }
    }

    @Test
    void sec23RecoveryCodeRefusedWithMarkupThenTheRecoveryPageSaysItInItsOwnWords() {
        stubStepUp("{\"challenge\":[{\"type\":\"otp\"},{\"type\":\"recovery-code\"}]}");
        stubAuthenticators("[{\"id\":\"totp|dev_1\",\"authenticator_type\":\"otp\",\"active\":true},"
                + "{\"id\":\"recovery-code|dev_2\",\"authenticator_type\":\"recovery-code\",\"active\":true}]");
        FacesForm start = browser.form("mfa/index.xhtml?flow=" + startFlow());
        HttpResponse<String> recoveryPage = followed(browser.submit(start, start.body("mfa:recovery", "x")));
        FacesForm recovery = FacesForm.of(recoveryPage.body());
        for (String error : List.of("invalid_grant", ERROR)) {
            auth0.stubFor(post("/oauth/token").withRequestBody(containing("recovery_code")).willReturn(
                    markup(403, error)));

            assertMfaPage(followed(browser.submit(recovery, recovery.body("mfa:code", "N3BGPZZWJ85JLCNPZBDW6QXC",
                    "mfa:verify", "x"))));
        }
        auth0.verify(2, postRequestedFor(urlEqualTo("/oauth/token")).withRequestBody(containing("recovery_code")));
    }

    // Helpers ----------------------------------------------------------------------------------------------------

    /** Auth0's error answer with markup and quotes in its description, and the given error code. */
    private static ResponseDefinitionBuilder markup(int status, String error) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody(Json.createObjectBuilder().add("error", error).add("error_description", DESCRIPTION)
                        .build().toString());
    }

    private void stubStepUp(String requirements) {
        auth0.stubFor(post("/oauth/token").withRequestBody(containing("grant_type=refresh_token"))
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"mfa_required\",\"error_description\":\"Multifactor authentication"
                                + " required\",\"mfa_token\":\"MFATOK-MARKUP\",\"mfa_requirements\":" + requirements
                                + "}")));
    }

    private void stubAuthenticators(String json) {
        auth0.stubFor(get("/mfa/authenticators").willReturn(okJson(json)));
    }

    private String startFlow() {
        return browser.startFlow("reports?id=1");
    }

    private String lastBody() {
        List<HttpResponse<String>> received = browser.received();
        return received.get(received.size() - 1).body();
    }

    /** Follows the application's redirects (at most three), as a browser would, and returns the last answer. */
    private HttpResponse<String> followed(HttpResponse<String> answer) {
        HttpResponse<String> current = answer;
        for (int hop = 0; hop < 3 && (current.statusCode() == 302 || current.statusCode() == 303); hop++) {
            String location = current.headers().firstValue("Location").orElseThrow();
            assertTrue(LOCATION_IN_APP.matcher(location).matches() && location.startsWith(base.getPath()),
                    location);
            current = browser.exchange(location.substring(base.getPath().length()), HttpRequest.newBuilder().GET());
        }
        return current;
    }

    /** A page of the module was rendered (not a 404 or a container error page), without Auth0's text. */
    private static void assertMfaPage(HttpResponse<String> answer) {
        // The module's own 502, 503 and 504 say what Auth0 did; a 500 would be a failure nobody planned for.
        assertTrue(answer.statusCode() != 500, answer.statusCode() + " " + answer.body());
        assertTrue(answer.body().contains("id=\"mfa-heading\""), answer.uri() + " is no MFA page: " + answer.body());
        assertNoAuth0Text(answer);
    }

    private static void assertNoAuth0Text(HttpResponse<String> answer) {
        String all = answer.headers().map() + "\n" + answer.body();
        for (String raw : RAW_MARKUP) {
            assertFalse(all.contains(raw), answer.uri() + ": Auth0's markup " + raw + " in\n" + all);
        }
        String lower = all.toLowerCase(Locale.ROOT);
        assertFalse(lower.contains(DESCRIPTION_MARKER.toLowerCase(Locale.ROOT)),
                answer.uri() + ": Auth0's error_description shown in\n" + all);
        assertFalse(lower.contains(ERROR_MARKER.toLowerCase(Locale.ROOT)),
                answer.uri() + ": Auth0's error shown in\n" + all);
    }
}
