package dev.mfastepup.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
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
 * Guessing through the pages over HTTP: wrong codes sent at once to the code page (SEC-21), and messages asked
 * for again and again on the start page (SEC-25), counted where it matters, at Auth0 (the stub's journal). Each
 * test has a user of its own: the module's counts follow a user across sessions.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BruteForcePagesIT {

    private static final Pattern ERROR_PAGE = Pattern.compile("/mfa/error\\.xhtml\\?reason=([a-z-]+)");
    private static final Pattern TITLE = Pattern.compile("<h1[^>]*>([^<]*)</h1>");
    private static final String PUSH_A = "push|dev_a";
    private static final String PUSH_B = "push|dev_b";

    @ArquillianResource
    URL base;

    private final WireMockServer auth0 = Auth0Stub.server();
    private static boolean warm;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ItDeployments.pagesWar("brute-force-pages-it.war", ItDeployments.config(Auth0Stub.baseUrl()));
    }

    @BeforeEach
    void resetAuth0() {
        auth0.resetAll();
        Auth0Stub.stubAppUserWhoMustStepUp(auth0, "MFATOK-CANARY-BRUTE");
        auth0.stubFor(post("/oauth/token").withRequestBody(containing("mfa-otp")).willReturn(aResponse()
                .withStatus(403).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_grant\",\"error_description\":\"Invalid otp_code.\"}")));
        warmUp();
    }

    /** Once per deployment, before any test; the stub forgets the warm-up's requests, which are not counted. */
    private void warmUp() {
        if (!warm) {
            Browser.warmUpUntilTheStubAsksForAStepUp(new Browser(base));
            warm = true;
        }
        auth0.resetRequests();
    }

    @AfterAll
    static void stopAuth0() {
        Auth0Stub.stop();
    }

    // SEC-21: wrong codes ------------------------------------------------------------------------------------------

    @Test
    void sec21FiftyWrongCodesAtOnceInOneFlowThenFiveReachAuth0AndEveryAnswerIsAPageWithAMessage() throws Exception {
        Browser browser = signedIn("auth0|brute-one-flow");
        FacesForm code = browser.codePage(browser.startFlow("reports?id=21"), "totp|dev_1");

        List<Supplier<String>> posts = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String typed = String.format(Locale.ROOT, "%06d", 100_000 + i);
            posts.add(() -> outcome(browser, browser.submit(code, code.body("mfa:code", typed, "mfa:verify", "x"))));
        }
        Map<String, Integer> outcomes = allAtOnce(posts);

        System.err.println("[sec21-pages] 50 wrong codes at once in one flow: " + otpGrants().size()
                + " reached Auth0; the pages answered " + outcomes);
        // Five wrong codes are judged by Auth0; the sixth ends the flow here; every later one finds no flow.
        assertEquals(5, otpGrants().size(), outcomes.toString());
        assertEquals(Map.of("200 wrong code", 5, "410 expired", 1, "410 invalid", 44), outcomes);
    }

    @Test
    void sec21FiftyWrongCodesAtOnceAcrossTenSessionsOfOneUserThenTenReachAuth0AndTheRestAreLocked()
            throws Exception {
        List<Supplier<String>> posts = new ArrayList<>();
        for (int s = 0; s < 10; s++) {
            Browser browser = signedIn("auth0|brute-many-flows");
            FacesForm code = browser.codePage(browser.startFlow("reports?id=" + s), "totp|dev_1");
            // Five per flow: the flow's own limit (5) is never what stops them, only the user's (10) can.
            for (int i = 0; i < 5; i++) {
                String typed = String.format(Locale.ROOT, "%06d", 200_000 + 10 * s + i);
                posts.add(() -> outcome(browser, browser.submit(code, code.body("mfa:code", typed,
                        "mfa:verify", "x"))));
            }
        }
        Map<String, Integer> outcomes = allAtOnce(posts);

        System.err.println("[sec21-pages] 50 wrong codes at once in 10 sessions of one user: " + otpGrants().size()
                + " reached Auth0; the pages answered " + outcomes);
        assertEquals(10, otpGrants().size(), outcomes.toString());
        assertEquals(Map.of("200 wrong code", 10, "429 locked", 40), outcomes);
    }

    /**
     * What one post led to, as the user sees it: the code page again with its message, or the error page the
     * answer redirects to (followed), with its status and title. Fails on a 5xx or a page without a message.
     */
    private String outcome(Browser browser, HttpResponse<String> answer) {
        assertTrue(answer.statusCode() < 500, answer.statusCode() + " " + answer.body());
        if (answer.statusCode() == 200) {
            assertTrue(answer.body().contains("That code is not right"), answer.body());
            assertTrue(answer.body().contains("id=\"mfa:code\""), "the form stays");
            return "200 wrong code";
        }
        String location = answer.headers().firstValue("Location").orElse("");
        Matcher reason = ERROR_PAGE.matcher(location);
        assertTrue(answer.statusCode() == 303 && reason.find(), answer.statusCode() + " " + location);
        HttpResponse<String> page = browser.exchange(location.substring(base.getPath().length()),
                HttpRequest.newBuilder().GET());
        Matcher title = TITLE.matcher(page.body());
        assertTrue(page.statusCode() >= 400 && page.statusCode() < 500, page.statusCode() + " " + page.body());
        assertTrue(title.find() && !title.group(1).isBlank(), "a page that says what happened: " + page.body());
        return page.statusCode() + " " + reason.group(1);
    }

    // SEC-25: messages, push included ------------------------------------------------------------------------------

    @Test
    void sec25PushAskedForAgainWithinThirtySecondsOrAFourthTimeInAFlowThen429AndNothingSent() {
        Browser browser = signedIn("auth0|push-flow");
        stubPushUser();
        String flow = browser.startFlow("reports?id=25");

        HttpResponse<String> first = choose(browser, flow, PUSH_A);
        HttpResponse<String> againTooSoon = choose(browser, flow, PUSH_A);
        HttpResponse<String> otherPhone = choose(browser, flow, PUSH_B);
        HttpResponse<String> backToTheFirst = choose(browser, flow, PUSH_A);
        HttpResponse<String> fourth = choose(browser, flow, PUSH_B);

        assertPushPage(first);
        assertEquals(429, againTooSoon.statusCode(), againTooSoon.body());
        int wait = Integer.parseInt(againTooSoon.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(wait > 0 && wait <= 30, "seconds left of the 30 s between two: " + wait);
        assertTrue(againTooSoon.body().contains("Please wait before asking for another one"), againTooSoon.body());
        // Going from one phone to another is no resend: it only counts, up to three per flow.
        assertPushPage(otherPhone);
        assertPushPage(backToTheFirst);
        assertEquals(429, fourth.statusCode(), fourth.body());
        assertTrue(fourth.body().contains("You have asked for as many codes as we can send for now"), fourth.body());
        List<String> sentTo = auth0.findAll(postRequestedFor(urlEqualTo("/mfa/challenge"))).stream()
                .map(LoggedRequest::getBodyAsString).map(BruteForcePagesIT::authenticatorOf).toList();
        assertEquals(List.of(PUSH_A, PUSH_B, PUSH_A), sentTo);
    }

    @Test
    void sec25PushToOneUserInElevenSessionsWithinAnHourThenTenSentAndTheEleventhRefusedWithTheWait() {
        stubPushUser();
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (int s = 0; s < 11; s++) {
            Browser browser = signedIn("auth0|push-user");
            answers.add(choose(browser, browser.startFlow("reports?id=" + s), PUSH_A));
        }

        answers.subList(0, 10).forEach(BruteForcePagesIT::assertPushPage);
        HttpResponse<String> eleventh = answers.get(10);
        assertEquals(429, eleventh.statusCode(), eleventh.body());
        long wait = Long.parseLong(eleventh.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(wait > 3000 && wait <= 3600, "until the oldest of the ten is an hour old: " + wait);
        assertTrue(eleventh.body().contains("You have asked for as many codes as we can send for now"),
                eleventh.body());
        auth0.verify(10, postRequestedFor(urlEqualTo("/mfa/challenge")));
    }

    @Test
    void sec25PushCheckPressedAgainAndAgainThenAuth0IsPolledAtMostOnceInFiveSecondsAndNothingIsSentAgain() {
        Browser browser = signedIn("auth0|push-poll");
        stubPushUser();
        auth0.stubFor(post("/oauth/token").withRequestBody(containing("mfa-oob")).willReturn(aResponse()
                .withStatus(400).withHeader("Content-Type", "application/json").withBody("{\"error\":"
                        + "\"authorization_pending\",\"error_description\":\"Authorization pending: please repeat"
                        + " the request in a few seconds.\"}")));
        String flow = browser.startFlow("reports?id=poll");
        assertPushPage(choose(browser, flow, PUSH_A));
        FacesForm push = browser.form("mfa/push.xhtml?flow=" + flow);

        // "I have approved it", pressed every half second until Auth0 was asked twice (at most 30 s).
        int presses = 0;
        long started = System.nanoTime();
        while (pushPolls().size() < 2 && System.nanoTime() - started < TimeUnit.SECONDS.toNanos(30)) {
            HttpResponse<String> pending = browser.submit(push, push.body("mfa:check", "x"));
            assertEquals(200, pending.statusCode(), pending.body());
            assertTrue(pending.body().contains("id=\"mfa:check\""), "still waiting: " + pending.body());
            push = FacesForm.of(pending.body());
            presses++;
            sleep(500);
        }
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        List<LoggedRequest> polls = pushPolls();

        System.err.printf("[sec25-pages] %d presses of \"check\" in %d ms: %d polls reached Auth0%n", presses,
                tookMillis, polls.size());
        assertEquals(2, polls.size(), presses + " presses in " + tookMillis + " ms");
        long gap = polls.get(1).getLoggedDate().getTime() - polls.get(0).getLoggedDate().getTime();
        // A lower bound, which no load on the machine can break: the presses in between asked nobody.
        assertTrue(gap >= 5000, "the second poll came " + gap + " ms after the first");
        auth0.verify(1, postRequestedFor(urlEqualTo("/mfa/challenge")));
    }

    private List<LoggedRequest> pushPolls() {
        return auth0.findAll(postRequestedFor(urlEqualTo("/oauth/token")).withRequestBody(containing("mfa-oob")));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private void stubPushUser() {
        auth0.stubFor(post("/oauth/token").withRequestBody(containing("grant_type=refresh_token")).atPriority(1)
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                        .withBody(Auth0Stub.mfaRequired("MFATOK-CANARY-PUSH", "push-notification"))));
        auth0.stubFor(get("/mfa/authenticators").atPriority(1).willReturn(okJson("[{\"id\":\"" + PUSH_A + "\","
                + "\"authenticator_type\":\"oob\",\"oob_channel\":\"auth0\",\"active\":true,\"name\":\"Phone A\"},"
                + "{\"id\":\"" + PUSH_B + "\",\"authenticator_type\":\"oob\",\"oob_channel\":\"auth0\","
                + "\"active\":true,\"name\":\"Phone B\"}]")));
        auth0.stubFor(post("/mfa/challenge").willReturn(okJson(
                "{\"challenge_type\":\"oob\",\"oob_code\":\"OOB-CANARY-PUSH\"}")));
    }

    /** Chooses an authenticator on the start page of a flow and presses "continue". */
    private static HttpResponse<String> choose(Browser browser, String flow, String authenticatorId) {
        FacesForm start = browser.form("mfa/index.xhtml?flow=" + flow);
        return browser.submit(start, start.body("mfa:authenticator", authenticatorId, "mfa:continue", "x"));
    }

    private static void assertPushPage(HttpResponse<String> answer) {
        assertEquals(303, answer.statusCode(), answer.body());
        assertTrue(answer.headers().firstValue("Location").orElse("").contains("/mfa/push.xhtml?flow="),
                answer.headers().map().toString());
    }

    private static String authenticatorOf(String challengeBody) {
        Matcher id = Pattern.compile("\"authenticator_id\"\\s*:\\s*\"([^\"]*)\"").matcher(challengeBody);
        assertTrue(id.find(), challengeBody);
        return id.group(1);
    }

    // Helpers ------------------------------------------------------------------------------------------------------

    private Browser signedIn(String subject) {
        Browser browser = new Browser(base);
        assertEquals(200, browser.call("login", "sub", subject, "rt", "RT-CANARY-BRUTE").status());
        return browser;
    }

    private List<LoggedRequest> otpGrants() {
        List<LoggedRequest> grants = auth0.findAll(postRequestedFor(urlEqualTo("/oauth/token"))
                .withRequestBody(containing("mfa-otp")));
        grants.forEach(grant -> assertEquals(Auth0Stub.GRANT_MFA_OTP, Auth0Stub.form(grant).get("grant_type")));
        return grants;
    }

    /** Runs every call at once (they wait for one another at a gate) and counts their outcomes. */
    private static Map<String, Integer> allAtOnce(List<Supplier<String>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        CountDownLatch gate = new CountDownLatch(1);
        try {
            List<Future<String>> running = new ArrayList<>();
            for (Supplier<String> call : calls) {
                running.add(pool.submit(() -> {
                    gate.await();
                    return call.get();
                }));
            }
            gate.countDown();
            Map<String, Integer> outcomes = new TreeMap<>();
            for (Future<String> run : running) {
                outcomes.merge(run.get(2, TimeUnit.MINUTES), 1, Integer::sum);
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }
}
