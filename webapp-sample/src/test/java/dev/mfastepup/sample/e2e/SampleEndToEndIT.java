package dev.mfastepup.sample.e2e;

import static dev.mfastepup.sample.e2e.BrowserSteps.nextCode;
import static dev.mfastepup.sample.e2e.BrowserSteps.userWithAuthenticatorApp;
import static dev.mfastepup.sample.e2e.BrowserSteps.waitFor;
import static dev.mfastepup.sample.e2e.BrowserSteps.waitForReport;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mfastepup.testing.Chromium;
import dev.mfastepup.testing.QrCodeReader;
import dev.mfastepup.testing.Totp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The sample as a newcomer uses it, end to end in headless Chromium: Jakarta Security's OpenID Connect login at
 * the emulator, the Reports page that needs MFA, the bundled pages, and back. The emulator checks real TOTP codes;
 * SMS codes come from its inbox and push approvals from its device page. Screenshots of every step go to
 * {@code target/screenshots/}.
 */
class SampleEndToEndIT {

    private final SampleServer server = SampleServer.get();

    @BeforeEach
    void resetTheTenant() {
        server.hook("POST", "reset", null);
    }

    @Test
    void otpEnrollmentThenAChallengeAfterSigningInAgain() throws Exception {
        try (Chromium chromium = new Chromium("en")) {
            WebDriver browser = chromium.driver();
            signIn(browser, "alice", "reports", chromium, "otp-01");
            waitFor(browser, By.xpath("//input[@value='Authenticator app']"));
            chromium.screenshot("otp-02-choose-a-factor");
            browser.findElement(By.xpath("//input[@value='Authenticator app']")).click();

            waitFor(browser, By.id("qr"));
            chromium.screenshot("otp-03-scan-the-qr-code");
            String secret = QrCodeReader.secretOf(QrCodeReader.decode(browser.findElement(By.id("qr")).getAttribute("src")));
            String code = Totp.code(secret, Instant.now());
            browser.findElement(By.id("mfa:code")).sendKeys(code);
            browser.findElement(By.id("mfa:verify")).click();

            saveRecoveryCode(browser, chromium, "otp-04-save-the-recovery-code");
            waitForReport(browser);
            chromium.screenshot("otp-05-the-report");

            browser.get(server.base() + "claims");
            waitFor(browser, By.tagName("h1"));
            chromium.screenshot("otp-06-token-claims");
            assertTrue(browser.getPageSource().contains("https://reports.example.com"), "the token's audience");

            signOut(browser);
            signIn(browser, "alice", "reports", chromium, "otp-07");
            waitFor(browser, By.id("mfa:continue"));
            browser.findElement(By.id("mfa:continue")).click();
            waitFor(browser, By.id("mfa:code"));
            browser.findElement(By.id("mfa:code")).sendKeys(nextCode(secret, code));
            chromium.screenshot("otp-08-challenge");
            browser.findElement(By.id("mfa:verify")).click();
            waitForReport(browser);
        }
    }

    @Test
    void smsEnrollmentWithTheCodeFromTheInbox() {
        try (Chromium chromium = new Chromium("en")) {
            WebDriver browser = chromium.driver();
            signIn(browser, "bob", "reports", chromium, "sms-01");
            waitFor(browser, By.xpath("//input[@value='Text message']"));
            browser.findElement(By.xpath("//input[@value='Text message']")).click();
            waitFor(browser, By.id("mfa:contact"));
            browser.findElement(By.id("mfa:contact")).sendKeys("+49 151 2345 6789");
            browser.findElement(By.id("mfa:send")).click();

            waitFor(browser, By.id("mfa:code"));
            chromium.screenshot("sms-02-enter-the-code");
            browser.findElement(By.id("mfa:code")).sendKeys(latestCode("bob"));
            browser.findElement(By.id("mfa:verify")).click();
            saveRecoveryCode(browser, chromium, "sms-03-save-the-recovery-code");
            waitForReport(browser);
            chromium.screenshot("sms-04-the-report");
        }
    }

    @Test
    void pushApprovedOnTheDevicePageThenDeniedThere() {
        try (Chromium chromium = new Chromium("en")) {
            WebDriver browser = chromium.driver();
            signIn(browser, "alice", "reports", chromium, "push-01");
            waitFor(browser, By.xpath("//input[@value='Push notification']"));
            browser.findElement(By.xpath("//input[@value='Push notification']")).click();
            waitFor(browser, By.id("qr"));
            chromium.screenshot("push-02-scan-with-guardian");

            answerPushOnTheDevicePage("approve", "push-03-device-page");
            saveRecoveryCode(browser, chromium, "push-04-save-the-recovery-code");
            waitForReport(browser);

            signOut(browser);
            signIn(browser, "alice", "reports", chromium, "push-05");
            waitFor(browser, By.id("mfa:continue"));
            browser.findElement(By.id("mfa:continue")).click();
            waitFor(browser, By.id("mfa:check"));
            answerPushOnTheDevicePage("deny", "push-06-device-page-deny");
            new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.urlContains("reason=denied"));
            chromium.screenshot("push-07-denied");
        }
    }

    @Test
    void recoveryCodeUsedThenTheNewOneShownOnce() throws Exception {
        try (Chromium chromium = new Chromium("en")) {
            WebDriver browser = chromium.driver();
            signIn(browser, "bob", "reports", chromium, "recovery-01");
            enrollAuthenticatorApp(browser);
            String firstCode = saveRecoveryCode(browser, chromium, "recovery-02-first-code");
            waitForReport(browser);

            signOut(browser);
            signIn(browser, "bob", "reports", chromium, "recovery-03");
            waitFor(browser, By.id("mfa:recovery"));
            browser.findElement(By.id("mfa:recovery")).click();
            waitFor(browser, By.id("mfa:code"));
            browser.findElement(By.id("mfa:code")).sendKeys(firstCode);
            browser.findElement(By.id("mfa:verify")).click();
            String secondCode = saveRecoveryCode(browser, chromium, "recovery-04-new-code");
            assertFalse(firstCode.equals(secondCode), "the used recovery code is replaced");
            waitForReport(browser);
        }
    }

    @Test
    void chainedMfaWhenTheApiDemandsTwoFactors() throws Exception {
        server.hook("POST", "policy", "{\"audience\":\"https://reports.example.com\",\"factors\":2}");
        try (Chromium chromium = new Chromium("en")) {
            WebDriver browser = chromium.driver();
            signIn(browser, "alice", "reports", chromium, "chained-01");
            enrollAuthenticatorApp(browser);

            // the first factor is accepted, the API wants a second one of another kind (e-mail is not offered:
            // Auth0 lets requirements name it for a challenge only)
            waitFor(browser, By.xpath("//input[@value='Text message']"));
            chromium.screenshot("chained-02-second-factor");
            assertFalse(browser.getPageSource().contains("value=\"Authenticator app\""));
            assertFalse(browser.getPageSource().contains("value=\"Email\""));
            browser.findElement(By.xpath("//input[@value='Text message']")).click();
            waitFor(browser, By.id("mfa:contact"));
            browser.findElement(By.id("mfa:contact")).sendKeys("+49 151 2345 6789");
            browser.findElement(By.id("mfa:send")).click();
            waitFor(browser, By.id("mfa:code"));
            browser.findElement(By.id("mfa:code")).sendKeys(latestCode("alice"));
            browser.findElement(By.id("mfa:verify")).click();

            saveRecoveryCode(browser, chromium, "chained-03-save-the-recovery-code");
            waitForReport(browser);
            chromium.screenshot("chained-04-the-report");
        }
    }

    @Test
    void withoutMfaRequirementsAUserEnrollsAndLaterStepsUpAsWithThem() throws Exception {
        // Auth0 sends mfa_requirements only with Customizable MFA.
        server.hook("POST", "tenant", "{\"mfaRequirements\":false}");
        try (Chromium chromium = new Chromium("en")) {
            WebDriver browser = chromium.driver();
            signIn(browser, "alice", "reports", chromium, "no-requirements-01");
            String secret = enrollAuthenticatorApp(browser);
            saveRecoveryCode(browser, chromium, "no-requirements-02-save-the-recovery-code");
            waitForReport(browser);

            signOut(browser);
            signIn(browser, "alice", "reports", chromium, "no-requirements-03");
            waitFor(browser, By.id("mfa:continue"));
            chromium.screenshot("no-requirements-04-choose");
            browser.findElement(By.id("mfa:continue")).click();
            waitFor(browser, By.id("mfa:code"));
            browser.findElement(By.id("mfa:code")).sendKeys(nextCode(secret, Totp.code(secret, Instant.now())));
            browser.findElement(By.id("mfa:verify")).click();
            waitForReport(browser);
        }
    }

    @Test
    void aUserWhoseVerifiedAddressAuth0ListsIsChallengedByEmailAndOfferedNothingToEnroll() {
        // A tenant with e-mail as a factor lists every verified address; Auth0 then lets no mfa_token enroll.
        server.hook("POST", "tenant", "{\"verifiedEmailsListed\":true}");
        try (Chromium chromium = new Chromium("en")) {
            WebDriver browser = chromium.driver();
            signIn(browser, "bob", "reports", chromium, "listed-email-01");
            waitFor(browser, By.id("mfa:continue"));
            chromium.screenshot("listed-email-02-choose");
            assertTrue(browser.getPageSource().contains("bob@example.com"), "the listed address");
            assertFalse(browser.getPageSource().contains("value=\"Authenticator app\""), "nothing to enroll");
            browser.findElement(By.id("mfa:continue")).click();
            waitFor(browser, By.id("mfa:code"));
            browser.findElement(By.id("mfa:code")).sendKeys(latestCode("bob"));
            browser.findElement(By.id("mfa:verify")).click();
            waitForReport(browser);
        }
    }

    @Test
    void f18ExpiredContextWhenAuth0SaysSoThenTheExpiredPageLeadsBackToStartAgain() {
        try (Chromium chromium = new Chromium("en")) {
            WebDriver browser = chromium.driver();
            signIn(browser, "bob", "reports", chromium, "expired-01");
            waitFor(browser, By.xpath("//input[@value='Authenticator app']"));
            server.hook("POST", "expire-mfa-tokens", null);
            browser.findElement(By.xpath("//input[@value='Authenticator app']")).click();

            new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.urlContains("reason="));
            chromium.screenshot("expired-02-start-again");
            // The post reads the authenticators again first (GET /mfa/authenticators): 401 expired_token.
            assertTrue(browser.getCurrentUrl().contains("reason=expired"), browser.getCurrentUrl());
            browser.findElement(By.id("again")).click();
            // starting again asks Auth0 afresh: a new step-up, on the page that asked for it
            waitFor(browser, By.xpath("//input[@value='Authenticator app']"));
            String startPage = "jsp".equals(SampleServer.pages()) ? "/mfa/start?flow=" : "/mfa/index.xhtml?flow=";
            assertTrue(browser.getCurrentUrl().contains(startPage), browser.getCurrentUrl());
        }
    }

    @Test
    void twoTabsNeedingTheSameTokenShareOneStepUpAndEachComesBackToItsOwnPage() throws Exception {
        String secret = "KRUGS4ZANFZSAYJAONSWG4TFOQQGC4DQ";
        String user = userWithAuthenticatorApp(server, "tabs", secret);
        try (Chromium chromium = new Chromium("en")) {
            WebDriver browser = chromium.driver();
            signIn(browser, user, "home", chromium, "tabs-01");
            waitFor(browser, By.tagName("h1"));
            browser.get(server.base() + "reports?tab=a");
            waitFor(browser, By.id("mfa:continue"));
            String tabA = browser.getWindowHandle();

            browser.switchTo().newWindow(WindowType.TAB);
            browser.get(server.base() + "reports?tab=b");
            waitFor(browser, By.id("mfa:continue"));
            chromium.screenshot("tabs-02-second-tab-joins");
            browser.findElement(By.id("mfa:continue")).click();
            waitFor(browser, By.id("mfa:code"));
            browser.findElement(By.id("mfa:code")).sendKeys(Totp.code(secret, Instant.now()));
            browser.findElement(By.id("mfa:verify")).click();
            waitForReport(browser);
            assertTrue(browser.getCurrentUrl().endsWith("/reports?tab=b"), browser.getCurrentUrl());

            // The first tab still shows the MFA page of the flow the second one completed: it goes on to its page.
            browser.switchTo().window(tabA);
            browser.findElement(By.id("mfa:continue")).click();
            waitForReport(browser);
            chromium.screenshot("tabs-03-first-tab-back-on-its-page");
            assertTrue(browser.getCurrentUrl().endsWith("/reports?tab=a"), browser.getCurrentUrl());
        }
    }

    @Test
    void wrongCodesEndTheFlowAfterFiveAndLockTheUserAfterTen() throws Exception {
        // A user of this test alone: the lock lives in the sample's server for minutes and would stop the other
        // tests' users.
        String secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
        String user = userWithAuthenticatorApp(server, "lockout", secret);
        try (Chromium chromium = new Chromium("en")) {
            WebDriver browser = chromium.driver();
            signIn(browser, user, "reports", chromium, "lockout-01");
            String wrong = null;
            for (int flow = 1; flow <= 2; flow++) {
                waitFor(browser, By.id("mfa:continue"));
                browser.findElement(By.id("mfa:continue")).click();
                waitFor(browser, By.id("mfa:code"));
                wrong = Totp.code(secret, Instant.now()).equals("000000") ? "111111" : "000000";
                for (int attempt = 1; attempt <= 5; attempt++) {
                    submitCode(browser, wrong);
                    waitFor(browser, By.className("mfa-error"));
                }
                chromium.screenshot("lockout-0" + (flow + 1) + "-five-wrong-codes-in-flow-" + flow);
                if (flow == 1) {
                    // the sixth code of a flow ends it without asking Auth0: start again
                    browser.findElement(By.id("mfa:code")).clear();
                    browser.findElement(By.id("mfa:code")).sendKeys(wrong);
                    browser.findElement(By.id("mfa:verify")).click();
                    new WebDriverWait(browser, Duration.ofSeconds(15))
                            .until(ExpectedConditions.urlContains("reason=expired"));
                    String again = browser.findElement(By.id("again")).getAttribute("href");
                    assertTrue(again.endsWith("/reports"), "start again leads back to the page: " + again);
                    browser.findElement(By.id("again")).click();
                }
            }
            // ten wrong codes in a row for this user: the next one is refused here, even in a new flow
            browser.findElement(By.id("mfa:code")).clear();
            browser.findElement(By.id("mfa:code")).sendKeys(wrong);
            browser.findElement(By.id("mfa:verify")).click();
            new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.urlContains("reason=locked"));
            chromium.screenshot("lockout-04-locked");
        }
    }

    private static void submitCode(WebDriver browser, String code) {
        WebElement input = browser.findElement(By.id("mfa:code"));
        input.clear();
        input.sendKeys(code);
        browser.findElement(By.id("mfa:verify")).click();
        waitUntilGone(browser, input);
    }

    /**
     * Waits until an element's page has been replaced. ChromeDriver reports an element of a page being replaced
     * either as stale or, while the new page loads, as "Node with given id does not belong to the document";
     * Selenium's {@code stalenessOf} knows only the first.
     */
    private static void waitUntilGone(WebDriver browser, WebElement element) {
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(driver -> {
            try {
                element.isEnabled();
                return false;
            } catch (StaleElementReferenceException stale) {
                return true;
            } catch (WebDriverException detached) {
                if (String.valueOf(detached.getMessage()).contains("does not belong to the document")) {
                    return true;
                }
                throw detached;
            }
        });
    }

    @Test
    void auth0DownWhenATokenIsNeededThenThePageSaysSoAndTryingAgainGoesOn() {
        try (Chromium chromium = new Chromium("en")) {
            WebDriver browser = chromium.driver();
            signIn(browser, "alice", "home", chromium, "auth0-down-01");
            waitFor(browser, By.tagName("h1"));
            server.hook("POST", "faults", "{\"path\":\"/oauth/token\",\"kind\":\"status500\",\"times\":1}");

            browser.get(server.base() + "reports");
            new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.textToBePresentInElementLocated(
                    By.className("error"), "could not be asked for a token just now"));
            chromium.screenshot("auth0-down-02-try-again");
            assertFalse(browser.getPageSource().contains("Exception"), "no stack trace on the page");

            browser.findElement(By.linkText("try again")).click();
            waitFor(browser, By.xpath("//input[@value='Authenticator app']"));
        }
    }

    @Test
    void fetchButtonGetsJsonNotARedirect() {
        try (Chromium chromium = new Chromium("en")) {
            WebDriver browser = chromium.driver();
            signIn(browser, "alice", "home", chromium, "fetch-01");
            waitFor(browser, By.id("fetch-report"));
            browser.findElement(By.id("fetch-report")).click();
            new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.textMatches(
                    By.id("fetch-result"), Pattern.compile(".*mfa_required.*", Pattern.DOTALL)));
            chromium.screenshot("fetch-02-json-answer");
            assertTrue(browser.findElement(By.id("fetch-result")).getText().contains("mfa_url"));
        }
    }

    @Test
    void sec09TheSessionLivesInAnHttpOnlyCookieAndASessionIdInTheUrlSignsNobodyIn() throws Exception {
        try (Chromium chromium = new Chromium("en")) {
            WebDriver browser = chromium.driver();
            signIn(browser, "alice", "home", chromium, "cookie-01");
            waitFor(browser, By.tagName("h1"));
            Cookie session = browser.manage().getCookieNamed("JSESSIONID");
            assertTrue(session != null && session.isHttpOnly(), "an HttpOnly session cookie: " + session);
            assertFalse(browser.getPageSource().contains("jsessionid"), "no session id in the page's links");

            // The same session id in the URL, without the cookie. Payara honours it even under the sample's
            // <tracking-mode>COOKIE</tracking-mode>; the module's filter refuses the request instead.
            HttpResponse<String> byUrl = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                    .send(HttpRequest.newBuilder(URI.create(server.base() + "home;jsessionid=" + session.getValue()))
                            .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(400, byUrl.statusCode(), byUrl.body());
            assertTrue(byUrl.body().contains("session id"), byUrl.body());
            assertFalse(byUrl.body().contains("Alice"), "the signed-in page is not served");
        }
    }

    // Helpers ----------------------------------------------------------------------------------------------------

    private void signIn(WebDriver browser, String user, String page, Chromium chromium, String shot) {
        browser.get(server.base() + page);
        waitFor(browser, By.id("username"));
        chromium.screenshot(shot + "-emulator-login");
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(user + "-password");
        browser.findElement(By.id("login")).click();
    }

    /** Sets up the authenticator app as a phone would: scans the QR code and types the first code. */
    private static String enrollAuthenticatorApp(WebDriver browser) {
        waitFor(browser, By.xpath("//input[@value='Authenticator app']"));
        browser.findElement(By.xpath("//input[@value='Authenticator app']")).click();
        waitFor(browser, By.id("qr"));
        String secret = QrCodeReader.secretOf(QrCodeReader.decode(browser.findElement(By.id("qr")).getAttribute("src")));
        browser.findElement(By.id("mfa:code")).sendKeys(Totp.code(secret, Instant.now()));
        browser.findElement(By.id("mfa:verify")).click();
        return secret;
    }

    private void signOut(WebDriver browser) {
        browser.get(server.base() + "home");
        waitFor(browser, By.xpath("//form[contains(@action,'/logout')]//button"));
        browser.findElement(By.xpath("//form[contains(@action,'/logout')]//button")).click();
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.urlContains("signed-out"));
    }

    private static String saveRecoveryCode(WebDriver browser, Chromium chromium, String shot) {
        waitFor(browser, By.id("recovery-code"));
        chromium.screenshot(shot);
        String code = browser.findElement(By.id("recovery-code")).getText().replace(" ", "");
        browser.findElement(By.id("saved")).click();
        browser.findElement(By.id("mfa:continue")).click();
        return code;
    }

    /** The phone: a second browser on the emulator's device page, which plays the Guardian app. */
    private void answerPushOnTheDevicePage(String answer, String shot) {
        try (Chromium phone = new Chromium("en")) {
            WebDriver device = phone.driver();
            device.get(server.emulator() + "device");
            waitFor(device, By.className(answer));
            phone.screenshot(shot);
            WebElement button = device.findElement(By.className(answer));
            button.click();
            // the answer is a form post: let it arrive before the phone is put away
            waitUntilGone(device, button);
        }
    }

    private String latestCode(String user) {
        Matcher code = Pattern.compile("\"code\":\"([0-9]{6})\"").matcher(server.hook("GET", "inbox/" + user, null));
        assertTrue(code.find(), "a code in " + user + "'s inbox");
        return code.group(1);
    }
}
