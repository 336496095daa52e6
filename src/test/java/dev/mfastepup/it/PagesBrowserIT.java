package dev.mfastepup.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mfastepup.filter.PageSet;
import dev.mfastepup.testing.Chromium;
import dev.mfastepup.testing.Totp;
import java.time.Duration;
import java.time.Instant;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The flows of {@link PagesBrowserFlows} on the Faces pages, and a Faces ajax action that needs a step-up. */
class PagesBrowserIT extends PagesBrowserFlows {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ItDeployments.pagesWar("pages-browser-it.war", ItDeployments.config(Auth0Stub.baseUrl()));
    }

    @Override
    PageSet pages() {
        return PageSet.FACES;
    }

    @Test
    void facesAjaxActionWhenItNeedsStepUpThenTheBrowserIsSentToTheMfaPagesAndBack() {
        // the filter's partial-response redirect, through Faces' own ajax script in a real browser
        stubRefreshAsksFor("MFATOK-BROWSER-9", "{\"challenge\":[{\"type\":\"otp\"}]}");
        stubOneAppEnrolled();

        try (Chromium chromium = new Chromium("en")) {
            WebDriver browser = chromium.driver();
            signIn(browser, "auth0|ivy");
            browser.get(base + "orders.xhtml");
            waitFor(browser, By.id("orders:load"));
            browser.findElement(By.id("orders:load")).click();

            waitFor(browser, By.id("mfa:continue"));
            screenshot(chromium, "ajax-01-sent-to-mfa");
            browser.findElement(By.id("mfa:continue")).click();
            waitFor(browser, By.id("mfa:code"));
            stubOtpGrantAccepts(SECRET, "AT-BROWSER-AJAX");
            browser.findElement(By.id("mfa:code")).sendKeys(Totp.code(SECRET, Instant.now()));
            browser.findElement(By.id("mfa:verify")).click();

            // The ajax action was a post: it is not replayed, the user repeats it on the page it came from.
            waitFor(browser, By.id("back"));
            browser.findElement(By.id("back")).click();
            waitFor(browser, By.id("orders:load"));
            assertTrue(browser.getCurrentUrl().endsWith("/orders.xhtml"), browser.getCurrentUrl());
            browser.findElement(By.id("orders:load")).click();
            new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.textToBe(By.id("orders:result"),
                    "Orders loaded with AT-BROWSER-AJAX"));
        }
    }
}
