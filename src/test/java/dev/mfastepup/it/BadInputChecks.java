package dev.mfastepup.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.mfastepup.filter.PageSet;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * SEC-29: more than 10,000 malformed requests against every MFA page, in every state of a flow (no session, no
 * flow, a flow at each page, a completed flow, a cancelled one): malformed fields, flow ids and view states (the
 * JSP pages' form tokens), wrong methods and content types, broken encodings, oversized bodies, a code in the query string. None may answer 5xx,
 * show a stack trace or a token, or make a call to Auth0 that changes anything.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
abstract class BadInputChecks {

    private static final List<String> PAGES = List.of("index", "code", "recovery", "enroll-contact", "enroll-app",
            "push", "error", "done", "recovery-code");
    private static final List<String> METHODS = List.of("PUT", "DELETE", "PATCH", "OPTIONS", "PROPFIND", "FOO");
    private static final List<String> CONTENT_TYPES = List.of("text/plain", "application/json",
            "multipart/form-data; boundary=x", "application/xml", "text/html", "");
    /** What a stack trace, a server banner or a token in a body would look like, on Payara Micro or WildFly. */
    private static final Pattern LEAK = Pattern.compile("Exception|\\tat |\\bat (dev|jakarta|java|com|org)\\."
            + "|Caused by|Payara|GlassFish|Grizzly|Mojarra|WildFly|Undertow|RESTEASY|WFLY|MFATOK|RT-BAD|AT-BAD");
    /**
     * What a token or a stack trace in a header would look like. The container's own {@code Server: Payara Micro}
     * (or {@code X-Powered-By: Undertow}) is its operator's setting, not this module's.
     */
    private static final Pattern HEADER_LEAK = Pattern.compile("Exception|Caused by|MFATOK|RT-BAD|AT-BAD");

    /** Requests sent by all tests of this class, by status. */
    private static final Map<Integer, Integer> STATUSES = new TreeMap<>();
    private static int total;

    @ArquillianResource
    URL base;

    private final WireMockServer auth0 = Auth0Stub.server();

    /** The set of pages under test. */
    abstract PageSet pages();

    /** A page's address below the application, such as {@code mfa/code.xhtml} or {@code mfa/code}. */
    private String page(String name) {
        return pages().page(name).substring(1);
    }

    @BeforeEach
    void stubAuth0() {
        auth0.resetAll();
        stubUser("RT-BAD-CODE", "MFATOK-BAD-CODE", "{\"challenge\":[{\"type\":\"otp\"},{\"type\":\"recovery-code\"}]}",
                "[{\"id\":\"totp|dev_1\",\"authenticator_type\":\"otp\",\"active\":true},"
                        + "{\"id\":\"recovery-code|dev_2\",\"authenticator_type\":\"recovery-code\",\"active\":true}]");
        stubUser("RT-BAD-ENROLL", "MFATOK-BAD-ENROLL", "{\"enroll\":[{\"type\":\"phone\"},{\"type\":\"otp\"}]}", "[]");
        auth0.stubFor(post("/mfa/associate").willReturn(okJson("{\"authenticator_type\":\"otp\","
                + "\"secret\":\"JBSWY3DPEHPK3PXP\",\"barcode_uri\":\"otpauth://totp/x?secret=JBSWY3DPEHPK3PXP\"}")));
        auth0.stubFor(post("/oauth/token").withRequestBody(containing("mfa-otp")).willReturn(okJson(
                Auth0Stub.tokens("AT-BAD-1"))));
    }

    @BeforeAll
    static void countFromZero() {
        // The counts are per set of pages: both runs share this class's static fields in one JVM.
        synchronized (STATUSES) {
            STATUSES.clear();
            total = 0;
        }
    }

    @AfterAll
    static void report() {
        Auth0Stub.stop();
        System.out.println("[bad-input] " + total + " requests, by status: " + STATUSES);
        assertTrue(total >= 10_000, "the corpus must send at least 10,000 requests, sent " + total);
    }

    @Test
    void malformedFieldsOnEveryFormWhenPostedWithAValidViewStateOrTokenThenRefusedWithoutAuth0() {
        List<Page> forms = new ArrayList<>();
        Browser codeUser = signedIn("RT-BAD-CODE");
        String codeFlow = startFlow(codeUser);
        forms.add(open(codeUser, page("index") + "?flow=" + codeFlow, "mfa:authenticator", "mfa:continue"));
        forms.add(open(codeUser, page("recovery") + "?flow=" + codeFlow, "mfa:code", "mfa:verify"));
        forms.add(codePage(codeUser, codeFlow));
        Browser enrolling = signedIn("RT-BAD-ENROLL");
        String enrollFlow = startFlow(enrolling);
        forms.add(open(enrolling, page("enroll-contact") + "?factor=sms&flow=" + enrollFlow, "mfa:contact",
                "mfa:send"));
        forms.add(open(enrolling, page("enroll-contact") + "?factor=voice&flow=" + enrollFlow, "mfa:contact",
                "mfa:send"));
        Browser enrollingApp = signedIn("RT-BAD-ENROLL");
        forms.add(enrollApp(enrollingApp, startFlow(enrollingApp)));
        auth0.resetRequests();

        for (Page form : forms) {
            for (String value : BadInputs.values()) {
                expectRefused(submit(form, form.form().body(form.field(), value, form.button(), "x")), form);
                // the same value as the flow id of the form
                expectRefused(submit(form, form.form().body("flow", value, form.button(), "x")), form);
            }
            for (String broken : BadInputs.brokenEncodings(form.field())) {
                expectRefused(submit(form, form.form().body(form.button(), "x") + "&" + broken), form);
            }
        }

        assertNoChangeAtAuth0();
    }

    @Test
    void malformedFlowIdsOnEveryPageInEveryStateThenNoServerErrorAndNoAuth0Call() {
        Browser anonymous = new Browser(base).on(pages());
        Browser noFlow = signedIn("RT-BAD-CODE");
        Browser pending = signedIn("RT-BAD-CODE");
        startFlow(pending);
        Browser challenged = signedIn("RT-BAD-CODE");
        String challengedFlow = startFlow(challenged);
        challenged.codePage(challengedFlow, "totp|dev_1");
        Browser completed = signedIn("RT-BAD-CODE");
        complete(completed, startFlow(completed));
        Browser cancelled = signedIn("RT-BAD-CODE");
        String cancelledFlow = startFlow(cancelled);
        Page start = open(cancelled, page("index") + "?flow=" + cancelledFlow, "mfa:authenticator", "mfa:cancel");
        assertEquals(303, submit(start, start.form().body("mfa:cancel", "x")).statusCode());
        auth0.resetRequests();

        for (Browser state : List.of(anonymous, noFlow, pending, challenged, completed, cancelled)) {
            for (String page : PAGES) {
                for (String value : inUrls(BadInputs.values())) {
                    expectNoFault(state.exchange(page(page) + "?flow=" + encode(value) + "&factor="
                            + encode(value) + "&reason=" + encode(value) + "&return=" + encode(value),
                            HttpRequest.newBuilder().GET()), page);
                }
            }
        }

        assertNoCallToAuth0("a malformed flow id must not reach Auth0");
    }

    @Test
    void tamperedOrStaleViewStatesOrFormTokensThenNoServerErrorAndNoAuth0Call() {
        Browser user = signedIn("RT-BAD-CODE");
        Page codePage = codePage(user, startFlow(user));
        Browser other = signedIn("RT-BAD-CODE");
        Page othersPage = codePage(other, startFlow(other));
        auth0.resetRequests();
        String real = codePage.form().state();
        List<String> states = new ArrayList<>(BadInputs.values());
        states.add(othersPage.form().state());
        for (int i = 0; i < real.length(); i++) {
            char flipped = real.charAt(i) == 'A' ? 'B' : 'A';
            states.add(real.substring(0, i) + flipped + real.substring(i + 1));
        }
        states.add(real.substring(0, real.length() / 2));
        states.add(real + real);

        for (String state : states) {
            expectNoFault(submit(codePage, codePage.form().body(codePage.form().stateField(), state,
                    "mfa:code", "123456", "mfa:verify", "x")), "code (" + codePage.form().stateField() + ")");
        }

        assertNoCallToAuth0("a forged view state or form token must not reach Auth0");
    }

    @Test
    void wrongMethodsContentTypesSizesAndQueryStringCodesThenClearFourHundredsAndNoAuth0Call() {
        Browser user = signedIn("RT-BAD-CODE");
        String flow = startFlow(user);
        Page codePage = codePage(user, flow);
        auth0.resetRequests();
        String validBody = codePage.form().body("mfa:code", "123456", "mfa:verify", "x");

        for (String page : PAGES) {
            String path = page(page) + "?flow=" + flow;
            for (String method : METHODS) {
                // Grizzly itself refuses a DELETE with a body (400, empty): send the methods without one.
                boolean withBody = !List.of("DELETE", "OPTIONS", "PROPFIND").contains(method);
                HttpResponse<String> answer = user.exchange(path, HttpRequest.newBuilder()
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .method(method, withBody ? HttpRequest.BodyPublishers.ofString(validBody)
                                : HttpRequest.BodyPublishers.noBody()));
                expectStatus(answer, page + " " + method, 405, 400, 501);
            }
            for (String type : CONTENT_TYPES) {
                HttpRequest.Builder request = HttpRequest.newBuilder()
                        .POST(HttpRequest.BodyPublishers.ofString(validBody));
                if (!type.isEmpty()) {
                    request.header("Content-Type", type);
                }
                expectStatus(user.exchange(path, request), page + " as " + type, 415);
            }
            RawHttp.Answer oversized = RawHttp.send(base, "POST " + base.getPath() + path + " HTTP/1.1\r\nHost: "
                    + base.getHost() + ":" + base.getPort() + "\r\nCookie: JSESSIONID=" + user.sessionId().orElseThrow()
                    + "\r\nContent-Type: application/x-www-form-urlencoded", (validBody + "&pad=" + "x".repeat(70_000))
                    .getBytes(StandardCharsets.US_ASCII));
            count(oversized.status());
            assertEquals(413, oversized.status(), page + " oversized: " + oversized.body());
            // the code in the query string: as a GET, and as a POST whose form carries the rest
            expectStatus(user.exchange(path + "&" + validBody, HttpRequest.newBuilder().GET()),
                    page + " code in a GET query", 400);
            expectStatus(user.exchange(path + "&mfa%3Acode=123456", HttpRequest.newBuilder()
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(codePage.form().body("mfa:verify", "x")))),
                    page + " code in a POST query", 400);
        }

        assertNoCallToAuth0("a refused request must not reach Auth0");
        HttpResponse<String> still = user.exchange(page("code") + "?flow=" + flow, HttpRequest.newBuilder().GET());
        assertEquals(200, still.statusCode(), "the flow is still there after all that");
    }

    @Test
    void malformedHeadersOnEveryPageThenNoServerError() {
        Browser user = signedIn("RT-BAD-CODE");
        String flow = startFlow(user);
        auth0.resetRequests();

        for (String page : PAGES) {
            for (String value : BadInputs.values()) {
                String header = headerSafe(value);
                expectNoFault(user.exchange(page(page) + "?flow=" + flow, HttpRequest.newBuilder()
                        .header("Accept-Language", header).header("Referer", header)
                        .header("X-Forwarded-For", header).header("Faces-Request", header).GET()), page + " headers");
            }
        }

        assertEquals(0, auth0.countRequestsMatching(anyRequestedFor(anyUrl()).build()).getCount()
                - auth0.countRequestsMatching(getRequestedFor(urlEqualTo("/mfa/authenticators")).build()).getCount(),
                "rendering the start page lists the authenticators, and nothing else reaches Auth0");
    }

    // Flows ------------------------------------------------------------------------------------------------------

    /** A page's form, with the field the corpus fills in and the button it presses. */
    private record Page(Browser browser, String path, FacesForm form, String field, String button) {
    }

    private void stubUser(String refreshToken, String mfaToken, String requirements, String authenticators) {
        auth0.stubFor(post("/oauth/token").withRequestBody(containing("refresh_token=" + refreshToken))
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json").withBody(
                        "{\"error\":\"mfa_required\",\"mfa_token\":\"" + mfaToken + "\",\"mfa_requirements\":"
                                + requirements + "}")));
        auth0.stubFor(get("/mfa/authenticators").withHeader("Authorization", equalTo("Bearer " + mfaToken))
                .willReturn(okJson(authenticators)));
    }

    private Browser signedIn(String refreshToken) {
        Browser browser = new Browser(base).on(pages());
        assertEquals(200, browser.call("login", "sub", "auth0|bad-input", "rt", refreshToken).status());
        return browser;
    }

    private static String startFlow(Browser browser) {
        return browser.startFlow("reports?id=1");
    }

    private Page open(Browser browser, String path, String field, String button) {
        HttpResponse<String> page = browser.exchange(path, HttpRequest.newBuilder().GET());
        assertEquals(200, page.statusCode(), path + ": " + page.body());
        return new Page(browser, path, FacesForm.of(page.body()), field, button);
    }

    private Page codePage(Browser browser, String flow) {
        return open(browser, page("code") + "?flow=" + flow, "mfa:code", "mfa:verify");
    }


    /** Starts the enrollment of an authenticator app on the start page and opens the page with its QR code. */
    private Page enrollApp(Browser browser, String flow) {
        HttpResponse<String> start = browser.exchange(page("index") + "?flow=" + flow, HttpRequest.newBuilder().GET());
        Page startPage = new Page(browser, page("index") + "?flow=" + flow, FacesForm.of(start.body()), null, null);
        HttpResponse<String> enrolled = submit(startPage, startPage.form().body(
                FacesForm.buttonWithClass(start.body(), "mfa-factor-otp"), "x"));
        // A forward, not a redirect: the secret lives in the request, never in a URL.
        assertEquals(200, enrolled.statusCode(), enrolled.body());
        return new Page(browser, page("enroll-app") + "?flow=" + flow, FacesForm.of(enrolled.body()), "mfa:code",
                "mfa:verify");
    }

    /** Chooses the authenticator app and types a code Auth0 (the stub) accepts. */
    private void complete(Browser browser, String flow) {
        FacesForm code = browser.codePage(flow, "totp|dev_1");
        HttpResponse<String> done = browser.submit(code, code.body("mfa:code", "123456", "mfa:verify", "x"));
        assertEquals(303, done.statusCode(), done.body());
    }

    private HttpResponse<String> submit(Page page, String body) {
        return page.browser().exchange(page.path(), HttpRequest.newBuilder()
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    // Checks -----------------------------------------------------------------------------------------------------

    /** A malformed field: the page again with a message, or a redirect to a page of the flow; never 5xx. */
    private void expectRefused(HttpResponse<String> answer, Page page) {
        expectNoFault(answer, page.path());
        assertTrue(answer.statusCode() == 200 || answer.statusCode() == 303 || answer.statusCode() / 100 == 4,
                page.path() + ": " + answer.statusCode());
    }

    private void expectStatus(HttpResponse<String> answer, String what, int... allowed) {
        expectNoFault(answer, what);
        for (int status : allowed) {
            if (answer.statusCode() == status) {
                assertTrue(answer.body().length() < 200 && !answer.body().isBlank(),
                        what + ": a short message is expected, got " + answer.statusCode() + " "
                                + answer.headers().map() + " " + answer.body());
                return;
            }
        }
        throw new AssertionError(what + ": expected one of " + java.util.Arrays.toString(allowed) + ", got "
                + answer.statusCode() + " " + answer.body());
    }

    private static void count(int status) {
        synchronized (STATUSES) {
            STATUSES.merge(status, 1, Integer::sum);
            total++;
        }
    }

    private static void expectNoFault(HttpResponse<String> answer, String what) {
        count(answer.statusCode());
        assertTrue(answer.statusCode() < 500, what + ": " + answer.statusCode() + " " + answer.body());
        Matcher leak = LEAK.matcher(answer.body());
        if (leak.find()) {
            throw new AssertionError(what + ": the body shows '" + leak.group() + "': " + answer.body());
        }
        answer.headers().map().forEach((name, values) -> assertTrue(values.stream().noneMatch(
                v -> HEADER_LEAK.matcher(v).find()), what + ": header " + name + " " + values));
    }

    private void assertNoCallToAuth0(String message) {
        assertEquals(0, auth0.countRequestsMatching(anyRequestedFor(anyUrl()).build()).getCount(), message);
    }

    private void assertNoChangeAtAuth0() {
        long all = auth0.countRequestsMatching(anyRequestedFor(anyUrl()).build()).getCount();
        long listings = auth0.countRequestsMatching(getRequestedFor(urlEqualTo("/mfa/authenticators")).build())
                .getCount();
        assertEquals(0, all - listings, "a malformed field must not reach Auth0's token, challenge or enrollment");
    }

    /**
     * The values short enough for a URL: a request line over 8 KB is refused by the server before any application
     * sees it (a test of the server, not of this module).
     */
    private static List<String> inUrls(List<String> values) {
        return values.stream().filter(value -> encode(value).length() <= 1_500).toList();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The value as a header can carry it: HttpClient refuses control characters and non-Latin-1 text. */
    private static String headerSafe(String value) {
        StringBuilder safe = new StringBuilder();
        value.chars().limit(1_000).forEach(c -> safe.append(c >= 0x20 && c < 0x7F ? (char) c : '?'));
        return safe.toString().strip().isEmpty() ? "x" : safe.toString().strip();
    }
}
