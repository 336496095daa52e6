package dev.mfastepup.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.mfastepup.filter.PageSet;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.mfastepup.testing.FaultyTokenEndpoint;
import dev.mfastepup.testing.QrCodeReader;
import dev.mfastepup.testing.Totp;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URL;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The filter and the pages over plain HTTP: what each kind of caller receives when a page needs a step-up, the
 * pages' security headers, and that no token and no foreign URL ever comes out. {@link PagesHttpIT} runs these on
 * the Faces pages, {@link JspPagesHttpIT} on the JSP pages, each with the checks of its own set.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
abstract class PagesHttpChecks {

    /** An OTP seed that is also a canary: base32, and found by {@code bin/canary-check} in any log. */
    private static final String OTP_SEED = "OTPSECRETCANARYQ";
    private static final String OTP_SEED_GROUPED = "OTPS ECRE TCAN ARYQ";
    private static final Pattern FLOW_IN_URL = Pattern.compile("/mfa/(?:index\\.xhtml|start)\\?flow=([A-Za-z0-9_-]{22})");

    @ArquillianResource
    URL base;

    final WireMockServer auth0 = Auth0Stub.server();
    Browser browser;

    /** The set of pages under test. */
    abstract PageSet pages();

    /** A page's address below the application, such as {@code mfa/code.xhtml} or {@code mfa/code}. */
    String page(String name) {
        return pages().page(name).substring(1);
    }

    @BeforeEach
    void signIn() {
        auth0.resetAll();
        Auth0Stub.stubAppUserWhoMustStepUp(auth0, "MFATOK-CANARY-HTTP");
        browser = new Browser(base).on(pages());
        assertEquals(200, browser.call("login", "sub", "auth0|http", "rt", "RT-HTTP").status());
    }

    @AfterAll
    static void stopAuth0() {
        Auth0Stub.stop();
    }

    @Test
    void pageNavigationWhenStepUpNeededThenSeeOtherToTheMfaPages() {
        HttpResponse<String> answer = browser.exchange("reports?id=7", HttpRequest.newBuilder()
                .header("Accept", "text/html,application/xhtml+xml").GET());

        assertEquals(303, answer.statusCode());
        String location = answer.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith(base.getPath() + page("index") + "?flow="), location);
        assertTrue(FLOW_IN_URL.matcher(location).find(), location);
        assertFalse(location.contains("MFATOK"));
    }

    @Test
    void fetchOrApiCallerWhenStepUpNeededThen401JsonWithTheMfaPage() {
        HttpResponse<String> answer = browser.exchange("api/report", HttpRequest.newBuilder()
                .header("Accept", "application/json").GET());

        assertEquals(401, answer.statusCode());
        assertEquals("Bearer error=\"insufficient_user_authentication\", "
                        + "error_description=\"Multi-factor authentication is required\"",
                answer.headers().firstValue("WWW-Authenticate").orElseThrow());
        assertTrue(answer.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
        JsonObject json = Json.createReader(new StringReader(answer.body())).readObject();
        assertEquals("mfa_required", json.getString("error"));
        assertTrue(json.getString("mfa_url").startsWith(base.getPath() + page("index") + "?flow="), answer.body());
        assertEquals(22, json.getString("flow_id").length());
        assertFalse(answer.body().contains("MFATOK"));
    }

    @Test
    void xhrCallerWhenStepUpNeededThen401Json() {
        HttpResponse<String> answer = browser.exchange("reports?id=3", HttpRequest.newBuilder()
                .header("X-Requested-With", "XMLHttpRequest").GET());

        assertEquals(401, answer.statusCode());
        assertTrue(answer.body().contains("\"mfa_required\""));
    }

    @Test
    void facesAjaxCallerWhenStepUpNeededThenPartialResponseRedirect() {
        HttpResponse<String> answer = browser.exchange("reports?id=5", HttpRequest.newBuilder()
                .header("Faces-Request", "partial/ajax").GET());

        assertEquals(200, answer.statusCode());
        assertTrue(answer.headers().firstValue("Content-Type").orElseThrow().startsWith("text/xml"));
        assertTrue(answer.body().contains("<partial-response><redirect url=\"" + base.getPath() + page("index") + "?flow="),
                answer.body());
    }

    @Test
    void sec19EveryMfaPageInEveryStateCarriesTheHeaderBaseline() {
        Map<String, HttpResponse<String>> answers = new LinkedHashMap<>();
        String flow = startFlow();
        answers.put("select", browser.exchange(page("index") + "?flow=" + flow, HttpRequest.newBuilder().GET()));
        FacesForm code = browser.codePage(flow, "totp|dev_1");
        answers.put("challenge", browser.exchange(page("code") + "?flow=" + flow, HttpRequest.newBuilder().GET()));
        String typed = code.body("mfa:code", "123456", "mfa:verify", "x");
        auth0.stubFor(post("/oauth/token").withRequestBody(containing("mfa-otp")).willReturn(aResponse()
                .withStatus(403).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_grant\",\"error_description\":\"Invalid otp_code.\"}")));
        answers.put("verify error", browser.submit(code, typed));
        auth0.stubFor(post("/oauth/token").withRequestBody(containing("mfa-otp")).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "text/html").withBody("<html>a login page</html>")));
        answers.put("502", browser.submit(code, typed));
        auth0.stubFor(post("/oauth/token").withRequestBody(containing("mfa-otp")).willReturn(aResponse()
                .withStatus(503).withHeader("Content-Type", "text/html").withBody("<html>gateway down</html>")));
        answers.put("503", browser.submit(code, typed));
        for (String reason : new String[] {"expired", "locked&detail=6", "unavailable", "loop", "signin", "failed"}) {
            answers.put("error " + reason, browser.exchange(page("error") + "?reason=" + reason,
                    HttpRequest.newBuilder().GET()));
        }

        assertEquals(List.of(200, 200, 200, 502, 503, 410, 429, 503, 502, 401, 500),
                answers.values().stream().map(HttpResponse::statusCode).toList(), answers.keySet().toString());
        answers.forEach((state, answer) -> {
            HttpHeaders headers = answer.headers();
            String csp = headers.firstValue("Content-Security-Policy").orElse("");
            for (String directive : List.of("default-src 'self'", "object-src 'none'", "base-uri 'none'",
                    "form-action 'self'", "img-src 'self' data:", "frame-ancestors 'none'")) {
                assertTrue(csp.contains(directive), state + ": CSP without " + directive + ": " + csp);
            }
            assertEquals("nosniff", headers.firstValue("X-Content-Type-Options").orElse(null), state);
            assertEquals("no-referrer", headers.firstValue("Referrer-Policy").orElse(null), state);
            assertEquals("DENY", headers.firstValue("X-Frame-Options").orElse(null), state);
            assertNotStored(headers, state);
            assertTrue(headers.firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT)
                    .replace(" ", "").equals("text/html;charset=utf-8"), state + ": " + headers.map());
            // Over plain HTTP, as here, no Strict-Transport-Security: a browser ignores it there (RFC 6797 8.1).
            assertTrue(headers.firstValue("Strict-Transport-Security").isEmpty(), state);
        });
    }

    @Test
    void sec30AuthenticatorNamesFromAuth0AreShownAsTextNeverAsMarkup() {
        auth0.stubFor(get("/mfa/authenticators").willReturn(okJson("[{\"id\":\"totp|dev_x\","
                + "\"authenticator_type\":\"otp\",\"active\":true,"
                + "\"name\":\"<img src=x onerror=alert(1)>\\\"><script>alert(2)</script>\"}]")));
        String flow = startFlow();

        HttpResponse<String> page = browser.exchange(page("index") + "?flow=" + flow, HttpRequest.newBuilder().GET());

        assertEquals(200, page.statusCode(), page.body());
        assertFalse(page.body().contains("<img src=x"), page.body());
        assertFalse(page.body().contains("<script>alert(2)"), page.body());
        assertTrue(page.body().contains("&lt;img src=x onerror=alert(1)&gt;"), "shown, escaped: " + page.body());
    }

    @Test
    void sec17MfaPageWhenRenderedThenSecurityHeadersAndNoTokenInHtml() {
        String flow = startFlow();

        HttpResponse<String> page = browser.exchange(page("index") + "?flow=" + flow, HttpRequest.newBuilder().GET());

        assertEquals(200, page.statusCode(), page.body());
        assertNotStored(page.headers(), "the start page");
        assertEquals("DENY", page.headers().firstValue("X-Frame-Options").orElseThrow());
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElseThrow().contains("frame-ancestors 'none'"));
        assertEquals("no-referrer", page.headers().firstValue("Referrer-Policy").orElseThrow());
        assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElseThrow());
        assertTrue(FacesForm.of(page.body()).state() != null, "the form carries its view state or token (CSRF)");
        assertFalse(page.body().contains("MFATOK"), "the raw token is in the page");
        assertFalse(page.body().contains("eyJhbGciOiJkaXIi"), "the sealed token is in the page");
        assertFalse(page.body().toLowerCase().contains("jsessionid"), "a session id is in the page");
    }

    @Test
    void sec18MfaPageWhenFlowUnknownThenExpiredPageWith410() {
        HttpResponse<String> start = browser.exchange(page("index") + "?flow=AAAAAAAAAAAAAAAAAAAAAA",
                HttpRequest.newBuilder().GET());
        assertEquals(303, start.statusCode());
        String location = start.headers().firstValue("Location").orElseThrow();
        assertTrue(location.contains("/" + page("error") + "?reason=expired"), location);

        HttpResponse<String> error = browser.exchange(location.substring(base.getPath().length()),
                HttpRequest.newBuilder().GET());

        assertEquals(410, error.statusCode());
        assertTrue(error.body().contains("Your verification has expired"), error.body());
        assertNotStored(error.headers(), "the expired page");
    }

    @Test
    void sec33ErrorPageShowsTheFailingRequestsReferenceAndNoOtherText() {
        HttpResponse<String> start = browser.exchange(page("index") + "?flow=AAAAAAAAAAAAAAAAAAAAAA",
                HttpRequest.newBuilder().GET());
        Matcher reference = Pattern.compile("&ref=(c-[0-9a-f]{12})$")
                .matcher(start.headers().firstValue("Location").orElseThrow());
        assertTrue(reference.find(), start.headers().map().toString());

        HttpResponse<String> error = browser.exchange(page("error") + "?reason=expired&ref=" + reference.group(1),
                HttpRequest.newBuilder().GET());
        HttpResponse<String> madeUp = browser.exchange(page("error") + "?reason=expired&ref=%3Cb%3Ecall%3C%2Fb%3E",
                HttpRequest.newBuilder().GET());

        assertTrue(error.body().contains("Reference: " + reference.group(1)), error.body());
        assertEquals(410, madeUp.statusCode());
        assertFalse(madeUp.body().contains("Reference"), "only a correlation id is shown: " + madeUp.body());
        assertFalse(madeUp.body().contains("call"), madeUp.body());
    }

    @Test
    void errorPageWhenLanguageAskedThenTranslated() {
        HttpResponse<String> error = browser.exchange(page("error") + "?reason=locked&detail=6", HttpRequest.newBuilder()
                .header("Accept-Language", "fr-CH, fr;q=0.9, en;q=0.5").GET());

        assertEquals(429, error.statusCode());
        assertEquals("360", error.headers().firstValue("Retry-After").orElseThrow(), "SEC-22: the wait in seconds");
        assertTrue(error.body().contains("lang=\"fr\""), error.body());
        assertTrue(error.body().contains("6"), error.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"//evil.example/x", "https://evil.example/", "/\\evil.example", "\\\\evil.example",
            "%2F%2Fevil.example", "/%2F%2Fevil.example", "javascript:alert(1)", "/%0d%0aLocation:%20https://evil.example",
            "https:evil.example", "/..//evil.example", "data:text/html,<script>alert(1)</script>", "%5C%5Cevil.example"})
    void errorPageWhenReturnParameterPointsElsewhereThenLinkStaysInTheApplication(String vector) {
        HttpResponse<String> error = browser.exchange(page("error") + "?reason=expired&return="
                + java.net.URLEncoder.encode(vector, java.nio.charset.StandardCharsets.UTF_8), HttpRequest.newBuilder().GET());

        Matcher href = Pattern.compile("id=\"again\"[^>]*href=\"([^\"]*)\"|href=\"([^\"]*)\"[^>]*id=\"again\"")
                .matcher(error.body());
        assertTrue(href.find(), error.body());
        String link = href.group(1) != null ? href.group(1) : href.group(2);
        assertTrue(link.startsWith(base.getPath()), link);
        assertFalse(link.substring(base.getPath().length()).startsWith("/"), link);
        assertFalse(link.contains("evil"), link);
    }

    @Test
    void mfaPagesWhenPostedWithoutViewStateOrTokenThenNoStateChangesAndNoServerError() {
        String flow = startFlow();

        HttpResponse<String> forged = browser.exchange(page("index"), HttpRequest.newBuilder()
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("mfa=mfa&flow=" + flow + "&mfa%3Acancel=Cancel")));

        assertTrue(forged.statusCode() < 500, forged.statusCode() + " " + forged.body());
        HttpResponse<String> still = browser.exchange(page("index") + "?flow=" + flow, HttpRequest.newBuilder().GET());
        assertEquals(200, still.statusCode(), "a post without view state or token must not cancel the flow");
    }

    @Test
    void declarativeMappingWhenStepUpNeededThenSeeOtherAndARepeatJoinsTheSameFlow() {
        HttpResponse<String> first = browser.exchange("declared/report", HttpRequest.newBuilder().GET());
        HttpResponse<String> again = browser.exchange("declared/report", HttpRequest.newBuilder().GET());

        assertEquals(303, first.statusCode());
        assertEquals(first.headers().firstValue("Location"), again.headers().firstValue("Location"));
        auth0.verify(1, postRequestedFor(urlEqualTo("/oauth/token")));
    }

    @Test
    void declarativeMappingWhenTokenGrantedThenInTheRequestAttributeWithoutApplicationCode() {
        auth0.stubFor(post("/oauth/token").withRequestBody(containing("read%3Adeclared")).atPriority(1)
                .willReturn(okJson(Auth0Stub.tokens("AT-DECLARED"))));

        HttpResponse<String> granted = browser.exchange("declared/report", HttpRequest.newBuilder().GET());

        assertEquals(200, granted.statusCode());
        assertEquals("token=AT-DECLARED", granted.body());
    }

    @Test
    void sec33CodePageWhenAuth0FailsThenStatusSaysHowAndTheFlowStaysForATryAgain() {
        FacesForm code = browser.codePage(startFlow(), "totp|dev_1");
        String typed = code.body("mfa:code", "123456", "mfa:verify", "x");
        auth0.stubFor(post("/oauth/token").withRequestBody(containing("mfa-otp")).willReturn(aResponse()
                .withStatus(503).withHeader("Content-Type", "text/html").withBody("<html>gateway down</html>")));
        HttpResponse<String> down = browser.submit(code, typed);
        auth0.stubFor(post("/oauth/token").withRequestBody(containing("mfa-otp")).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "text/html").withBody("<html>a login page</html>")));
        HttpResponse<String> garbled = browser.submit(code, typed);
        auth0.stubFor(post("/oauth/token").withRequestBody(containing("mfa-otp")).willReturn(okJson(
                Auth0Stub.tokens("AT-HTTP-OK"))));
        HttpResponse<String> again = browser.submit(code, typed);

        assertEquals(503, down.statusCode());
        assertTrue(down.body().contains("could not reach the verification service"), down.body());
        assertEquals(502, garbled.statusCode());
        assertFalse(garbled.body().contains("a login page"), "Auth0's body is never shown");
        assertTrue(garbled.body().contains("id=\"mfa:code\""), "the form stays, to try again");
        assertEquals(303, again.statusCode(), "the same flow completes once Auth0 is back");
        assertTrue(again.headers().firstValue("Location").orElseThrow().endsWith("/reports?id=1"));
    }

    @Test
    void sec33StartPageWhenAuth0CannotListTheAuthenticatorsThenStatusSaysHowNeverA500() {
        // With no list, nothing usable is known, so the page also asks which factors may be enrolled, which depends
        // on the same list: that second question must not escape the page's handling of the first.
        String flow = startFlow();
        auth0.stubFor(get("/mfa/authenticators").willReturn(aResponse()
                .withStatus(503).withHeader("Content-Type", "text/html").withBody("<html>gateway down</html>")));

        HttpResponse<String> down = browser.exchange(page("index") + "?flow=" + flow, HttpRequest.newBuilder().GET());

        assertEquals(503, down.statusCode(), down.body());
        assertTrue(down.body().contains("could not reach the verification service"), down.body());
        assertFalse(down.body().contains("Exception"), down.body());
    }

    @Test
    void f6CodePageWhenTheAnswerToTheCodeIsLostThenItAsksForANewCodeWithAnEmptyField() {
        FacesForm code = browser.codePage(startFlow(), "totp|dev_1");
        String typed = code.body("mfa:code", "654321", "mfa:verify", "x");
        auth0.stubFor(post("/oauth/token").withRequestBody(containing("mfa-otp")).willReturn(aResponse()
                .withFault(Fault.CONNECTION_RESET_BY_PEER)));

        HttpResponse<String> lost = browser.submit(code, typed);

        assertEquals(503, lost.statusCode());
        assertTrue(lost.body().contains("could not confirm your code"), lost.body());
        assertTrue(lost.body().contains("id=\"mfa:code\""), "the form stays, for a new code");
        assertFalse(lost.body().contains("654321"), "the code that may be used up is not offered again");
        auth0.verify(1, postRequestedFor(urlEqualTo("/oauth/token")).withRequestBody(containing("mfa-otp")));
    }

    @Test
    void sec20TheOtpSeedIsInTheOneAnswerThatStartsTheEnrollmentAndTheQrCodeIsInlineImage() {
        auth0.stubFor(post("/oauth/token").withRequestBody(containing("grant_type=refresh_token"))
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"mfa_required\",\"mfa_token\":\"MFATOK-CANARY-SEED\","
                                + "\"mfa_requirements\":{\"enroll\":[{\"type\":\"otp\"}]}}")));
        auth0.stubFor(get("/mfa/authenticators").willReturn(okJson("[]")));
        auth0.stubFor(post("/mfa/associate").willReturn(okJson("{\"authenticator_type\":\"otp\",\"secret\":\""
                + OTP_SEED + "\",\"barcode_uri\":\"otpauth://totp/Example:alice?secret=" + OTP_SEED
                + "&issuer=Example\"}")));
        Instant now = Instant.now();
        auth0.stubFor(post("/oauth/token").withRequestBody(containing("mfa-otp")).willReturn(okJson(
                Auth0Stub.tokens("AT-CANARY-SEED"))).withRequestBody(matching(".*otp=(" + Totp.code(OTP_SEED,
                        now.minusSeconds(30)) + "|" + Totp.code(OTP_SEED, now) + "|" + Totp.code(OTP_SEED,
                        now.plusSeconds(30)) + ")(&.*)?$")));
        String flow = startFlow();
        FacesForm start = browser.form(page("index") + "?flow=" + flow);
        String startPage = browser.received().get(browser.received().size() - 1).body();
        Matcher enroll = Pattern.compile("name=\"(mfa:(?:[^\"]*:)?enroll(?::[a-z-]+)?)\"").matcher(startPage);
        assertTrue(enroll.find(), startPage);

        HttpResponse<String> enrolling = browser.submit(start, start.body(enroll.group(1), "x"));
        HttpResponse<String> reloaded = browser.exchange(page("enroll-app") + "?flow=" + flow,
                HttpRequest.newBuilder().GET());
        FacesForm appPage = FacesForm.of(enrolling.body());
        HttpResponse<String> confirmed = browser.submit(appPage, appPage.body("mfa:code",
                Totp.code(QrCodeReader.secretOf(QrCodeReader.decode(inlineImage(enrolling.body()))), Instant.now()),
                "mfa:verify", "x"));
        HttpResponse<String> afterwards = browser.exchange(page("enroll-app") + "?flow=" + flow,
                HttpRequest.newBuilder().GET());

        assertEquals(200, enrolling.statusCode(), enrolling.body());
        assertTrue(enrolling.body().contains(OTP_SEED_GROUPED), "the seed is shown to type it in by hand");
        assertFalse(reloaded.body().contains(OTP_SEED) || reloaded.body().contains(OTP_SEED_GROUPED),
                "a reload of the enrollment page shows no seed");
        assertEquals(303, confirmed.statusCode(), confirmed.body());
        assertFalse(afterwards.body().contains(OTP_SEED) || afterwards.body().contains(OTP_SEED_GROUPED));
        List<HttpResponse<String>> withSeed = browser.received().stream()
                .filter(answer -> answer.body().contains(OTP_SEED_GROUPED) || answer.body().contains(OTP_SEED)
                        || answer.headers().map().toString().contains(OTP_SEED))
                .toList();
        assertEquals(List.of(enrolling), withSeed, "the seed is in exactly one answer, the enrollment page");
        // Every image, script and style of the page is the application's own or inline: no QR code service.
        Matcher resource = Pattern.compile("\\b(?:src|href)=\"([^\"]*)\"").matcher(enrolling.body());
        int resources = 0;
        while (resource.find()) {
            String url = resource.group(1);
            assertTrue(url.startsWith("data:image/png;base64,") || url.startsWith(base.getPath()), url);
            resources++;
        }
        assertTrue(resources >= 3, "the page's stylesheet, script and QR code were checked");
        auth0.verify(1, postRequestedFor(urlEqualTo("/mfa/associate")));
    }

    /**
     * Asserts that a page may not be stored: its {@code Cache-Control} is {@code no-store}, as the module sets it. On
     * Open Liberty it may also have {@code no-cache}, with or without the names of headers not to reuse, which
     * Liberty adds to any answer that sets a cookie ({@code no-cache="set-cookie"}); beside {@code no-store} it keeps
     * nothing from being stored that would otherwise be, so the page is stored nowhere either way. Anything that
     * would let a cache keep or share it ({@code public}, a {@code max-age}) fails on every server.
     */
    static void assertNotStored(HttpHeaders headers, String what) {
        List<String> directives = headers.allValues("Cache-Control").stream()
                .flatMap(value -> Arrays.stream(value.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)")))
                .map(directive -> directive.strip().toLowerCase(Locale.ROOT))
                .filter(directive -> !directive.isEmpty())
                .toList();
        if (ItServer.current() != ItServer.LIBERTY) {
            assertEquals(List.of("no-store"), directives, what + ": Cache-Control");
            return;
        }
        assertTrue(directives.contains("no-store"), what + ": Cache-Control " + directives);
        assertTrue(directives.stream().allMatch(directive -> directive.equals("no-store")
                || directive.matches("no-cache(=.*)?")), what + ": Cache-Control " + directives);
    }

    /** The {@code src} of the page's QR code image. */
    private static String inlineImage(String html) {
        Matcher qr = Pattern.compile("<img id=\"qr\" src=\"([^\"]+)\"").matcher(html);
        assertTrue(qr.find(), html);
        return qr.group(1);
    }

    @Test
    void sec39EveryVariantOfAProtectedPathEveryMethodAndEveryDispatchLeadsToTheStepUpNeverToTheContent() {
        List<String> variants = List.of("reports?id=1", "reports/", "reports/x", "reports;x=y?id=1",
                "./reports?id=1", "%72eports?id=1", "/reports?id=1", "reports/../reports?id=1", "x/../reports",
                "via-forward?id=1", "via-include?id=1", "Reports?id=1", "REPORTS");
        Map<String, Integer> outcomes = new LinkedHashMap<>();
        for (String variant : variants) {
            for (String method : List.of("GET", "HEAD", "POST")) {
                HttpResponse<String> answer = browser.exchange(variant, HttpRequest.newBuilder()
                        .header("Accept", "text/html").header("Content-Type", "application/x-www-form-urlencoded")
                        .method(method, method.equals("POST") ? HttpRequest.BodyPublishers.ofString("a=b")
                                : HttpRequest.BodyPublishers.noBody()));
                String location = answer.headers().firstValue("Location").orElse("");
                String what = method + " " + variant + ": " + answer.statusCode() + " " + location;

                assertFalse(answer.body().contains("id=\"report\"") || answer.body().contains("AT-"), what);
                boolean steppedUp = (answer.statusCode() == 302 || answer.statusCode() == 303)
                        && FLOW_IN_URL.matcher(location).find();
                assertTrue(steppedUp || answer.statusCode() == 404 || answer.statusCode() == 405, what);
                outcomes.merge(steppedUp ? "step-up" : Integer.toString(answer.statusCode()), 1, Integer::sum);
            }
        }
        HttpResponse<String> options = browser.exchange("reports?id=1", HttpRequest.newBuilder()
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        // The page claiming done without a verification upgrades nothing.
        browser.exchange(page("done") + "?return=%2Freports%3Fid%3D1", HttpRequest.newBuilder().GET());
        HttpResponse<String> afterDone = browser.exchange("reports?id=1", HttpRequest.newBuilder()
                .header("Accept", "text/html").GET());

        System.err.println("[sec39] " + outcomes);
        assertTrue(outcomes.getOrDefault("step-up", 0) >= 30, outcomes.toString());
        assertFalse(options.body().contains("id=\"report\""), options.body());
        assertTrue(FLOW_IN_URL.matcher(afterDone.headers().firstValue("Location").orElse("")).find(),
                afterDone.statusCode() + " " + afterDone.headers().map());
        auth0.verify(0, postRequestedFor(urlEqualTo("/oauth/token")).withRequestBody(containing("mfa-otp")));
    }

    @Test
    void f23WhenAThirdOfTheGrantsFailUnderLoadThenThePagesAnswerWhatTheyKnowAndEveryUserGetsTheirOwnToken()
            throws Exception {
        FaultyTokenEndpoint faulty = Auth0Stub.faultyTokenEndpoint();
        // Each user types codes of their own, and the token names the code: the per-user canary.
        faulty.configure(0.30, List.of("F6", "F9", "F10"), Duration.ZERO, grant -> "AT-F23-" + grant.get("otp"));
        auth0.stubFor(post("/oauth/token").withRequestBody(containing("mfa-otp"))
                .willReturn(aResponse().withTransformers(FaultyTokenEndpoint.NAME)));
        int users = 8;
        int stepUpsEach = 5;
        ExecutorService pool = Executors.newFixedThreadPool(users);
        List<Future<Map<String, Integer>>> runs = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            int user = u;
            runs.add(pool.submit(() -> stepUpsUnderFaults(user, stepUpsEach)));
        }
        Map<String, Integer> seen = new TreeMap<>();
        for (Future<Map<String, Integer>> run : runs) {
            run.get(5, TimeUnit.MINUTES).forEach((kind, count) -> seen.merge(kind, count, Integer::sum));
        }
        pool.shutdown();

        System.err.printf("[f23-pages] %d step-ups by %d users at once; Auth0 answered %d codes with a token and"
                + " %s with a fault; the users saw %s%n", users * stepUpsEach, users, faulty.answeredWithToken(),
                faulty.faults(), seen);
        assertEquals(users * stepUpsEach, seen.get("completed"), seen.toString());
        assertTrue(faulty.answeredWithToken() >= users * stepUpsEach, "no completion without a token");
        assertTrue(faulty.faults().values().stream().mapToInt(Integer::intValue).sum() > 0, "faults injected");
    }

    /**
     * One user's step-ups under faults, each in a new session and tried again until it completes: the code page
     * again after Auth0's fault (after the breaker's pause when it says so), a new flow when this one ended.
     * Fails on any other answer.
     */
    private Map<String, Integer> stepUpsUnderFaults(int user, int stepUps) throws InterruptedException {
        Map<String, Integer> seen = new TreeMap<>();
        for (int n = 0; n < stepUps; n++) {
            // A session of its own for each step-up: once stepped up, a session has its token.
            Browser own = new Browser(base).on(pages());
            assertEquals(200, own.call("login", "sub", "auth0|f23-" + user, "rt", "RT-F23-" + user).status());
            String code = String.format(Locale.ROOT, "%02d%04d", 10 + user, n);
            String page = "reports?id=" + user + "-" + n;
            FacesForm form = own.codePage(own.startFlow(page), "totp|dev_1");
            while (true) {
                HttpResponse<String> answer = own.submit(form, form.body("mfa:code", code, "mfa:verify", "x"));
                String location = answer.headers().firstValue("Location").orElse("");
                String what = "user " + user + " step-up " + n + ": " + answer.statusCode() + " " + location;
                assertFalse(answer.body().contains("Exception") || answer.body().contains("AT-F23"), what);
                if (answer.statusCode() == 303 && location.endsWith("/" + page)) {
                    String report = own.exchange(page, HttpRequest.newBuilder().GET()).body();
                    assertTrue(report.contains(">AT-F23-" + code + "<"), what + " showed " + report);
                    seen.merge("completed", 1, Integer::sum);
                    break;
                }
                if (answer.statusCode() == 303 && location.contains("/" + page("error"))) {
                    // the flow had its five attempts (a lost answer counts as one): the user starts again
                    seen.merge("flow ended", 1, Integer::sum);
                    form = own.codePage(own.startFlow(page), "totp|dev_1");
                    continue;
                }
                assertTrue(List.of(502, 503, 504).contains(answer.statusCode()), what);
                assertTrue(answer.body().contains("id=\"mfa:code\""), what + ": the form stays for a try again");
                seen.merge(Integer.toString(answer.statusCode()), 1, Integer::sum);
                Optional<String> retryAfter = answer.headers().firstValue("Retry-After");
                if (retryAfter.isPresent()) {
                    // the circuit breaker paused calls after five failures in a row
                    seen.merge("breaker pauses", 1, Integer::sum);
                    Thread.sleep(Math.min(31, Long.parseLong(retryAfter.get())) * 1000L);
                }
            }
        }
        return seen;
    }

    @Test
    void sec24ResendPostedWhileItsButtonIsDisabledThenNothingSent() {
        auth0.stubFor(get("/mfa/authenticators").willReturn(okJson("[{\"id\":\"sms|dev_9\","
                + "\"authenticator_type\":\"oob\",\"oob_channel\":\"sms\",\"active\":true,\"name\":\"XXXX1234\"}]")));
        auth0.stubFor(post("/oauth/token").withRequestBody(containing("grant_type=refresh_token")).atPriority(1)
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                        .withBody(Auth0Stub.mfaRequired("MFATOK-CANARY-HTTP", "phone"))));
        auth0.stubFor(post("/mfa/challenge").willReturn(okJson(
                "{\"challenge_type\":\"oob\",\"oob_code\":\"OOB-HTTP\",\"binding_method\":\"prompt\"}")));
        String flow = startFlow();
        FacesForm code = browser.codePage(flow, "sms|dev_9");

        HttpResponse<String> resend = browser.submit(code, code.body("mfa:resend", "x"));

        // Faces does not decode a disabled button: the forged press does nothing.
        assertEquals(200, resend.statusCode(), resend.body());
        auth0.verify(1, postRequestedFor(urlEqualTo("/mfa/challenge")));
    }

    @Test
    void sec24SameNumberEnrolledTwiceWithinTheCooldownThen429WithRetryAfterAndOneMessage() {
        auth0.stubFor(get("/mfa/authenticators").willReturn(okJson("[]")));
        auth0.stubFor(post("/oauth/token").withRequestBody(containing("grant_type=refresh_token")).atPriority(1)
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"mfa_required\",\"mfa_token\":\"MFATOK-CANARY-HTTP\","
                                + "\"mfa_requirements\":{\"enroll\":[{\"type\":\"phone\"}]}}")));
        auth0.stubFor(post("/mfa/associate").willReturn(okJson("{\"authenticator_type\":\"oob\","
                + "\"oob_channel\":\"sms\",\"oob_code\":\"OOB-HTTP\",\"binding_method\":\"prompt\"}")));
        String flow = startFlow();
        FacesForm first = enrollContactPage(flow);
        assertTrue(browser.submit(first, first.body("mfa:contact", "+4915123456789", "mfa:send", "x"))
                .statusCode() < 400);
        FacesForm second = enrollContactPage(flow);

        HttpResponse<String> again = browser.submit(second, second.body("mfa:contact", "+49 151 2345 6789",
                "mfa:send", "x"));

        assertEquals(429, again.statusCode(), again.body());
        int wait = Integer.parseInt(again.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(wait > 0 && wait <= 30, "seconds left of the cooldown: " + wait);
        assertTrue(again.body().contains("A code was sent moments ago"), again.body());
        auth0.verify(1, postRequestedFor(urlEqualTo("/mfa/associate")));
    }

    FacesForm enrollContactPage(String flow) {
        return browser.form(page("enroll-contact") + "?factor=sms&flow=" + flow);
    }

    @Test
    void sec14PostMarkedCrossSiteByTheBrowserThen403EvenWithTheRightViewStateOrTokenAndNothingSent() {
        auth0.stubFor(post("/oauth/token").withRequestBody(containing("mfa-otp")).willReturn(okJson(
                Auth0Stub.tokens("AT-HTTP-OK"))));
        FacesForm code = browser.codePage(startFlow(), "totp|dev_1");
        String typed = code.body("mfa:code", "123456", "mfa:verify", "x");

        for (String site : new String[] {"cross-site", "same-site", "none"}) {
            HttpResponse<String> forged = browser.submit(code, typed, "Sec-Fetch-Site", site);
            assertEquals(403, forged.statusCode(), site);
            assertEquals("These pages accept forms from their own pages only.", forged.body());
        }
        auth0.verify(0, postRequestedFor(urlEqualTo("/oauth/token")).withRequestBody(containing("mfa-otp")));

        HttpResponse<String> own = browser.submit(code, typed, "Sec-Fetch-Site", "same-origin", "Origin", "null");
        assertEquals(303, own.statusCode(), "the page's own post goes through");
    }

    String startFlow() {
        return browser.startFlow("reports?id=1");
    }
}
