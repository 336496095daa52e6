package dev.mfastepup.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.mfastepup.testing.Canaries;
import dev.mfastepup.testing.CanaryCheck;
import dev.mfastepup.testing.Totp;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * SEC-31, run last of the integration tests (failsafe orders the classes by {@link Order}): the server logs,
 * written with the module at {@code FINEST}, hold no token, code, seed, session id or secret of any test.
 * {@code bin/canary-check} does the search, with the patterns it applies to every log after the whole suite and the
 * values the tests recorded as they used them ({@code target/canaries/}).
 *
 * <p>The rule for what it reads never passes on nothing: it deploys an application of its own and signs a user in,
 * types a wrong and a right OTP and a recovery code on the pages, so that its own server's log and its own canaries
 * always exist, also when it runs alone ({@code -Dit.test=NoSecretInLogsIT}). It reads everything the servers of
 * this test JVM logged ({@link ServerLog}: Payara Micro's consoles, or WildFly's server.log or Open Liberty's
 * messages.log since the server started; every class that ran before it, and itself) and every log file they wrote
 * elsewhere (the cluster's and the HTTPS servers', noted by {@link ServerLog#produced}; on Open Liberty every file of
 * its logs directory): a log this run produced that is missing fails the check.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Order(Integer.MAX_VALUE)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NoSecretInLogsIT {

    private static final String SEED = "KRUGKIDROVUWG2ZA";
    private static final String RECOVERY_CODE = "C4NRYR3C0VERYC0DE5EC31AB";
    private static final String NEW_RECOVERY_CODE = "NEWR3C0VERYC0DE5EC31XY7Q";
    private static final String FORGED_ADDRESS = "203.0.113.77";
    private static final Pattern FLOW_IN_LOCATION = Pattern.compile("/mfa/index\\.xhtml\\?flow=([A-Za-z0-9_-]{22})");

    @ArquillianResource
    URL base;

    private final WireMockServer auth0 = Auth0Stub.server();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ItDeployments.pagesWar("no-secret-in-logs-it.war", ItDeployments.unhurriedConfig(Auth0Stub.baseUrl()));
    }

    @AfterAll
    static void stopAuth0() {
        Auth0Stub.stop();
    }

    @Test
    @Order(2)
    void sec31AfterEveryOtherTestTheServerLogsAtFinestHoldNoSecret() throws IOException {
        String typed = stepUpWithEveryKindOfSecret();
        String log = ServerLog.text();
        Path copy = Path.of("target", "sec31-server.log");
        Files.writeString(copy, log);
        List<Path> logs = new ArrayList<>(List.of(copy));
        logs.addAll(ServerLog.files());
        List<Path> canaries;
        try (Stream<Path> recorded = Files.list(Canaries.DIRECTORY)) {
            canaries = recorded.filter(file -> file.toString().endsWith(".txt")).sorted().toList();
        }

        // The check finds what this run typed, in this run's log: planted, as a careless line would hold it.
        Path planted = Files.writeString(Path.of("target", "sec31-planted.log"), log + "FINE: otp=" + typed + "\n");
        CanaryCheck.Result plantedCheck = CanaryCheck.run(canaries, planted);
        CanaryCheck.Result check = CanaryCheck.run(canaries, logs.toArray(Path[]::new));

        assertEquals(1, plantedCheck.exitCode(), plantedCheck.output());
        assertTrue(canaries.contains(Canaries.file()), "this JVM recorded its canaries: " + canaries);
        assertTrue(log.contains("mfa.verify_succeeded") && log.contains("factor=recovery-code"),
                "the copy holds this class's own server log");
        List<ServerLogRecord> records = ServerLog.records(log);
        long moduleAtFine = records.stream()
                .filter(r -> r.fineOrFiner() && r.source().startsWith("dev.mfastepup.")).count();
        assertTrue(moduleAtFine > 0, "the module logged records at FINE or finer (by their level field)");
        assertEquals(0, check.exitCode(), check.output());
        assertEquals(records.size(), CanaryCheck.run(copy).records(), "both readers of the level field agree");
        System.err.println("[sec31] " + check.output().strip() + "; " + moduleAtFine
                + " records of the module at FINE or finer in this JVM's server log");
    }

    @Test
    @Order(1)
    void sec32AForgedForwardedForSentStraightToTheApplicationIsNotLoggedAsTheClient() {
        stubUserWhoMustStepUp();
        Browser browser = new Browser(base);
        assertEquals(200, browser.call("login", "sub", "auth0|sec32", "rt", "RT-SEC32").status());
        int mark = ServerLog.length();

        HttpResponse<String> answer = browser.exchange("reports?id=32", HttpRequest.newBuilder()
                .header("Accept", "text/html").header("X-Forwarded-For", FORGED_ADDRESS).GET());

        Matcher flow = FLOW_IN_LOCATION.matcher(answer.headers().firstValue("Location").orElse(""));
        assertTrue(answer.statusCode() == 303 && flow.find(), answer.statusCode() + " " + answer.headers().map());
        ServerLog.text();
        List<String> started = ServerLog.messages(ServerLog.since(mark), "INFO").stream()
                .filter(line -> line.startsWith("mfa.step_up_started ") && line.contains(" flow=" + flow.group(1) + " "))
                .toList();
        assertEquals(1, started.size(), ServerLog.since(mark));
        assertTrue(started.get(0).matches(".* ip=(127\\.0\\.0\\.1|0:0:0:0:0:0:0:1) .*"), "the peer: " + started.get(0));
        assertFalse(ServerLog.since(mark).contains(FORGED_ADDRESS), ServerLog.since(mark));
    }

    /**
     * Walks step-ups through the pages that use each kind of secret: a session, a wrong and a right OTP from a
     * seed, a recovery code and the new one Auth0 hands out.
     *
     * @return the right OTP, as typed.
     */
    private String stepUpWithEveryKindOfSecret() {
        stubUserWhoMustStepUp();
        String right = Totp.code(SEED, Instant.now());
        String wrong = right.equals("000000") ? "111111" : "000000";
        Canaries.typed(wrong);
        auth0.stubFor(post("/oauth/token").withRequestBody(containing("otp=" + wrong)).willReturn(aResponse()
                .withStatus(403).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_grant\",\"error_description\":\"Invalid otp_code.\"}")));
        auth0.stubFor(post("/oauth/token").withRequestBody(containing("otp=" + right))
                .willReturn(okJson(Auth0Stub.tokens("AT-SEC31-OTP"))));
        auth0.stubFor(post("/oauth/token").withRequestBody(containing("recovery_code=" + RECOVERY_CODE))
                .willReturn(okJson("{\"access_token\":\"AT-SEC31-RC\",\"token_type\":\"Bearer\",\"expires_in\":3600,"
                        + "\"recovery_code\":\"" + NEW_RECOVERY_CODE + "\"}")));
        Canaries.record(Canaries.Kind.RECOVERY, NEW_RECOVERY_CODE);

        Browser browser = new Browser(base);
        assertEquals(200, browser.call("login", "sub", "auth0|sec31", "rt", "RT-SEC31").status());
        String flow = browser.startFlow("reports?id=31");
        FacesForm code = browser.codePage(flow, "totp|dev_1");
        HttpResponse<String> refused = browser.submit(code, code.body("mfa:code", wrong, "mfa:verify", "x"));
        HttpResponse<String> accepted = browser.submit(code, code.body("mfa:code", right, "mfa:verify", "x"));

        Browser other = new Browser(base);
        assertEquals(200, other.call("login", "sub", "auth0|sec31-recovery", "rt", "RT-SEC31-RC").status());
        String second = other.startFlow("reports?id=32");
        FacesForm recovery = other.form("mfa/recovery.xhtml?flow=" + second);
        HttpResponse<String> recovered = other.submit(recovery,
                recovery.body("mfa:code", RECOVERY_CODE, "mfa:verify", "x"));

        // a wrong code: the code page again; the right one: back to the report; a recovery code: the new one, shown once
        assertEquals(List.of(200, 303, 200), List.of(refused.statusCode(), accepted.statusCode(),
                recovered.statusCode()), accepted.headers().map() + recovered.body());
        assertTrue(recovered.body().contains("id=\"recovery-code\""), recovered.body());
        assertTrue(browser.sessionId().isPresent() && other.sessionId().isPresent(), "the server gave sessions");
        return right;
    }

    /** Auth0 of a user with an authenticator app and recovery codes, asked for MFA on every refresh. */
    private void stubUserWhoMustStepUp() {
        auth0.resetAll();
        auth0.stubFor(post("/oauth/token").withRequestBody(containing("grant_type=refresh_token"))
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"mfa_required\",\"error_description\":\"Multifactor authentication"
                                + " required\",\"mfa_token\":\"MFATOK-SEC31\",\"mfa_requirements\":{\"challenge\":"
                                + "[{\"type\":\"otp\"},{\"type\":\"recovery-code\"}]}}")));
        auth0.stubFor(get("/mfa/authenticators").willReturn(okJson(
                "[{\"id\":\"totp|dev_1\",\"authenticator_type\":\"otp\",\"active\":true},"
                        + "{\"id\":\"recovery-code|dev_2\",\"authenticator_type\":\"recovery-code\",\"active\":true}]")));
        warmUp();
    }

    /** The stub's first answer can take seconds on a busy machine, longer than the module waits for Auth0. */
    private void warmUp() {
        try {
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(Auth0Stub.baseUrl() + "mfa/authenticators"))
                    .build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new AssertionError("the Auth0 stub does not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
