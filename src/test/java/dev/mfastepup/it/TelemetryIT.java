package dev.mfastepup.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static dev.mfastepup.it.Auth0Stub.GRANT_MFA_OTP;
import static dev.mfastepup.it.Auth0Stub.tokens;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.google.protobuf.ByteString;
import dev.mfastepup.it.Browser.Answer;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.trace.v1.Span;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * With the server's MicroProfile Telemetry turned on in the application's configuration, a complete step-up is
 * exported over OTLP to a receiver of the test's: a client span of each call to Auth0, and, where the server has
 * OpenTelemetry metrics (Payara 7 and WildFly, not Payara 6's Telemetry 1.1), the step-up counters, the time to
 * complete and the HTTP client metrics. No token, code or secret is anywhere in what is exported.
 */
@DisabledIfSystemProperty(named = ItServer.PROPERTY, matches = "liberty",
        disabledReason = "the Open Liberty server of the run has no mpTelemetry feature")
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TelemetryIT {

    private static final String MFA_TOKEN = "MFATOK-CANARY-OTEL";
    private static final String ACCESS_TOKEN = "AT-CANARY-OTEL";
    private static final String SUBJECT = "auth0|telemetry";
    private static final String REFRESH_TOKEN = "RT-CANARY-OTEL";
    private static final String CODE = "730416";
    private static final String WRONG_CODE = "000000";
    private static final String AUTHORIZATION_CODE = "UL-CODE-CANARY-OTEL";
    private static final Duration EXPORT_WAIT = Duration.ofSeconds(60);
    private static final Set<String> TEST_SERVLET = Set.of("/telemetry-it/login", "/telemetry-it/token",
            "/telemetry-it/verify-otp");

    private static final OtlpReceiver otlp = OtlpReceiver.start();

    @ArquillianResource
    URL base;

    private final WireMockServer auth0 = Auth0Stub.server();

    @Deployment(testable = false)
    static WebArchive deployment() {
        Properties config = ItDeployments.unhurriedConfig(Auth0Stub.baseUrl());
        config.putAll(otlp.exportingConfig());
        config.setProperty("mfa-stepup.universal-login.enabled", "true");
        return ItDeployments.pagesWar("telemetry-it.war", config);
    }

    @AfterAll
    static void stop() {
        Auth0Stub.stop();
        otlp.close();
    }

    @Test
    void aStepUpIsTracedAndCountedAndNothingSecretIsExported() throws InterruptedException {
        auth0.resetAll();
        Auth0Stub.stubAppUserWhoMustStepUp(auth0, MFA_TOKEN);
        auth0.stubFor(post("/oauth/token").withFormParam("grant_type", equalTo(GRANT_MFA_OTP))
                .withFormParam("otp", equalTo(CODE)).willReturn(okJson(tokens(ACCESS_TOKEN))));
        auth0.stubFor(post("/oauth/token").withFormParam("grant_type", equalTo(GRANT_MFA_OTP))
                .withFormParam("otp", equalTo(WRONG_CODE)).willReturn(aResponse().withStatus(403)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"invalid_grant\",\"error_description\":\"Invalid otp_code.\"}")));

        Browser browser = new Browser(base);
        assertEquals(200, browser.call("login", "sub", SUBJECT, "rt", REFRESH_TOKEN).status());
        Answer required = browser.call("token", "audience", "https://reports.example.com");
        assertEquals(401, required.status(), required::toString);
        String flowId = required.json().getString("flowId");
        assertEquals(400, browser.call("verify-otp", "flow", flowId, "code", WRONG_CODE).status());
        Answer verified = browser.call("verify-otp", "flow", flowId, "code", CODE);
        assertEquals("verified", verified.json().getString("result"), verified::toString);

        // Auth0 sends the browser back to the Universal Login callback with a code in the query.
        HttpResponse<String> callback = browser.exchange("mfa/universal-login/callback?code=" + AUTHORIZATION_CODE
                + "&state=STATE-OTEL", HttpRequest.newBuilder().GET());
        assertEquals(303, callback.statusCode(), callback::body);

        awaitExported("the token endpoint's three spans", () -> spansNamed("POST /oauth/token").size() >= 3);
        List<Span> grants = spansNamed("POST /oauth/token");
        assertEquals(Map.of("403 mfa_required", 1L, "403 invalid_grant", 1L, "200 -", 1L), grants.stream()
                .collect(Collectors.groupingBy(span -> attribute(span.getAttributesList(), "http.response.status_code")
                        + " " + attribute(span.getAttributesList(), "mfa_stepup.auth0.error"), Collectors.counting())));
        for (Span span : grants) {
            assertEquals(Span.SpanKind.SPAN_KIND_CLIENT, span.getKind());
            assertEquals("/oauth/token", attribute(span.getAttributesList(), "url.template"));
            assertEquals(Auth0Stub.baseUrl().replaceAll("/$", "") + "/oauth/token",
                    attribute(span.getAttributesList(), "url.full"));
        }

        // Payara's instrumented Rest Client makes a span of its own for each call, on the client's pool thread: the
        // module made its span current there, so the server's span is its child, in the same trace.
        Set<ByteString> moduleSpans = otlp.spans().stream().map(Span::getSpanId).collect(Collectors.toSet());
        List<Span> restClientSpans = otlp.allSpans().stream().filter(span -> span.getKind() == Span.SpanKind
                .SPAN_KIND_CLIENT && !moduleSpans.contains(span.getSpanId())).toList();
        if (ItServer.current() == ItServer.PAYARA_MICRO) {
            // WildFly's MicroProfile Telemetry makes no span of a Rest Client call.
            assertFalse(restClientSpans.isEmpty(), "the server's Rest Client spans");
        }
        for (Span span : restClientSpans) {
            assertTrue(moduleSpans.contains(span.getParentSpanId()), span::toString);
        }

        if (serverHasMetrics()) {
            awaitExported("the completed step-up's count", () -> sum("mfa_stepup.step_up.completed") == 1);
            assertEquals(1, sum("mfa_stepup.step_up.started"));
            assertEquals(Map.of("otp", 1L), byAttribute("mfa_stepup.step_up.completed", "mfa_stepup.factor"));
            assertEquals(Map.of("wrong_code", 1L), byAttribute("mfa_stepup.step_up.progress", "mfa_stepup.outcome"));
            HistogramDataPoint timeToComplete = histogram("mfa_stepup.step_up.duration").get(0);
            assertEquals(1, timeToComplete.getCount());
            List<HistogramDataPoint> calls = histogram("http.client.request.duration");
            assertEquals(3, calls.stream().filter(point -> "/oauth/token".equals(
                    attribute(point.getAttributesList(), "url.template"))).mapToLong(HistogramDataPoint::getCount)
                    .sum());
            // The semantic conventions' buckets in seconds, not the SDK's default ones in milliseconds.
            assertEquals(List.of(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0),
                    calls.get(0).getExplicitBoundsList());
        }

        // The test's own requests carry tokens and codes in their queries, which Payara 7 records in its spans of
        // them; the module's addresses must not.
        String exported = otlp.everythingBut(span -> TEST_SERVLET.contains(attribute(span.getAttributesList(),
                "url.path")));
        // Into this test's output, where bin/canary-check looks for every canary of the run, recorded codes among them.
        System.out.println("What the server exported over OTLP:\n" + exported);
        for (String secret : List.of(MFA_TOKEN, ACCESS_TOKEN, REFRESH_TOKEN, CODE, ItDeployments.CLIENT_SECRET,
                ItDeployments.SEAL_SECRET, SUBJECT, AUTHORIZATION_CODE)) {
            assertFalse(exported.contains(secret), secret + " was exported");
        }
    }

    /** Payara 6's MicroProfile Telemetry 1.1 traces only; Payara 7's and WildFly's 2.x have metrics too. */
    private static boolean serverHasMetrics() {
        // Every run has the property (failsafe merges the profiles' properties); only Payara Micro reads it.
        return ItServer.current() != ItServer.PAYARA_MICRO
                || !System.getProperty("payara.microJar", "").contains("payara-micro-6.");
    }

    private List<Span> spansNamed(String name) {
        return otlp.spans().stream().filter(span -> span.getName().equals(name)).toList();
    }

    /** The value of a counter in its latest export: the SDK exports cumulative sums. */
    private long sum(String name) {
        return latest(name).map(metric -> metric.getSum().getDataPointsList().stream()
                .mapToLong(NumberDataPoint::getAsInt).sum()).orElse(0L);
    }

    private Map<String, Long> byAttribute(String name, String key) {
        return latest(name).orElseThrow(() -> new AssertionError(name + " was not exported")).getSum()
                .getDataPointsList().stream().collect(Collectors.toMap(
                        point -> attribute(point.getAttributesList(), key), NumberDataPoint::getAsInt));
    }

    private List<HistogramDataPoint> histogram(String name) {
        return latest(name).orElseThrow(() -> new AssertionError(name + " was not exported")).getHistogram()
                .getDataPointsList();
    }

    private Optional<Metric> latest(String name) {
        List<Metric> exported = otlp.metrics().stream().filter(metric -> metric.getName().equals(name)).toList();
        return exported.isEmpty() ? Optional.empty() : Optional.of(exported.get(exported.size() - 1));
    }

    private static String attribute(List<KeyValue> attributes, String key) {
        return attributes.stream().filter(kv -> kv.getKey().equals(key)).findFirst()
                .map(kv -> kv.getValue().hasIntValue() ? Long.toString(kv.getValue().getIntValue())
                        : kv.getValue().getStringValue())
                .orElse("-");
    }

    /** Waits for the server's next exports (every 0.5 s, see the configuration), at most a minute. */
    private static void awaitExported(String what, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + EXPORT_WAIT.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " not exported within " + EXPORT_WAIT.toSeconds() + " s");
            }
            Thread.sleep(200);
        }
    }
}
