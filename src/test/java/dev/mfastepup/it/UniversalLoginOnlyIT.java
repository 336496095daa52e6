package dev.mfastepup.it;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code mfa-stepup.universal-login.only}: for an application that Auth0 does not allow the MFA grant, a page that
 * Auth0 asked a second factor for goes straight to Universal Login, and the MFA pages are never shown, not even to
 * a user an API caller's client sends there.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class UniversalLoginOnlyIT {

    private static final Pattern FLOW = Pattern.compile("mfa/index\\.xhtml\\?flow=([A-Za-z0-9_-]+)");

    @ArquillianResource
    URL base;

    private final WireMockServer auth0 = Auth0Stub.server();

    @Deployment(testable = false)
    static WebArchive deployment() {
        Properties config = ItDeployments.config(Auth0Stub.baseUrl());
        config.setProperty("mfa-stepup.universal-login.enabled", "true");
        config.setProperty("mfa-stepup.universal-login.only", "true");
        return ItDeployments.pagesWar("universal-login-only-it.war", config);
    }

    @BeforeEach
    void aUserWhoMustStepUp() {
        auth0.resetAll();
        Auth0Stub.stubAppUserWhoMustStepUp(auth0, "MFATOK-ULONLY-1");
    }

    @Test
    void aPageGoesStraightToUniversalLoginForTheTokenItNeeds() {
        Browser user = signedIn();

        HttpResponse<String> page = user.exchange("reports", HttpRequest.newBuilder().header("Accept", "text/html")
                .GET());

        assertEquals(303, page.statusCode(), page.body());
        URI authorize = URI.create(page.headers().firstValue("Location").orElseThrow());
        assertEquals(URI.create(Auth0Stub.baseUrl() + "authorize").getPath(), authorize.getPath());
        assertTrue(authorize.getRawQuery().contains("audience=" + ReportsServlet.AUDIENCE.replace(":", "%3A")
                .replace("/", "%2F")), authorize.toString());
        assertEquals(0, auth0.findAll(getRequestedFor(urlEqualTo("/mfa/authenticators"))).size(),
                "the MFA API is never asked");
    }

    @Test
    void theStartPageSendsAUserThereToo() {
        Browser user = signedIn();
        HttpResponse<String> api = user.exchange("reports", HttpRequest.newBuilder()
                .header("Accept", "application/json").GET());
        assertEquals(401, api.statusCode(), api.body());
        Matcher flow = FLOW.matcher(api.body());
        assertTrue(flow.find(), api.body());

        HttpResponse<String> start = user.exchange("mfa/index.xhtml?flow=" + flow.group(1),
                HttpRequest.newBuilder().GET());

        assertEquals(base.getPath() + "mfa/universal-login/start?flow=" + flow.group(1),
                start.headers().firstValue("Location").orElseThrow(() -> new AssertionError(start.statusCode()
                        + " " + start.body())));
    }

    private Browser signedIn() {
        Browser browser = new Browser(base);
        assertEquals(200, browser.call("login", "sub", "auth0|ul-only", "rt", "RT-ULONLY").status());
        return browser;
    }
}
