package dev.mfastepup.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
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
 * Auth0 hangs (F2) while a user types a code on the code page, and what that costs the user's attempts (F6). The
 * application's calls to Auth0 have a deadline of {@value #DEADLINE_MS} ms and one call in flight at a time
 * ({@code mfa-stepup.max-concurrent-calls=1}): a hung call keeps its slot until its deadline, when the module drops
 * its connection, so a call made meanwhile finds the bulkhead full and is never sent. Auth0's token endpoint holds
 * each code until the test lets it go ({@link HeldAnswers}): whether a page answered while Auth0 still held the
 * code does not depend on the machine's load. The deadline is long, so that a code that waits a second for the slot
 * is refused long before the deadline of the call that holds it frees it.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AuthZeroHangsPagesIT {

    private static final int DEADLINE_MS = 8000;
    private static final String PAGE = "reports?id=2";
    private static final String UNCONFIRMED = "We could not confirm your code";
    private static final String UNREACHABLE = "We could not reach the verification service";

    @ArquillianResource
    URL base;

    private final WireMockServer auth0 = Auth0Stub.server();
    private final HeldAnswers held = Auth0Stub.heldAnswers();
    private Browser browser;
    private static boolean warm;

    @Deployment(testable = false)
    static WebArchive deployment() {
        Properties config = ItDeployments.config(Auth0Stub.baseUrl());
        config.setProperty("mfa-stepup.call-deadline-ms", Integer.toString(DEADLINE_MS));
        // Longer than the stub ever holds a request: only the deadline can end a held call before Auth0 answers.
        config.setProperty("mfa-stepup.read-timeout-ms", "60000");
        config.setProperty("mfa-stepup.max-concurrent-calls", "1");
        return ItDeployments.pagesWar("auth0-hangs-pages-it.war", config);
    }

    @BeforeEach
    void signIn() {
        auth0.resetAll();
        Auth0Stub.stubAppUserWhoMustStepUp(auth0, "MFATOK-CANARY-HUNG");
        browser = new Browser(base);
        assertEquals(200, browser.call("login", "sub", "auth0|hung", "rt", "RT-CANARY-HUNG").status());
        warmUp();
    }

    /** Once per deployment, before any test: this class's deadline is short. */
    private void warmUp() {
        if (!warm) {
            Browser.warmUpUntilTheStubAsksForAStepUp(new Browser(base));
            warm = true;
        }
    }

    @AfterEach
    void letGo() {
        held.releaseAll();
    }

    @AfterAll
    static void stopAuth0() {
        Auth0Stub.stop();
    }

    @Test
    void f2CodePageWhenAuth0HangsThen504WhileAuth0StillHoldsTheCodeAndTheSameFlowCompletesAfterwards()
            throws InterruptedException {
        FacesForm code = browser.codePage(browser.startFlow(PAGE), "totp|dev_1");
        holdCodes();
        int arrivedBefore = held.arrived();
        int answeredBefore = held.answered();

        long started = System.nanoTime();
        HttpResponse<String> hung = browser.submit(code, code.body("mfa:code", "246810", "mfa:verify", "x"));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        int answeredWhenThePageAnswered = held.answered();

        assertEquals(504, hung.statusCode(), hung.body());
        assertEquals(answeredBefore, answeredWhenThePageAnswered, "the page answered before Auth0 did");
        assertTrue(held.awaitArrived(arrivedBefore + 1, Duration.ofSeconds(30)), "the code reached Auth0");
        assertTrue(took.toMillis() >= DEADLINE_MS, "answered after the deadline, not before: " + took);
        // The code was sent and its answer never came: Auth0 may have used it up (F6), so a new one is asked for.
        assertTrue(hung.body().contains(UNCONFIRMED), hung.body());
        assertTrue(hung.body().contains("id=\"mfa:code\""), "the form stays, for a try again");
        assertFalse(hung.body().contains("246810"), "the code that may be used up is not offered again");

        held.releaseAll();
        auth0.stubFor(post("/oauth/token").withRequestBody(containing("mfa-otp")).atPriority(1)
                .willReturn(okJson(Auth0Stub.tokens("AT-CANARY-AFTER-HANG"))));
        HttpResponse<String> again = submitWhenNotBusy(FacesForm.of(hung.body()), "135791");

        assertEquals(303, again.statusCode(), again.body());
        assertTrue(again.headers().firstValue("Location").orElseThrow().endsWith("/" + PAGE));
        assertEquals(2, otpGrants(), "the hung code and the new one, nothing sent twice");
    }

    @Test
    void f2AndF6ACodeWhoseAnswerTimedOutCountsOnceAndACodeNeverSentForAFullBulkheadDoesNotCount()
            throws Exception {
        FacesForm code = browser.codePage(browser.startFlow(PAGE), "totp|dev_1");
        Browser other = new Browser(base);
        assertEquals(200, other.call("login", "sub", "auth0|hung-other", "rt", "RT-CANARY-HUNG-2").status());
        FacesForm othersCode = other.codePage(other.startFlow(PAGE), "totp|dev_1");
        holdCodes();
        int arrivedBefore = held.arrived();
        int answeredBefore = held.answered();
        HttpResponse<String> timedOut = browser.submit(code, code.body("mfa:code", "111111", "mfa:verify", "x"));
        assertTrue(held.awaitArrived(arrivedBefore + 1, Duration.ofSeconds(30)), "the first code reached Auth0");

        // Another user's code, held by Auth0, takes the one slot until its deadline: this user's next code waits a
        // second for it, then is refused unsent.
        CompletableFuture<HttpResponse<String>> othersAnswer = CompletableFuture.supplyAsync(
                () -> other.submit(othersCode, othersCode.body("mfa:code", "999999", "mfa:verify", "x")));
        assertTrue(held.awaitArrived(arrivedBefore + 2, Duration.ofSeconds(30)), "the other user's code reached Auth0");
        FacesForm form = FacesForm.of(timedOut.body());
        HttpResponse<String> notSent = browser.submit(form, form.body("mfa:code", "222222", "mfa:verify", "x"));
        int arrivedThen = held.arrived();
        int answeredThen = held.answered();
        held.releaseAll();
        othersAnswer.get(60, TimeUnit.SECONDS);

        assertEquals(504, timedOut.statusCode(), timedOut.body());
        assertTrue(timedOut.body().contains(UNCONFIRMED), timedOut.body());
        assertEquals(503, notSent.statusCode(), notSent.body());
        assertTrue(notSent.body().contains(UNREACHABLE), notSent.body());
        assertTrue(notSent.body().contains("id=\"mfa:code\""), "the form stays, for a try again");
        assertEquals(answeredBefore, answeredThen, "the other user's code was still held: its call kept the slot");
        assertEquals(arrivedBefore + 2, arrivedThen, "the second code never reached Auth0");

        // Wrong codes until the flow ends. Five attempts per flow: the timed-out code used one, the unsent none.
        auth0.stubFor(post("/oauth/token").withRequestBody(containing("mfa-otp")).atPriority(1).willReturn(aResponse()
                .withStatus(403).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_grant\",\"error_description\":\"Invalid otp_code.\"}")));
        List<Integer> statuses = new ArrayList<>();
        HttpResponse<String> answer = notSent;
        for (int i = 0; i < 10 && (statuses.isEmpty() || statuses.get(statuses.size() - 1) == 200); i++) {
            FacesForm again = FacesForm.of(answer.body());
            answer = submitWhenNotBusy(again, "33333" + i);
            statuses.add(answer.statusCode());
        }

        assertEquals(List.of(200, 200, 200, 200, 303), statuses, "four wrong codes, then the flow is over");
        assertTrue(answer.headers().firstValue("Location").orElseThrow().contains("/mfa/error.xhtml?reason=expired"));
        assertEquals(6, otpGrants(),
                "the timed-out code, four wrong ones and the other user's code reached Auth0; the unsent one did not");
    }

    /** Holds every OTP grant at Auth0 until {@link HeldAnswers#releaseAll()}; then they are answered as wrong. */
    private void holdCodes() {
        auth0.stubFor(post("/oauth/token").withRequestBody(containing("mfa-otp")).atPriority(2).willReturn(aResponse()
                .withStatus(403).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_grant\",\"error_description\":\"Invalid otp_code.\"}")
                .withTransformers(HeldAnswers.NAME)));
    }

    /**
     * Posts a code; while the page says that the call was not made because the one slot is still taken (until the
     * hung call's deadline), posts it again. Such a refusal sends nothing and
     * counts nothing, so the retries change no count this class checks.
     */
    private HttpResponse<String> submitWhenNotBusy(FacesForm form, String typed) {
        HttpResponse<String> answer = browser.submit(form, form.body("mfa:code", typed, "mfa:verify", "x"));
        for (int i = 0; i < 10 && answer.statusCode() == 503 && answer.body().contains(UNREACHABLE); i++) {
            form = FacesForm.of(answer.body());
            answer = browser.submit(form, form.body("mfa:code", typed, "mfa:verify", "x"));
        }
        return answer;
    }

    private int otpGrants() {
        return auth0.findAll(postRequestedFor(urlEqualTo("/oauth/token")).withRequestBody(containing("mfa-otp")))
                .size();
    }
}
