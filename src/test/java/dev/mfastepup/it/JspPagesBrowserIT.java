package dev.mfastepup.it;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mfastepup.filter.PageSet;
import dev.mfastepup.testing.Chromium;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * The flows of {@link PagesBrowserFlows} on the JSP pages ({@code mfa-stepup.pages=jsp}), in an application whose
 * {@code web.xml} declares no Faces servlet; screenshots are named {@code jsp-*}. And the page a form without its
 * token gets, which only the JSP pages have.
 */
class JspPagesBrowserIT extends PagesBrowserFlows {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ItDeployments.jspPagesWar("jsp-pages-browser-it.war", ItDeployments.config(Auth0Stub.baseUrl()));
    }

    @Override
    PageSet pages() {
        return PageSet.JSP;
    }

    @Test
    void sec14FormSentWithoutItsTokenThenTheFormExpiredPageAndNothingSent() {
        stubRefreshAsksFor("MFATOK-BROWSER-18", "{\"challenge\":[{\"type\":\"otp\"}]}");
        stubOneAppEnrolled();

        try (Chromium chromium = new Chromium("fr")) {
            WebDriver browser = chromium.driver();
            openCodePage(browser, "auth0|quinn", "reports?id=18");
            // What an old page, or one another site built, would send: the form without this session's token.
            ((JavascriptExecutor) browser).executeScript("document.querySelector('input[name=csrf]').remove()");
            browser.findElement(By.id("mfa:code")).sendKeys("123456");
            browser.findElement(By.id("mfa:verify")).click();

            waitFor(browser, By.id("explanation"));
            screenshot(chromium, "form-expired");
            assertEquals("Ce formulaire a expiré", browser.findElement(By.id("mfa-heading")).getText());
            assertTrue(browser.findElement(By.id("explanation")).getText().contains("rien n'a été fait"),
                    browser.findElement(By.id("explanation")).getText());
        }
        auth0.verify(0, postRequestedFor(urlEqualTo("/oauth/token")).withRequestBody(containing("mfa-otp")));
    }
}
