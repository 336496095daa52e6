package dev.mfastepup.sample.e2e;

import static dev.mfastepup.sample.e2e.BrowserSteps.nextCode;
import static dev.mfastepup.sample.e2e.BrowserSteps.userWithAuthenticatorApp;
import static dev.mfastepup.sample.e2e.BrowserSteps.waitFor;
import static dev.mfastepup.sample.e2e.BrowserSteps.waitForReport;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mfastepup.testing.Chromium;
import dev.mfastepup.testing.Totp;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The step-up through Universal Login, end to end in headless Chromium against the emulator's login pages: a user
 * whose only factor is a security key, a forged ID token, a downstream API's RFC 9470 challenge, and a page that
 * wants a recent second factor. Screenshots go to {@code target/screenshots/} ({@code ul-*}).
 */
class UniversalLoginEndToEndIT {

    private static final String SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    private final SampleServer server = SampleServer.get();

    @BeforeEach
    void resetTheTenant() {
        server.hook("POST", "reset", null);
    }

    @Test
    void aUserWhoseOnlyFactorIsASecurityKeyStepsUpAtUniversalLoginAndLandsBackOnThePage() {
        try (Chromium chromium = new Chromium("en")) {
            WebDriver browser = chromium.driver();
            signIn(browser, "keyonly@example.com", "keyonly-password", "reports");
            waitFor(browser, By.id("mfa:universalLogin"));
            chromium.screenshot("ul-01-only-a-security-key");
            assertTrue(browser.findElements(By.xpath("//input[@value='Authenticator app']")).isEmpty(),
                    "no weaker factor is offered to enroll");

            browser.findElement(By.id("mfa:universalLogin")).click();
            waitFor(browser, By.id("use-security-key"));
            chromium.screenshot("ul-02-universal-login-asks-for-the-key");
            browser.findElement(By.id("use-security-key")).click();

            waitForReport(browser);
            chromium.screenshot("ul-03-back-on-the-report");
        }
    }

    @Test
    void sec40AnIdTokenWithoutMfaInAmrIsRefusedAndTheUserCanTryAgain() {
        try (Chromium chromium = new Chromium("en")) {
            WebDriver browser = chromium.driver();
            signIn(browser, "keyonly@example.com", "keyonly-password", "reports");
            waitFor(browser, By.id("mfa:universalLogin"));
            browser.findElement(By.id("mfa:universalLogin")).click();
            waitFor(browser, By.id("use-security-key"));
            server.hook("POST", "next-id-token", "{\"omitAmrAcr\":true}");
            browser.findElement(By.id("use-security-key")).click();

            new WebDriverWait(browser, Duration.ofSeconds(20))
                    .until(ExpectedConditions.urlContains("reason=not-proven"));
            chromium.screenshot("ul-04-not-proven");
            assertTrue(browser.getPageSource().contains("Your second factor was not confirmed"),
                    browser.getPageSource());
            assertTrue(browser.findElements(By.cssSelector("td.number")).isEmpty(), "no report without the factor");

            // Trying again: the emulator's login session remembers the key from a moment ago and answers at once;
            // this time the ID token says so.
            browser.findElement(By.id("again")).click();
            waitFor(browser, By.id("mfa:universalLogin"));
            browser.findElement(By.id("mfa:universalLogin")).click();
            waitForReport(browser);
        }
    }

    @Test
    void rfc9470ADownstreamChallengeLeadsToAStepUpAndTheCallSucceedsAfterIt() throws Exception {
        String user = userWithAuthenticatorApp(server, "approver", SECRET);
        try (Chromium chromium = new Chromium("en")) {
            WebDriver browser = chromium.driver();
            signIn(browser, user, user + "-password", "approvals");
            // First the reports audience's own step-up, through the MFA API.
            waitFor(browser, By.id("mfa:continue"));
            browser.findElement(By.id("mfa:continue")).click();
            waitFor(browser, By.id("mfa:code"));
            String used = Totp.code(SECRET, Instant.now());
            browser.findElement(By.id("mfa:code")).sendKeys(used);
            browser.findElement(By.id("mfa:verify")).click();

            // Then the approvals API's RFC 9470 challenge: Universal Login, with its acr_values and max_age.
            waitFor(browser, By.id("otp-code"));
            chromium.screenshot("ul-05-downstream-challenge-at-universal-login");
            browser.findElement(By.id("otp-code")).sendKeys(nextCode(SECRET, used));
            browser.findElement(By.id("verify-otp")).click();

            waitFor(browser, By.id("approved"));
            chromium.screenshot("ul-06-approved");
            assertTrue(browser.getCurrentUrl().endsWith("/approvals"), browser.getCurrentUrl());
        }
    }

    @Test
    void aFreshnessProtectedPageAsksAgainAfterItsWindowAndNotBefore() throws Exception {
        String user = userWithAuthenticatorApp(server, "fresh", SECRET);
        try (Chromium chromium = new Chromium("en")) {
            WebDriver browser = chromium.driver();
            signIn(browser, user, user + "-password", "account/security");
            waitFor(browser, By.id("otp-code"));
            String used = Totp.code(SECRET, Instant.now());
            browser.findElement(By.id("otp-code")).sendKeys(used);
            browser.findElement(By.id("verify-otp")).click();
            waitFor(browser, By.id("security-settings"));
            Instant steppedUp = Instant.now();
            chromium.screenshot("ul-07-fresh-enough");

            browser.navigate().refresh();
            waitFor(browser, By.id("security-settings"));
            assertTrue(Duration.between(steppedUp, Instant.now()).toSeconds() < 30,
                    "the second look came within the window");
            assertTrue(browser.getCurrentUrl().endsWith("/account/security"), "not asked again within the window");

            Thread.sleep(Duration.ofSeconds(31).minus(Duration.between(steppedUp, Instant.now())).toMillis());
            browser.navigate().refresh();
            // The window is over: Universal Login asks again, first for the password (max_age=30 is older than
            // the login), then for the second factor.
            waitFor(browser, By.id("password"));
            chromium.screenshot("ul-08-asked-again-after-the-window");
            browser.findElement(By.id("password")).sendKeys(user + "-password");
            browser.findElement(By.id("login")).click();
            waitFor(browser, By.id("otp-code"));
            browser.findElement(By.id("otp-code")).sendKeys(nextCode(SECRET, used));
            browser.findElement(By.id("verify-otp")).click();
            waitFor(browser, By.id("security-settings"));
            assertEquals(1, browser.findElements(By.id("security-settings")).size());
            assertFalse(browser.getCurrentUrl().contains("emulator"), browser.getCurrentUrl());
        }
    }

    // Helpers ----------------------------------------------------------------------------------------------------

    private void signIn(WebDriver browser, String user, String password, String page) {
        browser.get(server.base() + page);
        waitFor(browser, By.id("username"));
        browser.findElement(By.id("username")).clear();
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("login")).click();
    }
}
