package dev.mfastepup.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The MFA pages over a real HTTPS listener and over plain HTTP of the same server of the test's own, of the kind the
 * run is on (Payara Micro, {@link PayaraHttps}; WildFly, {@link WildFlyHttps}; Open Liberty, {@link LibertyHttps}):
 * {@code Strict-Transport-Security} on every page state over HTTPS only, as configured (SEC-19), and the session
 * cookie's {@code Secure}, {@code HttpOnly} and {@code SameSite} (SEC-09). Three applications run on the server:
 * one with the defaults, one with {@code includeSubDomains} and a {@code max-age} of its own, one whose
 * {@code web.xml} chose {@code SameSite=Strict}; on Open Liberty a fourth, whose session cookie is {@code Secure} by
 * its {@code web.xml} ({@link #SECURE_COOKIE}).
 */
class SecureRequestIT {

    private static final WebArchive DEFAULTS = ItDeployments.pagesWar("secure-request-it.war",
            ItDeployments.config(Auth0Stub.baseUrl()));
    private static final WebArchive SUBDOMAINS = ItDeployments.pagesWar("secure-subdomains-it.war",
            withHsts(ItDeployments.config(Auth0Stub.baseUrl())));
    private static final WebArchive STRICT_COOKIE = ItDeployments.pagesWarWithSameSite(
            "secure-strict-cookie-it.war", ItDeployments.config(Auth0Stub.baseUrl()), "Strict");
    /**
     * The application whose session cookie is checked over HTTPS: the one with the defaults, but on Open Liberty one
     * of its own. Liberty marks the cookie {@code Secure} only when told, and then over HTTP too; so there it is an
     * application whose {@code web.xml} asks for it, as one served over HTTPS on Liberty must
     * ({@link #secureAsOnLiberty}), beside the defaults, whose cookie over HTTP is checked as it is.
     */
    private static final WebArchive SECURE_COOKIE = ItServer.current() == ItServer.LIBERTY
            ? ItDeployments.pagesWar("secure-cookie-it.war", ItDeployments.config(Auth0Stub.baseUrl())) : DEFAULTS;
    private static final Pattern FLOW_IN_URL = Pattern.compile("/mfa/(?:index|push|recovery|code)\\.xhtml\\?flow="
            + "([A-Za-z0-9_-]{22})");
    private static final List<String> STATES = List.of("start", "code", "wrong code", "enroll", "push waiting",
            "recovery", "recovery code", "error", "refused by the guard");

    private static HttpsServer server;
    private static SSLContext tls;

    private final WireMockServer auth0 = Auth0Stub.server();

    @BeforeAll
    static void startServer() {
        WebArchive[] wars = Stream.of(DEFAULTS, SUBDOMAINS, STRICT_COOKIE, SECURE_COOKIE).distinct()
                .toArray(WebArchive[]::new);
        server = switch (ItServer.current()) {
            case PAYARA_MICRO -> PayaraHttps.start(wars);
            case WILDFLY -> {
                List.of(wars).forEach(SecureRequestIT::hardenedAsOnPayara);
                yield WildFlyHttps.start(wars);
            }
            case LIBERTY -> {
                List.of(STRICT_COOKIE, SECURE_COOKIE).forEach(SecureRequestIT::secureAsOnLiberty);
                yield LibertyHttps.start(wars);
            }
        };
        tls = server.tls();
        // Each application, before anything is stubbed: the stub answers 404, which is not checked.
        for (WebArchive war : wars) {
            Browser.warmUp(new Browser(server.base(war, false)));
        }
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
        Auth0Stub.stop();
    }

    @BeforeEach
    void resetAuth0() {
        auth0.resetAll();
    }

    @Test
    void sec19EveryPageStateOverHttpsCarriesHstsOfTheDefaultsAndNoneOverHttp() {
        Map<String, HttpResponse<String>> secure = everyPageState(server.base(DEFAULTS, true));
        Map<String, HttpResponse<String>> plain = everyPageState(server.base(DEFAULTS, false));

        assertHeaderInEveryState(secure, "max-age=31536000");
        assertHeaderInEveryState(plain, null);
    }

    @Test
    void sec19WhenIncludeSubdomainsAndMaxAgeConfiguredThenEveryPageStateOverHttpsCarriesThem() {
        Map<String, HttpResponse<String>> secure = everyPageState(server.base(SUBDOMAINS, true));
        Map<String, HttpResponse<String>> plain = everyPageState(server.base(SUBDOMAINS, false));

        assertHeaderInEveryState(secure, "max-age=600; includeSubDomains");
        assertHeaderInEveryState(plain, null);
    }

    @Test
    void sec09SessionCookieOverHttpsIsSecureHttpOnlyAndSameSiteLaxAlsoAfterTheStepUpRotatedIt() {
        URL base = server.base(SECURE_COOKIE, true);
        Browser user = new Browser(base, tls);
        user.call("login", "sub", "auth0|cookie-https", "rt", "RT-COOKIE");
        Auth0Stub.stubAppUserWhoMustStepUp(auth0, "MFATOK-COOKIE");
        auth0.stubFor(post("/oauth/token").withRequestBody(containing("mfa-otp")).willReturn(okJson(
                Auth0Stub.tokens("AT-COOKIE"))));
        FacesForm code = user.codePage(user.startFlow("reports?id=9"), "totp|dev_1");
        HttpResponse<String> done = user.submit(code, code.body("mfa:code", "123456", "mfa:verify", "x"));

        assertEquals(303, done.statusCode(), done.body());
        List<String> cookies = sessionCookies(user);
        assertEquals(2, cookies.size(), "one at the sign-in, one when the step-up changed the id: " + cookies);
        for (String cookie : cookies) {
            assertEquals(Map.of("secure", "", "httponly", "", "samesite", "lax"), attributes(cookie), cookie);
        }
    }

    @Test
    void sec09SessionCookieOverHttpIsHttpOnlyAndSameSiteLax() {
        Browser user = new Browser(server.base(DEFAULTS, false));
        user.call("login", "sub", "auth0|cookie-http", "rt", "RT-COOKIE");

        List<String> cookies = sessionCookies(user);
        assertEquals(1, cookies.size(), cookies.toString());
        assertEquals(Map.of("httponly", "", "samesite", "lax"), attributes(cookies.get(0)), cookies.get(0));
    }

    @Test
    void sec09WhenTheApplicationChoseSameSiteThenItsChoiceIsKept() {
        Browser user = new Browser(server.base(STRICT_COOKIE, true), tls);
        user.call("login", "sub", "auth0|cookie-strict", "rt", "RT-COOKIE");

        List<String> cookies = sessionCookies(user);
        assertEquals(1, cookies.size(), cookies.toString());
        assertEquals(Map.of("secure", "", "httponly", "", "samesite", "strict"), attributes(cookies.get(0)),
                cookies.get(0));
    }

    // Page states ------------------------------------------------------------------------------------------------

    /**
     * Opens every page of a step-up in each of its states, each answer as the browser received it: the start
     * page, the code page, the code page after a wrong code, an app enrollment, the push page waiting for the
     * phone, the recovery code page, the new recovery code shown after one was used, the error page, and a
     * request the pages' guard refuses.
     */
    private Map<String, HttpResponse<String>> everyPageState(URL base) {
        Map<String, HttpResponse<String>> answers = new LinkedHashMap<>();

        Browser otp = signedIn(base, "auth0|hsts-otp");
        stubRefreshAsksFor("{\"challenge\":[{\"type\":\"otp\"}]}");
        stubAuthenticators("[{\"id\":\"totp|dev_1\",\"authenticator_type\":\"otp\",\"active\":true}]");
        String flow = otp.startFlow("reports?id=1");
        answers.put("start", otp.exchange("mfa/index.xhtml?flow=" + flow, HttpRequest.newBuilder().GET()));
        FacesForm code = otp.codePage(flow, "totp|dev_1");
        answers.put("code", last(otp));
        auth0.stubFor(post("/oauth/token").withRequestBody(containing("mfa-otp")).willReturn(aResponse()
                .withStatus(403).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_grant\",\"error_description\":\"Invalid otp_code.\"}")));
        answers.put("wrong code", otp.submit(code, code.body("mfa:code", "123456", "mfa:verify", "x")));

        auth0.resetAll();
        Browser enrolling = signedIn(base, "auth0|hsts-enroll");
        stubRefreshAsksFor("{\"enroll\":[{\"type\":\"otp\"}]}");
        stubAuthenticators("[]");
        auth0.stubFor(post("/mfa/associate").willReturn(okJson("{\"authenticator_type\":\"otp\","
                + "\"secret\":\"HSTSSEEDQQQQQQQQ\",\"barcode_uri\":\"otpauth://totp/Example:alice?secret="
                + "HSTSSEEDQQQQQQQQ&issuer=Example\"}")));
        FacesForm start = enrolling.form("mfa/index.xhtml?flow=" + enrolling.startFlow("reports?id=2"));
        Matcher enroll = Pattern.compile("name=\"(mfa:[^\"]*:enroll)\"").matcher(last(enrolling).body());
        assertTrue(enroll.find(), last(enrolling).body());
        answers.put("enroll", enrolling.submit(start, start.body(enroll.group(1), "x")));

        auth0.resetAll();
        Browser push = signedIn(base, "auth0|hsts-push");
        stubRefreshAsksFor("{\"challenge\":[{\"type\":\"push-notification\"}]}");
        stubAuthenticators("[{\"id\":\"push|dev_9\",\"authenticator_type\":\"oob\",\"oob_channel\":\"auth0\","
                + "\"active\":true,\"name\":\"Pixel 9\"}]");
        auth0.stubFor(post("/mfa/challenge").willReturn(okJson("{\"challenge_type\":\"oob\","
                + "\"oob_code\":\"OOB-HSTS\"}")));
        auth0.stubFor(post("/oauth/token").withRequestBody(containing("mfa-oob")).willReturn(aResponse()
                .withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"authorization_pending\",\"error_description\":\"pending\"}")));
        String pushFlow = push.startFlow("reports?id=3");
        FacesForm choose = push.form("mfa/index.xhtml?flow=" + pushFlow);
        HttpResponse<String> chosen = push.submit(choose, choose.body("mfa:authenticator", "push|dev_9",
                "mfa:continue", "x"));
        answers.put("push waiting", push.exchange(relative(base, chosen), HttpRequest.newBuilder().GET()));

        auth0.resetAll();
        Browser recovery = signedIn(base, "auth0|hsts-recovery");
        stubRefreshAsksFor("{\"challenge\":[{\"type\":\"otp\"},{\"type\":\"recovery-code\"}]}");
        stubAuthenticators("[{\"id\":\"totp|dev_1\",\"authenticator_type\":\"otp\",\"active\":true},"
                + "{\"id\":\"recovery-code|dev_2\",\"authenticator_type\":\"recovery-code\",\"active\":true}]");
        auth0.stubFor(post("/oauth/token").withRequestBody(containing("recovery_code=N3BGPZZWJ85JLCNPZBDW6QXC"))
                .willReturn(okJson("{\"access_token\":\"AT-HSTS-RC\",\"token_type\":\"Bearer\","
                        + "\"expires_in\":3600,\"recovery_code\":\"K6LGLV3RSH3VERMKET8L7QKU\"}")));
        FacesForm recoveryStart = recovery.form("mfa/index.xhtml?flow=" + recovery.startFlow("reports?id=4"));
        HttpResponse<String> toRecovery = recovery.submit(recoveryStart, recoveryStart.body("mfa:recovery", "x"));
        answers.put("recovery", recovery.exchange(relative(base, toRecovery), HttpRequest.newBuilder().GET()));
        FacesForm recoveryForm = FacesForm.of(last(recovery).body());
        answers.put("recovery code", recovery.submit(recoveryForm, recoveryForm.body("mfa:code",
                "N3BGPZZWJ85JLCNPZBDW6QXC", "mfa:verify", "x")));

        answers.put("error", otp.exchange("mfa/error.xhtml?reason=expired", HttpRequest.newBuilder().GET()));
        answers.put("refused by the guard", otp.exchange("mfa/index.xhtml", HttpRequest.newBuilder()
                .method("DELETE", HttpRequest.BodyPublishers.noBody())));

        assertEquals(STATES, List.copyOf(answers.keySet()));
        assertEquals(List.of(200, 200, 200, 200, 200, 200, 200, 410, 405),
                answers.values().stream().map(HttpResponse::statusCode).toList(), base + " " + answers.keySet());
        assertTrue(answers.get("enroll").body().contains("id=\"qr\""), "the enrollment page");
        assertTrue(answers.get("push waiting").body().contains("data-poll-seconds"), "the push page");
        assertTrue(answers.get("recovery code").body().contains("id=\"recovery-code\""), "the new recovery code");
        return answers;
    }

    private static void assertHeaderInEveryState(Map<String, HttpResponse<String>> answers, String expected) {
        answers.forEach((state, answer) -> assertEquals(expected,
                answer.headers().firstValue("Strict-Transport-Security").orElse(null),
                answer.uri() + " (" + state + ")"));
    }

    // Helpers ----------------------------------------------------------------------------------------------------

    private Browser signedIn(URL base, String subject) {
        Browser browser = "https".equals(base.getProtocol()) ? new Browser(base, tls) : new Browser(base);
        assertEquals(200, browser.call("login", "sub", subject, "rt", "RT-HSTS").status());
        return browser;
    }

    private void stubRefreshAsksFor(String requirements) {
        auth0.stubFor(post("/oauth/token").withRequestBody(containing("grant_type=refresh_token"))
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"mfa_required\",\"error_description\":\"Multifactor authentication"
                                + " required\",\"mfa_token\":\"MFATOK-HSTS\",\"mfa_requirements\":" + requirements
                                + "}")));
    }

    private void stubAuthenticators(String json) {
        auth0.stubFor(get("/mfa/authenticators").willReturn(okJson(json)));
    }

    private static HttpResponse<String> last(Browser browser) {
        List<HttpResponse<String>> received = browser.received();
        return received.get(received.size() - 1);
    }

    /** The path below the application of a 303's {@code Location}. */
    private static String relative(URL base, HttpResponse<String> redirect) {
        assertEquals(303, redirect.statusCode(), redirect.body());
        String location = redirect.headers().firstValue("Location").orElseThrow();
        assertTrue(FLOW_IN_URL.matcher(location).find(), location);
        return location.substring(location.indexOf(base.getPath()) + base.getPath().length());
    }

    /** Every {@code Set-Cookie} of the session cookie this browser received, in order. */
    private static List<String> sessionCookies(Browser browser) {
        return browser.received().stream().flatMap(answer -> answer.headers().allValues("Set-Cookie").stream())
                .filter(cookie -> cookie.startsWith("JSESSIONID=")).toList();
    }

    /**
     * The attributes of a {@code Set-Cookie} but its path, names and values in lower case (browsers read both so):
     * {@code secure} maps to "".
     */
    private static Map<String, String> attributes(String setCookie) {
        Map<String, String> attributes = new LinkedHashMap<>();
        String[] parts = setCookie.split(";");
        for (int i = 1; i < parts.length; i++) {
            String[] pair = parts[i].strip().split("=", 2);
            String name = pair[0].toLowerCase(Locale.ROOT);
            if (!name.equals("path")) {
                attributes.put(name, pair.length > 1 ? pair[1].toLowerCase(Locale.ROOT) : "");
            }
        }
        return attributes;
    }

    /**
     * Gives a WAR for WildFly the session cookie that Payara Micro gives every application by default, and that
     * these tests expect of the server: {@code HttpOnly} ({@code <http-only>} in {@code web.xml}; WildFly's default
     * is without, and the module warns about it at deployment) and {@code Secure} on the answers to HTTPS requests
     * (Undertow's {@code secure-cookie} handler; WildFly marks it on none by default). The module sets neither:
     * what these tests check of it is that it leaves them as the application and the server set them, and adds
     * {@code SameSite}.
     */
    private static void hardenedAsOnPayara(WebArchive war) {
        addToCookieConfig(war, "<http-only>true</http-only>");
        String handlers = "WEB-INF/" + ItDeployments.UNDERTOW_HANDLERS;
        String chosen = war.contains(handlers) ? text(war, handlers) : "";
        war.delete(handlers);
        war.addAsWebInfResource(new StringAsset(chosen + "secure-cookie()\n"), ItDeployments.UNDERTOW_HANDLERS);
    }

    /**
     * Gives a WAR for Open Liberty the {@code Secure} session cookie that an application served over HTTPS there must
     * ask for ({@code <cookie-config><secure>true</secure>} in {@code web.xml}): Liberty marks it on none by default,
     * and when told, on the answers over HTTP too. The module does not set it, as on the other servers.
     */
    private static void secureAsOnLiberty(WebArchive war) {
        addToCookieConfig(war, "<secure>true</secure>");
    }

    /** Adds an element at the start of the {@code <cookie-config>} of a WAR's {@code web.xml}, made if missing. */
    private static void addToCookieConfig(WebArchive war, String element) {
        String webXml = text(war, "WEB-INF/web.xml");
        war.setWebXML(new StringAsset(webXml.contains("<cookie-config>")
                ? webXml.replace("<cookie-config>", "<cookie-config>" + element)
                : webXml.replaceFirst("<filter>", "<session-config><cookie-config>" + element
                        + "</cookie-config></session-config>\n    <filter>")));
    }

    private static String text(WebArchive war, String path) {
        try (InputStream in = war.get(path).getAsset().openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Properties withHsts(Properties config) {
        config.setProperty("mfa-stepup.pages.hsts-include-subdomains", "true");
        config.setProperty("mfa-stepup.pages.hsts-max-age", "600");
        return config;
    }
}
