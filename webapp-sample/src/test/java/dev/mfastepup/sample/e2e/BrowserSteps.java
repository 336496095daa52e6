package dev.mfastepup.sample.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mfastepup.testing.Totp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** What the sample's end-to-end tests do alike: wait for pages, make users at the emulator, and compute codes. */
final class BrowserSteps {

    private BrowserSteps() {
    }

    /** Waits for an element; fails with the page's URL and source when it does not come. */
    static void waitFor(WebDriver browser, By element) {
        try {
            new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(element));
        } catch (TimeoutException timeout) {
            throw new AssertionError("No " + element + " on " + browser.getCurrentUrl() + ":\n" + browser.getPageSource(),
                    timeout);
        }
    }

    /** Waits for the sample's report, the page behind the step-up. */
    static void waitForReport(WebDriver browser) {
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("td.number")));
        assertTrue(browser.getCurrentUrl().contains("/reports"), browser.getCurrentUrl());
    }

    /** A new user of the emulator, with an authenticator app of this secret; the password is name-password. */
    static String userWithAuthenticatorApp(SampleServer server, String prefix, String secret) {
        String user = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        server.hook("POST", "users", "[{\"username\":\"" + user + "\",\"password\":\"" + user
                + "-password\",\"otp_secret\":\"" + secret + "\"}]");
        return user;
    }

    /** A TOTP code is accepted once: wait for the next 30 s step when the current one was just used. */
    static String nextCode(String secret, String used) throws InterruptedException {
        for (int i = 0; i < 35; i++) {
            String code = Totp.code(secret, Instant.now());
            if (!code.equals(used)) {
                return code;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("no new TOTP step within 35 s");
    }
}
