package dev.mfastepup.it;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.mfastepup.filter.RedirectVectors;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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
 * SEC-16 through whole flows: each of the {@link RedirectVectors} (80 open-redirect forms) as the original request
 * that needs the step-up, as a return parameter on the MFA pages, and with a forged {@code Host} header; each
 * flow is completed, and every {@code Location} on the way must stay in the application.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OpenRedirectIT {

    private static final Pattern FLOW_IN_URL = Pattern.compile("/mfa/index\\.xhtml\\?flow=([A-Za-z0-9_-]{22})");
    private static final String EVIL_HOST = "evil.test";

    @ArquillianResource
    URL base;

    private final WireMockServer auth0 = Auth0Stub.server();
    private int completed;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ItDeployments.pagesWar("open-redirect-it.war", ItDeployments.config(Auth0Stub.baseUrl()));
    }

    @BeforeEach
    void stubAuth0() {
        auth0.resetAll();
        Auth0Stub.stubAppUserWhoMustStepUp(auth0, "MFATOK-REDIRECT");
        auth0.stubFor(post("/oauth/token").withRequestBody(containing("mfa-otp"))
                .willReturn(okJson(Auth0Stub.tokens("AT-REDIRECT"))));
    }

    @AfterAll
    static void stopAuth0() {
        Auth0Stub.stop();
    }

    @Test
    void sec16EveryVectorAsTheOriginalRequestThenEveryLocationStaysInTheApplication() {
        List<String> vectors = RedirectVectors.values();
        for (String vector : vectors) {
            for (String target : List.of("reports" + vector, "reports?next=" + rawTarget(vector))) {
                Browser user = signedIn();
                RawHttp.Answer trigger = RawHttp.send(base, "GET " + base.getPath() + rawTarget(target)
                        + " HTTP/1.1\r\nHost: " + hostAndPort() + "\r\nAccept: text/html\r\nCookie: JSESSIONID="
                        + user.sessionId().orElseThrow(), null);
                assertSafe(trigger, target);
                flowIn(trigger).ifPresent(flow -> assertSafe(complete(user, flow, null), target));
            }
        }
        System.out.println("[open-redirect] " + vectors.size() + " vectors as original requests, " + completed
                + " flows completed");
        assertTrue(vectors.size() >= 40);
        assertTrue(completed >= vectors.size(), "most vectors must reach a step-up, completed " + completed);
    }

    @Test
    void sec16EveryVectorAsAReturnParameterOfTheMfaPagesThenIgnored() {
        for (String vector : RedirectVectors.values()) {
            Browser user = signedIn();
            String flow = startFlow(user, "reports?id=40");
            String encoded = URLEncoder.encode(vector, StandardCharsets.UTF_8);
            // Four names at once, as long as the URL stays within what the server accepts (8 KB).
            String parameters = encoded.length() > 1_500 ? "&returnTo=" + encoded
                    : "&returnTo=" + encoded + "&return=" + encoded + "&redirect=" + encoded + "&next=" + encoded;
            HttpResponse<String> start = user.exchange("mfa/index.xhtml?flow=" + flow + parameters,
                    HttpRequest.newBuilder().GET());
            assertEquals(200, start.statusCode(), vector);

            RawHttp.Answer done = complete(user, flow, null);

            assertSafe(done, vector);
            assertTrue(done.header("Location").orElseThrow().endsWith("/reports?id=40"),
                    vector + ": " + done.header("Location"));
        }
    }

    @Test
    void sec16ForgedHostOnTheRequestAndOnTheCompletionThenLocationsAreRelativeToTheApplication() {
        for (String vector : RedirectVectors.values()) {
            Browser user = signedIn();
            RawHttp.Answer trigger = RawHttp.send(base, "GET " + base.getPath() + rawTarget("reports" + vector)
                    + " HTTP/1.1\r\nHost: " + EVIL_HOST + "\r\nX-Forwarded-Host: " + EVIL_HOST
                    + "\r\nAccept: text/html\r\nCookie: JSESSIONID=" + user.sessionId().orElseThrow(), null);
            assertSafe(trigger, vector);
            flowIn(trigger).ifPresent(flow -> assertSafe(complete(user, flow, EVIL_HOST), vector));
        }
        System.out.println("[open-redirect] forged Host: " + completed + " flows completed");
        assertTrue(completed >= 40, "most vectors must reach a step-up, completed " + completed);
    }

    // Flows ------------------------------------------------------------------------------------------------------

    private Browser signedIn() {
        Browser browser = new Browser(base);
        assertEquals(200, browser.call("login", "sub", "auth0|redirect", "rt", "RT-REDIRECT").status());
        return browser;
    }

    private static String startFlow(Browser user, String path) {
        return user.startFlow(path);
    }

    /** Chooses the authenticator app and types a code; the last post goes out with the given Host, if any. */
    private RawHttp.Answer complete(Browser user, String flow, String host) {
        FacesForm code = user.codePage(flow, "totp|dev_1");
        RawHttp.Answer done = RawHttp.send(base, "POST " + code.action() + " HTTP/1.1\r\nHost: "
                + (host == null ? hostAndPort() : host) + "\r\nContent-Type: application/x-www-form-urlencoded"
                + "\r\nCookie: JSESSIONID=" + user.sessionId().orElseThrow(),
                code.body("mfa:code", "123456", "mfa:verify", "x").getBytes(StandardCharsets.US_ASCII));
        assertEquals(303, done.status(), flow + ": " + done.body());
        completed++;
        return done;
    }

    // Checks -----------------------------------------------------------------------------------------------------

    /** No answer may point outside the application, or carry a header the vector tried to inject. */
    private void assertSafe(RawHttp.Answer answer, String vector) {
        assertTrue(answer.status() < 500, vector + ": " + answer.status() + " " + answer.body());
        for (String header : answer.headers()) {
            String name = header.substring(0, Math.max(0, header.indexOf(':'))).toLowerCase(Locale.ROOT);
            boolean injected = name.equals("x-injected") || name.equals("x")
                    || name.equals("set-cookie") && header.contains("session=evil");
            assertFalse(injected, vector + ": injected header " + header);
        }
        assertEquals(answer.headers().stream().filter(h -> h.regionMatches(true, 0, "Location:", 0, 9)).count() > 1,
                false, vector + ": two Location headers");
        answer.header("Location").ifPresent(location -> assertInTheApplication(location, vector));
    }

    private void assertInTheApplication(String location, String vector) {
        assertTrue(location.chars().allMatch(c -> c > 0x20 && c < 0x7F), vector + ": unsafe Location " + location);
        String path = location;
        if (!location.startsWith("/")) {
            URI uri = URI.create(location);
            assertEquals(base.getHost(), uri.getHost(), vector + ": Location to another host: " + location);
            assertEquals(base.getPort(), uri.getPort(), vector + ": " + location);
            path = location.substring(location.indexOf(uri.getRawPath()));
        }
        String contextPath = base.getPath().substring(0, base.getPath().length() - 1);
        assertTrue(path.startsWith(contextPath + "/"), vector + ": Location outside the application: " + location);
        // The query is the application's own business (a browser cannot leave the origin through it); the path
        // must be a plain same-origin path under the context root.
        String pathOnly = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        RedirectVectors.assertSameOriginContextRelative(contextPath, pathOnly.substring(contextPath.length()));
    }

    private static Optional<String> flowIn(RawHttp.Answer answer) {
        return answer.status() == 303 ? flowIn(answer.header("Location").orElse("")) : Optional.empty();
    }

    private static Optional<String> flowIn(String location) {
        Matcher flow = FLOW_IN_URL.matcher(location);
        return flow.find() ? Optional.of(flow.group(1)) : Optional.empty();
    }

    private String hostAndPort() {
        return base.getHost() + ":" + base.getPort();
    }

    /**
     * The vector as a request target can carry it: visible ASCII (backslashes and {@code %} included) stays as it
     * is, as curl's {@code --path-as-is} sends it; spaces, controls and other characters are %-encoded in UTF-8.
     */
    private static String rawTarget(String vector) {
        StringBuilder raw = new StringBuilder();
        for (byte b : vector.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            raw.append(c > 0x20 && c < 0x7F ? String.valueOf((char) c) : String.format("%%%02X", c));
        }
        return raw.toString();
    }
}
