package dev.mfastepup.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
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
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import dev.mfastepup.filter.PageSet;
import dev.mfastepup.testing.Chromium;
import dev.mfastepup.testing.QrCodeReader;
import dev.mfastepup.testing.Totp;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The bundled pages in a real browser (Debian's headless Chromium): a legacy page asks for a token, the filter
 * sends the user to the MFA pages, and the user comes back to the page with the token. Every page state is saved
 * under {@code target/screenshots/}. The flows are the same for both sets of pages: {@link PagesBrowserIT} runs them
 * on the Faces pages, {@link JspPagesBrowserIT} on the JSP pages; the pages of both give their elements the same ids.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
abstract class PagesBrowserFlows {

    static final String SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    @ArquillianResource
    URL base;

    final WireMockServer auth0 = Auth0Stub.server();

    /** The set of pages under test. */
    abstract PageSet pages();

    /** A page's address below the application, such as {@code mfa/code.xhtml} or {@code mfa/code}. */
    String page(String name) {
        return pages().page(name).substring(1);
    }

    /** Saves a screenshot, named after the set for the JSP pages. */
    void screenshot(Chromium chromium, String name) {
        chromium.screenshot(pages() == PageSet.FACES ? name : "jsp-" + name);
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
    void sec20OtpEnrollmentWhenQrScannedThenCodeFromItBringsTheUserBackAndNothingLeftTheOrigin() throws Exception {
        stubRefreshAsksFor("MFATOK-BROWSER-1", "{\"enroll\":[{\"type\":\"otp\"}]}");
        auth0.stubFor(get("/mfa/authenticators").willReturn(okJson("[]")));
        auth0.stubFor(post("/mfa/associate").willReturn(okJson("{\"authenticator_type\":\"otp\",\"secret\":\"" + SECRET
                + "\",\"barcode_uri\":\"otpauth://totp/Example:alice%40example.com?secret=" + SECRET
                + "&issuer=Example&algorithm=SHA1&digits=6&period=30\",\"recovery_codes\":[\"N3BGPZZWJ85JLCNPZBDW6QXC\"]}")));

        try (Chromium chromium = new Chromium("en")) {
            WebDriver browser = chromium.driver();
            signIn(browser, "auth0|alice");
            browser.get(base + "reports?id=7");

            waitFor(browser, By.cssSelector("input[id$=':enroll']"));
            assertTrue(browser.getCurrentUrl().contains("/" + page("index") + "?flow="), browser.getCurrentUrl());
            assertFalse(browser.getPageSource().contains("MFATOK"));
            screenshot(chromium, "otp-01-choose-factor");

            browser.findElement(By.xpath("//input[@value='Authenticator app']")).click();
            waitFor(browser, By.id("qr"));
            screenshot(chromium, "otp-02-qr-code");
            String uri = QrCodeReader.decode(browser.findElement(By.id("qr")).getAttribute("src"));
            assertTrue(uri.startsWith("otpauth://totp/"), uri);
            String scanned = QrCodeReader.secretOf(uri);
            assertEquals(SECRET, scanned);
            assertEquals(SECRET, browser.findElement(By.id("secret")).getAttribute("textContent").replace(" ", ""));

            stubOtpGrantAccepts(scanned, "AT-BROWSER-OTP");
            browser.findElement(By.id("mfa:code")).sendKeys(Totp.code(scanned, Instant.now()));
            screenshot(chromium, "otp-03-code-typed");
            browser.findElement(By.id("mfa:verify")).click();

            // a first enrollment's recovery code is shown once the app is confirmed, before going on
            waitFor(browser, By.id("recovery-code"));
            screenshot(chromium, "otp-04-save-the-recovery-code");
            assertEquals("Save your recovery code", browser.findElement(By.id("mfa-heading")).getText());
            assertEquals("N3BG PZZW J85J LCNP ZBDW 6QXC", browser.findElement(By.id("recovery-code")).getText());
            browser.findElement(By.id("saved")).click();
            browser.findElement(By.id("mfa:continue")).click();

            waitFor(browser, By.id("report"));
            screenshot(chromium, "otp-05-back-on-the-page");
            assertTrue(browser.getCurrentUrl().endsWith("/reports?id=7"), browser.getCurrentUrl());
            assertEquals("AT-BROWSER-OTP", browser.findElement(By.id("token")).getText());
            // SEC-20: the QR code and everything else came from the application; no QR code service was asked.
            String origin = base.getProtocol() + "://" + base.getAuthority() + "/";
            // (chrome:// URLs are the browser's own new tab page, served from inside it.)
            List<String> requested = chromium.requestedUrls().stream()
                    .filter(url -> url.matches("(?i)(https?|wss?|ftp)://.*")).toList();
            assertTrue(requested.size() >= 8, "the network log holds the run: " + requested);
            assertEquals(List.of(), requested.stream().filter(url -> !url.startsWith(origin)).toList());
        }
        auth0.verify(postRequestedFor(urlEqualTo("/mfa/associate")).withHeader("Authorization",
                equalTo("Bearer MFATOK-BROWSER-1")));
    }

    @Test
    void sec23OtpWhenWrongCodeThenStaysWithMessageAndAcceptsTheRightOne() throws Exception {
        stubRefreshAsksFor("MFATOK-BROWSER-2", "{\"challenge\":[{\"type\":\"otp\"}]}");
        stubOneAppEnrolled();
        auth0.stubFor(post("/oauth/token").withRequestBody(containing("mfa-otp")).atPriority(2)
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"invalid_grant\",\"error_description\":\"Invalid otp_code.\"}")));

        try (Chromium chromium = new Chromium("en")) {
            WebDriver browser = chromium.driver();
            signIn(browser, "auth0|bob");
            browser.get(base + "reports?id=9");
            waitFor(browser, By.id("mfa:continue"));
            screenshot(chromium, "otp-challenge-01-choose");
            browser.findElement(By.id("mfa:continue")).click();

            waitFor(browser, By.id("mfa:code"));
            browser.findElement(By.id("mfa:code")).sendKeys("000000");
            browser.findElement(By.id("mfa:verify")).click();
            waitFor(browser, By.className("mfa-error"));
            screenshot(chromium, "otp-challenge-02-wrong-code");
            assertTrue(browser.findElement(By.className("mfa-error")).getText().contains("not right"));

            stubOtpGrantAccepts(SECRET, "AT-BROWSER-BOB");
            browser.findElement(By.id("mfa:code")).clear();
            browser.findElement(By.id("mfa:code")).sendKeys(Totp.code(SECRET, Instant.now()));
            browser.findElement(By.id("mfa:verify")).click();
            waitFor(browser, By.id("report"));
            assertEquals("AT-BROWSER-BOB", browser.findElement(By.id("token")).getText());
        }
    }

    @Test
    void pushWhenApprovedOnThePhoneThenThePagePollsAndReturnsWithoutAClick() {
        stubRefreshAsksFor("MFATOK-BROWSER-3", "{\"challenge\":[{\"type\":\"push-notification\"}]}");
        auth0.stubFor(get("/mfa/authenticators").willReturn(okJson("[{\"id\":\"push|dev_9\","
                + "\"authenticator_type\":\"oob\",\"oob_channel\":\"auth0\",\"active\":true,\"name\":\"Pixel 9\"}]")));
        auth0.stubFor(post("/mfa/challenge").willReturn(okJson("{\"challenge_type\":\"oob\",\"oob_code\":\"OOB-PUSH-1\"}")));
        auth0.stubFor(post("/oauth/token").withRequestBody(containing("mfa-oob")).atPriority(1).inScenario("push")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("approved")
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json").withBody(
                        "{\"error\":\"authorization_pending\",\"error_description\":\"Authorization pending\"}")));
        auth0.stubFor(post("/oauth/token").withRequestBody(containing("mfa-oob")).atPriority(1).inScenario("push")
                .whenScenarioStateIs("approved").willReturn(okJson(Auth0Stub.tokens("AT-BROWSER-PUSH"))));

        try (Chromium chromium = new Chromium("en")) {
            WebDriver browser = chromium.driver();
            signIn(browser, "auth0|carol");
            browser.get(base + "reports?id=11");
            waitFor(browser, By.id("mfa:continue"));
            browser.findElement(By.id("mfa:continue")).click();

            waitFor(browser, By.id("mfa:check"));
            screenshot(chromium, "push-01-waiting");
            assertTrue(browser.getCurrentUrl().contains("/" + page("push")), browser.getCurrentUrl());

            new WebDriverWait(browser, Duration.ofSeconds(25)).until(ExpectedConditions.presenceOfElementLocated(By.id("report")));
            screenshot(chromium, "push-02-approved-back-on-the-page");
            assertEquals("AT-BROWSER-PUSH", browser.findElement(By.id("token")).getText());
        }
        auth0.verify(2, postRequestedFor(urlEqualTo("/oauth/token")).withRequestBody(containing("oob_code=OOB-PUSH-1")));
    }

    @Test
    void sec27RecoveryCodeWhenUsedThenTheNewOneIsShownOnceBeforeGoingOn() {
        stubRefreshAsksFor("MFATOK-BROWSER-4", "{\"challenge\":[{\"type\":\"otp\"},{\"type\":\"recovery-code\"}]}");
        auth0.stubFor(get("/mfa/authenticators").willReturn(okJson("[{\"id\":\"totp|dev_1\",\"authenticator_type\":"
                + "\"otp\",\"active\":true},{\"id\":\"recovery-code|dev_2\",\"authenticator_type\":\"recovery-code\","
                + "\"active\":true}]")));
        auth0.stubFor(post("/oauth/token").withRequestBody(containing("recovery_code=N3BGPZZWJ85JLCNPZBDW6QXC"))
                .atPriority(1).willReturn(okJson("{\"access_token\":\"AT-BROWSER-RC\",\"token_type\":\"Bearer\","
                        + "\"expires_in\":3600,\"recovery_code\":\"K6LGLV3RSH3VERMKET8L7QKU\"}")));

        try (Chromium chromium = new Chromium("de")) {
            WebDriver browser = chromium.driver();
            signIn(browser, "auth0|dave");
            browser.get(base + "reports?id=12");
            waitFor(browser, By.id("mfa:recovery"));
            screenshot(chromium, "recovery-01-choose-german");
            assertEquals("de", browser.findElement(By.tagName("html")).getAttribute("lang"));
            browser.findElement(By.id("mfa:recovery")).click();

            waitFor(browser, By.id("mfa:code"));
            browser.findElement(By.id("mfa:code")).sendKeys("n3bg-pzzw-j85j-lcnp-zbdw-6qxc");
            screenshot(chromium, "recovery-02-enter-the-code");
            browser.findElement(By.id("mfa:verify")).click();

            waitFor(browser, By.id("recovery-code"));
            screenshot(chromium, "recovery-03-new-code-shown-once");
            assertEquals("K6LG LV3R SH3V ERMK ET8L 7QKU", browser.findElement(By.id("recovery-code")).getText());
            browser.findElement(By.id("mfa:continue")).click();
            assertTrue(browser.getCurrentUrl().contains("/mfa/"), "the box must be ticked first");
            browser.findElement(By.id("saved")).click();
            browser.findElement(By.id("mfa:continue")).click();

            waitFor(browser, By.id("report"));
            assertEquals("AT-BROWSER-RC", browser.findElement(By.id("token")).getText());
            browser.navigate().back();
            assertFalse(browser.getPageSource().contains("K6LG"), "the code must not come back from the cache");
            browser.get(base + page("recovery-code"));
            assertFalse(browser.getPageSource().contains("K6LG"), "nor when the page is asked for again");
        }
    }

    @Test
    void sec15FormPostWhenItNeedsStepUpThenNotReplayedAndTheUserIsAskedToRepeatIt() {
        // SEC-15: a post is never replayed; the user lands on the page they came from and repeats the action
        auth0.stubFor(post("/oauth/token").withRequestBody(containing("grant_type=refresh_token"))
                .withRequestBody(containing("read%3Areports")).atPriority(3)
                .willReturn(okJson(Auth0Stub.tokens("AT-BROWSER-READ"))));
        stubRefreshAsksFor("MFATOK-BROWSER-5", "{\"challenge\":[{\"type\":\"otp\"}]}");
        stubOneAppEnrolled();

        try (Chromium chromium = new Chromium("en")) {
            WebDriver browser = chromium.driver();
            signIn(browser, "auth0|erin");
            browser.get(base + "reports?id=21");
            waitFor(browser, By.id("export"));
            browser.findElement(By.id("export")).click();

            waitFor(browser, By.id("mfa:continue"));
            browser.findElement(By.id("mfa:continue")).click();
            waitFor(browser, By.id("mfa:code"));
            stubOtpGrantAccepts(SECRET, "AT-BROWSER-EXPORT");
            browser.findElement(By.id("mfa:code")).sendKeys(Totp.code(SECRET, Instant.now()));
            browser.findElement(By.id("mfa:verify")).click();

            waitFor(browser, By.id("back"));
            screenshot(chromium, "post-01-repeat-your-action");
            assertTrue(browser.getCurrentUrl().contains("/" + page("done")), browser.getCurrentUrl());
            browser.findElement(By.id("back")).click();
            waitFor(browser, By.id("export"));
            assertTrue(browser.getCurrentUrl().endsWith("/reports?id=21"), browser.getCurrentUrl());
            browser.findElement(By.id("export")).click();
            waitFor(browser, By.id("exported"));
            assertEquals("Exported with AT-BROWSER-EXPORT", browser.findElement(By.id("exported")).getText());
        }
    }

    @Test
    void f16VerifyWhenAuth0LocksTheUserThenLockedPageWithTheWait() {
        stubRefreshAsksFor("MFATOK-BROWSER-6", "{\"challenge\":[{\"type\":\"otp\"}]}");
        stubOneAppEnrolled();
        auth0.stubFor(post("/oauth/token").withRequestBody(containing("mfa-otp")).atPriority(1)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "360")
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"too_many_attempts\",\"error_description\":\"Rate limit exceeded\"}")));

        try (Chromium chromium = new Chromium("en")) {
            WebDriver browser = chromium.driver();
            openCodePage(browser, "auth0|frank", "reports?id=31");
            browser.findElement(By.id("mfa:code")).sendKeys("123456");
            browser.findElement(By.id("mfa:verify")).click();

            waitFor(browser, By.id("explanation"));
            screenshot(chromium, "lockout-01-locked");
            assertTrue(browser.getCurrentUrl().contains("reason=locked"), browser.getCurrentUrl());
            assertTrue(browser.findElement(By.id("explanation")).getText().contains("6 minutes"),
                    browser.findElement(By.id("explanation")).getText());
        }
    }

    @Test
    void verifyWhenAuth0AnswersWithAGatewayPageThenTheUserCanTryAgain() {
        stubRefreshAsksFor("MFATOK-BROWSER-7", "{\"challenge\":[{\"type\":\"otp\"}]}");
        stubOneAppEnrolled();
        auth0.stubFor(post("/oauth/token").withRequestBody(containing("mfa-otp")).atPriority(2)
                .willReturn(aResponse().withStatus(502).withHeader("Content-Type", "text/html")
                        .withBody("<html><body><h1>502 Bad Gateway</h1></body></html>")));

        try (Chromium chromium = new Chromium("es")) {
            WebDriver browser = chromium.driver();
            openCodePage(browser, "auth0|gina", "reports?id=41");
            browser.findElement(By.id("mfa:code")).sendKeys("123456");
            browser.findElement(By.id("mfa:verify")).click();

            waitFor(browser, By.className("mfa-error"));
            screenshot(chromium, "unavailable-01-spanish-message");
            assertFalse(browser.getPageSource().contains("Bad Gateway"));
            assertTrue(browser.getCurrentUrl().contains("/mfa/"), browser.getCurrentUrl());

            stubOtpGrantAccepts(SECRET, "AT-BROWSER-RETRY");
            browser.findElement(By.id("mfa:code")).clear();
            browser.findElement(By.id("mfa:code")).sendKeys(Totp.code(SECRET, Instant.now()));
            browser.findElement(By.id("mfa:verify")).click();
            waitFor(browser, By.id("report"));
            assertEquals("AT-BROWSER-RETRY", browser.findElement(By.id("token")).getText());
        }
    }

    @Test
    void sec40StepUpWhenAuth0AsksAgainRightAfterThenLoopPageNotAnotherRedirect() {
        // SEC-40: a token that expires within the refresh margin makes every request ask Auth0 again
        stubRefreshAsksFor("MFATOK-BROWSER-8", "{\"challenge\":[{\"type\":\"otp\"}]}");
        stubOneAppEnrolled();
        auth0.stubFor(post("/oauth/token").withRequestBody(containing("mfa-otp")).atPriority(1)
                .willReturn(okJson("{\"access_token\":\"AT-SHORT\",\"token_type\":\"Bearer\",\"expires_in\":5}")));

        try (Chromium chromium = new Chromium("en")) {
            WebDriver browser = chromium.driver();
            openCodePage(browser, "auth0|hank", "reports?id=51");
            browser.findElement(By.id("mfa:code")).sendKeys("123456");
            browser.findElement(By.id("mfa:verify")).click();

            waitFor(browser, By.id("explanation"));
            screenshot(chromium, "loop-01-explained");
            assertTrue(browser.getCurrentUrl().contains("reason=loop"), browser.getCurrentUrl());
        }
    }

    @Test
    void smsEnrollmentWhenNumberMalformedThenExplainedAndNothingSentThenCodeBringsTheUserBack() {
        stubRefreshAsksFor("MFATOK-BROWSER-10", "{\"enroll\":[{\"type\":\"phone\"}]}");
        auth0.stubFor(get("/mfa/authenticators").willReturn(okJson("[]")));
        // The channel as Auth0's API reference types it, a string under the plural name: read on the server's JSON-B.
        auth0.stubFor(post("/mfa/associate").willReturn(okJson("{\"authenticator_type\":\"oob\",\"oob_channels\":"
                + "\"sms\",\"oob_code\":\"OOB-SMS-ENROLL\",\"binding_method\":\"prompt\"}")));
        auth0.stubFor(post("/oauth/token").withRequestBody(containing("oob_code=OOB-SMS-ENROLL"))
                .withRequestBody(containing("binding_code=246810")).atPriority(1)
                .willReturn(okJson(Auth0Stub.tokens("AT-BROWSER-SMS"))));

        try (Chromium chromium = new Chromium("en")) {
            WebDriver browser = chromium.driver();
            signIn(browser, "auth0|jane");
            browser.get(base + "reports?id=61");
            waitFor(browser, By.xpath("//input[@value='Text message']"));
            assertFalse(browser.getPageSource().contains("value=\"Authenticator app\""), "only allowed factors");
            browser.findElement(By.xpath("//input[@value='Text message']")).click();

            waitFor(browser, By.id("mfa:contact"));
            browser.findElement(By.id("mfa:contact")).sendKeys("0151 2345");
            browser.findElement(By.id("mfa:send")).click();
            waitFor(browser, By.className("mfa-error"));
            screenshot(chromium, "sms-01-number-refused");
            assertTrue(browser.findElement(By.className("mfa-error")).getText().contains("international format"));
            auth0.verify(0, postRequestedFor(urlEqualTo("/mfa/associate")));

            browser.findElement(By.id("mfa:contact")).clear();
            browser.findElement(By.id("mfa:contact")).sendKeys("+49 151 2345 6789");
            browser.findElement(By.id("mfa:send")).click();
            waitFor(browser, By.id("mfa:code"));
            screenshot(chromium, "sms-02-code");
            assertEquals("Check your phone", browser.findElement(By.id("mfa-heading")).getText());
            browser.findElement(By.id("mfa:code")).sendKeys("246 810");
            browser.findElement(By.id("mfa:verify")).click();

            waitFor(browser, By.id("report"));
            assertEquals("AT-BROWSER-SMS", browser.findElement(By.id("token")).getText());
        }
        auth0.verify(postRequestedFor(urlEqualTo("/mfa/associate")).withRequestBody(equalToJson("{\"authenticator_types\":[\"oob\"],\"oob_channels\":[\"sms\"],"
                        + "\"phone_number\":\"+4915123456789\"}")));
    }

    @Test
    void emailAndVoiceChallengesWhenCodeSentThenResendWaitsForItsCooldown() {
        stubRefreshAsksFor("MFATOK-BROWSER-11", "{\"challenge\":[{\"type\":\"email\"},{\"type\":\"phone\"}]}");
        // The channels in the two other shapes Auth0 may send (an array, a string under the plural name).
        auth0.stubFor(get("/mfa/authenticators").willReturn(okJson("[{\"id\":\"email|dev_e\",\"authenticator_type\":"
                + "\"oob\",\"oob_channels\":[\"email\"],\"active\":true,\"name\":\"k***@example.com\"},"
                + "{\"id\":\"voice|dev_v\",\"authenticator_type\":\"oob\",\"oob_channels\":\"voice\",\"active\":true,"
                + "\"name\":\"XXXXXXXX8730\"}]")));
        auth0.stubFor(post("/mfa/challenge").willReturn(okJson(
                "{\"challenge_type\":\"oob\",\"oob_code\":\"OOB-MAIL\",\"binding_method\":\"prompt\"}")));
        auth0.stubFor(post("/oauth/token").withRequestBody(containing("oob_code=OOB-MAIL"))
                .withRequestBody(containing("binding_code=135790")).atPriority(1)
                .willReturn(okJson(Auth0Stub.tokens("AT-BROWSER-MAIL"))));

        try (Chromium chromium = new Chromium("fr")) {
            WebDriver browser = chromium.driver();
            signIn(browser, "auth0|kim");
            browser.get(base + "reports?id=71");
            waitFor(browser, By.id("mfa:continue"));
            screenshot(chromium, "email-01-choose-french");
            assertTrue(browser.getPageSource().contains("k***@example.com"));
            browser.findElement(By.id("mfa:continue")).click();

            waitFor(browser, By.id("mfa:resend"));
            screenshot(chromium, "email-02-code-resend-waiting");
            assertFalse(browser.findElement(By.id("mfa:resend")).isEnabled(), "resend waits for its cooldown");
            browser.findElement(By.id("mfa:another")).click();

            waitFor(browser, By.id("mfa:continue"));
            browser.findElement(By.xpath("//label[contains(., 'XXXXXXXX8730')]")).click();
            browser.findElement(By.id("mfa:continue")).click();
            waitFor(browser, By.id("mfa:code"));
            auth0.verify(postRequestedFor(urlEqualTo("/mfa/challenge")).withRequestBody(containing("voice|dev_v")));

            browser.findElement(By.id("mfa:another")).click();
            waitFor(browser, By.id("mfa:continue"));
            browser.findElement(By.id("mfa:continue")).click();
            waitFor(browser, By.id("mfa:code"));
            browser.findElement(By.id("mfa:code")).sendKeys("135790");
            browser.findElement(By.id("mfa:verify")).click();
            waitFor(browser, By.id("report"));
            assertEquals("AT-BROWSER-MAIL", browser.findElement(By.id("token")).getText());
        }
    }

    @Test
    void pushEnrollmentWhenQrScannedThenTheQrStaysWhileThePagePollsAndTheUserComesBack() throws Exception {
        stubRefreshAsksFor("MFATOK-BROWSER-12", "{\"enroll\":[{\"type\":\"push-notification\"}]}");
        auth0.stubFor(get("/mfa/authenticators").willReturn(okJson("[]")));
        auth0.stubFor(post("/mfa/associate").willReturn(okJson("{\"authenticator_type\":\"oob\",\"oob_channel\":"
                + "\"auth0\",\"oob_code\":\"OOB-GUARDIAN\",\"barcode_uri\":\"otpauth://totp/Example:lee?enrollment_tx_id"
                + "=tx123&base_url=https%3A%2F%2Ftenant.example.com%2Fappliance-mfa\",\"recovery_codes\":"
                + "[\"ALKE6EJZ4853BJYLM2DM2WU7\"]}")));
        auth0.stubFor(post("/oauth/token").withRequestBody(containing("oob_code=OOB-GUARDIAN")).atPriority(1)
                .inScenario("guardian").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("scanned")
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json").withBody(
                        "{\"error\":\"authorization_pending\",\"error_description\":\"Authorization pending\"}")));
        auth0.stubFor(post("/oauth/token").withRequestBody(containing("oob_code=OOB-GUARDIAN")).atPriority(1)
                .inScenario("guardian").whenScenarioStateIs("scanned")
                .willReturn(okJson(Auth0Stub.tokens("AT-BROWSER-GUARDIAN"))));

        try (Chromium chromium = new Chromium("en")) {
            WebDriver browser = chromium.driver();
            signIn(browser, "auth0|lee");
            browser.get(base + "reports?id=81");
            waitFor(browser, By.xpath("//input[@value='Push notification']"));
            browser.findElement(By.xpath("//input[@value='Push notification']")).click();

            waitFor(browser, By.id("qr"));
            assertTrue(QrCodeReader.decode(browser.findElement(By.id("qr")).getAttribute("src")).contains("enrollment_tx_id=tx123"));
            screenshot(chromium, "guardian-01-scan");
            new WebDriverWait(browser, Duration.ofSeconds(12)).until(d -> auth0.findAll(postRequestedFor(
                    urlEqualTo("/oauth/token")).withRequestBody(containing("OOB-GUARDIAN"))).size() == 1);
            assertTrue(browser.findElement(By.id("qr")).isDisplayed(), "the QR code stays while the page polls");

            // approved: the recovery code of this first enrollment is shown once, then the user goes on
            new WebDriverWait(browser, Duration.ofSeconds(20)).until(
                    ExpectedConditions.presenceOfElementLocated(By.id("recovery-code")));
            screenshot(chromium, "guardian-02-save-the-recovery-code");
            assertEquals("ALKE 6EJZ 4853 BJYL M2DM 2WU7", browser.findElement(By.id("recovery-code")).getText());
            browser.findElement(By.id("saved")).click();
            browser.findElement(By.id("mfa:continue")).click();
            waitFor(browser, By.id("report"));
            assertEquals("AT-BROWSER-GUARDIAN", browser.findElement(By.id("token")).getText());
        }
    }

    @Test
    void chainedMfaWhenAuth0AsksForAnotherFactorThenTheSecondFactorPageFollows() {
        stubRefreshAsksFor("MFATOK-BROWSER-13", "{\"challenge\":[{\"type\":\"otp\"}]}");
        auth0.stubFor(get("/mfa/authenticators").willReturn(okJson("[{\"id\":\"totp|dev_1\",\"authenticator_type\":"
                + "\"otp\",\"active\":true},{\"id\":\"sms|dev_2\",\"authenticator_type\":\"oob\",\"oob_channel\":"
                + "\"sms\",\"active\":true,\"name\":\"XXXXXXXX1234\"}]")));
        auth0.stubFor(post("/oauth/token").withRequestBody(containing("mfa-otp")).atPriority(1)
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json").withBody(
                        "{\"error\":\"mfa_required\",\"error_description\":\"Additional factor required\","
                                + "\"mfa_token\":\"MFATOK-BROWSER-13B\",\"mfa_requirements\":{\"challenge\":"
                                + "[{\"type\":\"phone\"}]}}")));
        auth0.stubFor(post("/mfa/challenge").willReturn(okJson(
                "{\"challenge_type\":\"oob\",\"oob_code\":\"OOB-SECOND\",\"binding_method\":\"prompt\"}")));
        auth0.stubFor(post("/oauth/token").withRequestBody(containing("oob_code=OOB-SECOND")).atPriority(1)
                .withRequestBody(containing("mfa_token=MFATOK-BROWSER-13B")).willReturn(okJson(
                        Auth0Stub.tokens("AT-BROWSER-CHAINED"))));

        try (Chromium chromium = new Chromium("en")) {
            WebDriver browser = chromium.driver();
            signIn(browser, "auth0|max");
            browser.get(base + "reports?id=91");
            waitFor(browser, By.id("mfa:continue"));
            assertFalse(browser.getPageSource().contains("XXXXXXXX1234"), "SMS is not allowed for the first factor");
            browser.findElement(By.id("mfa:continue")).click();
            waitFor(browser, By.id("mfa:code"));
            browser.findElement(By.id("mfa:code")).sendKeys("123456");
            browser.findElement(By.id("mfa:verify")).click();

            waitFor(browser, By.xpath("//label[contains(., 'XXXXXXXX1234')]"));
            screenshot(chromium, "chained-01-second-factor");
            browser.findElement(By.id("mfa:continue")).click();
            waitFor(browser, By.id("mfa:code"));
            browser.findElement(By.id("mfa:code")).sendKeys("112233");
            browser.findElement(By.id("mfa:verify")).click();

            waitFor(browser, By.id("report"));
            assertTrue(browser.getCurrentUrl().endsWith("/reports?id=91"), browser.getCurrentUrl());
            assertEquals("AT-BROWSER-CHAINED", browser.findElement(By.id("token")).getText());
        }
    }

    @Test
    void sec06CancelWhenPressedThenTheFlowEndsAndTheConfiguredPageShows() {
        stubRefreshAsksFor("MFATOK-BROWSER-14", "{\"challenge\":[{\"type\":\"otp\"}]}");
        stubOneAppEnrolled();

        try (Chromium chromium = new Chromium("en")) {
            WebDriver browser = chromium.driver();
            signIn(browser, "auth0|nina");
            browser.get(base + "reports?id=101");
            waitFor(browser, By.id("mfa:cancel"));
            String mfaPage = browser.getCurrentUrl();
            browser.findElement(By.id("mfa:cancel")).click();

            waitFor(browser, By.id("cancelled"));
            browser.get(mfaPage);
            waitFor(browser, By.id("explanation"));
            assertTrue(browser.getCurrentUrl().contains("reason=expired"), browser.getCurrentUrl());
        }
    }

    @Test
    void sec23PushWhenDeniedOnThePhoneThenDeniedPageOffersAnotherMethod() {
        stubRefreshAsksFor("MFATOK-BROWSER-15", "{\"challenge\":[{\"type\":\"push-notification\"},{\"type\":\"otp\"}]}");
        auth0.stubFor(get("/mfa/authenticators").willReturn(okJson("[{\"id\":\"push|dev_9\",\"authenticator_type\":"
                + "\"oob\",\"oob_channel\":\"auth0\",\"active\":true,\"name\":\"Pixel 9\"},{\"id\":\"totp|dev_1\","
                + "\"authenticator_type\":\"otp\",\"active\":true}]")));
        auth0.stubFor(post("/mfa/challenge").willReturn(okJson("{\"challenge_type\":\"oob\",\"oob_code\":\"OOB-DENY\"}")));
        auth0.stubFor(post("/oauth/token").withRequestBody(containing("oob_code=OOB-DENY")).atPriority(1)
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json").withBody(
                        "{\"error\":\"invalid_grant\",\"error_description\":\"MFA Authorization rejected.\"}")));

        try (Chromium chromium = new Chromium("en")) {
            WebDriver browser = chromium.driver();
            signIn(browser, "auth0|olga");
            browser.get(base + "reports?id=111");
            waitFor(browser, By.id("mfa:continue"));
            browser.findElement(By.id("mfa:continue")).click();
            waitFor(browser, By.id("mfa:check"));
            browser.findElement(By.id("mfa:check")).click();

            waitFor(browser, By.id("explanation"));
            screenshot(chromium, "push-denied-01");
            assertTrue(browser.getCurrentUrl().contains("reason=denied"), browser.getCurrentUrl());
            browser.findElement(By.id("another")).click();
            waitFor(browser, By.id("mfa:continue"));
            assertTrue(browser.getCurrentUrl().contains("/" + page("index") + "?flow="), browser.getCurrentUrl());
        }
    }

    @Test
    void startWhenNoFactorCanBeUsedOrSetUpThenExplainedWithTheUniversalLoginFallback() {
        stubRefreshAsksFor("MFATOK-BROWSER-16", "{\"enroll\":[{\"type\":\"webauthn-roaming\"}]}");
        auth0.stubFor(get("/mfa/authenticators").willReturn(okJson(
                "[{\"id\":\"webauthn|dev_k\",\"authenticator_type\":\"webauthn-roaming\",\"active\":true}]")));

        try (Chromium chromium = new Chromium("en")) {
            WebDriver browser = chromium.driver();
            signIn(browser, "auth0|paul");
            browser.get(base + "reports?id=121");
            waitFor(browser, By.className("mfa-lead"));
            screenshot(chromium, "no-factor-01-fallback");
            assertTrue(browser.getPageSource().contains("None of your methods can be used here"));
            String fallback = browser.findElement(By.linkText("Verify on the login page instead")).getAttribute("href");
            assertTrue(fallback.startsWith("https://tenant.example.com/authorize"), fallback);
            assertTrue(browser.getPageSource().contains("security keys"), "the unsupported method is explained");
        }
    }

    // Helpers ----------------------------------------------------------------------------------------------------

    void stubOneAppEnrolled() {
        auth0.stubFor(get("/mfa/authenticators").willReturn(okJson(
                "[{\"id\":\"totp|dev_1\",\"authenticator_type\":\"otp\",\"active\":true}]")));
    }

    /** Signs in, opens a page that needs a step-up, keeps the preselected method and reaches the code page. */
    void openCodePage(WebDriver browser, String subject, String page) {
        signIn(browser, subject);
        browser.get(base + page);
        waitFor(browser, By.id("mfa:continue"));
        browser.findElement(By.id("mfa:continue")).click();
        waitFor(browser, By.id("mfa:code"));
    }

    @Test
    void sec14FormPostedByAnotherSiteThenRefusedEvenWithTheRightViewStateOrTokenAndNothingSent() {
        stubRefreshAsksFor("MFATOK-BROWSER-17", "{\"challenge\":[{\"type\":\"otp\"}]}");
        stubOneAppEnrolled();
        auth0.stubFor(post("/oauth/token").withRequestBody(containing("mfa-otp")).atPriority(2)
                .willReturn(okJson(Auth0Stub.tokens("AT-BROWSER-CSRF"))));

        try (Chromium chromium = new Chromium("en")) {
            WebDriver browser = chromium.driver();
            signIn(browser, "auth0|carol");
            browser.get(base + "reports?id=17");
            waitFor(browser, By.id("mfa:continue"));
            browser.findElement(By.id("mfa:continue")).click();
            waitFor(browser, By.id("mfa:code"));
            // The worst case: the attacker's page knows the flow id and even the view state or the form's token.
            StringBuilder fields = new StringBuilder(hidden("mfa", "mfa") + hidden("mfa:code", "123456")
                    + hidden("mfa:verify", "Verify"));
            for (WebElement field : browser.findElements(By.cssSelector("form#mfa input[type=hidden]"))) {
                fields.append(hidden(field.getAttribute("name"), field.getAttribute("value")));
            }
            assertTrue(fields.indexOf("name=\"flow\"") > 0, fields.toString());
            auth0.stubFor(get("/evil.html").willReturn(aResponse().withHeader("Content-Type", "text/html").withBody(
                    "<!DOCTYPE html><html><body><form id=\"f\" method=\"post\" action=\"" + base + page("code") + "\">"
                            + fields + "</form><script>document.getElementById('f').submit()</script></body></html>")));

            // Another site: the stub answers on 127.0.0.1, the application on localhost.
            browser.get(Auth0Stub.baseUrl() + "evil.html");
            new WebDriverWait(browser, Duration.ofSeconds(15))
                    .until(d -> d.getCurrentUrl().startsWith(base.toString()));
            screenshot(chromium, "csrf-01-refused");

            assertTrue(browser.getPageSource().contains("These pages accept forms from their own pages only."),
                    browser.getPageSource());
        }
        auth0.verify(0, postRequestedFor(urlEqualTo("/oauth/token")).withRequestBody(containing("mfa-otp")));
    }

    static String hidden(String name, String value) {
        return "<input type=\"hidden\" name=\"" + name + "\" value=\"" + value.replace("\"", "&quot;") + "\">";
    }

    void signIn(WebDriver browser, String subject) {
        browser.get(base + "login?sub=" + subject.replace("|", "%7C") + "&rt=RT-" + subject.hashCode());
    }

    void stubRefreshAsksFor(String mfaToken, String requirements) {
        auth0.stubFor(post("/oauth/token").withRequestBody(containing("grant_type=refresh_token")).atPriority(5)
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json").withBody(
                        "{\"error\":\"mfa_required\",\"error_description\":\"Multifactor authentication required\","
                                + "\"mfa_token\":\"" + mfaToken + "\",\"mfa_requirements\":" + requirements + "}")));
    }

    /** Accepts the codes of the previous, current and next 30 s step, as Auth0 does. */
    void stubOtpGrantAccepts(String secret, String accessToken) {
        Instant now = Instant.now();
        String codes = Totp.code(secret, now.minusSeconds(30)) + "|" + Totp.code(secret, now) + "|"
                + Totp.code(secret, now.plusSeconds(30));
        auth0.stubFor(post("/oauth/token").withRequestBody(containing("mfa-otp")).atPriority(1)
                .withRequestBody(matching(".*otp=(" + codes + ")(&.*)?$"))
                .willReturn(okJson(Auth0Stub.tokens(accessToken))));
    }

    static void waitFor(WebDriver browser, By element) {
        try {
            new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.presenceOfElementLocated(element));
        } catch (org.openqa.selenium.TimeoutException timeout) {
            throw new AssertionError("No " + element + " on " + browser.getCurrentUrl() + ":\n" + browser.getPageSource(),
                    timeout);
        }
    }
}
