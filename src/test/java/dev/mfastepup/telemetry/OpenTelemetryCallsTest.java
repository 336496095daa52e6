package dev.mfastepup.telemetry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static dev.mfastepup.TestConfigs.CLIENT_SECRET;
import static dev.mfastepup.TestConfigs.DOMAIN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.mfastepup.Auth0Stubs;
import dev.mfastepup.TestConfigs;
import dev.mfastepup.client.Auth0Call;
import dev.mfastepup.client.Auth0CallObserver;
import dev.mfastepup.client.Auth0Client;
import dev.mfastepup.client.IdpException;
import dev.mfastepup.client.TokenGrantResult;
import dev.mfastepup.client.model.AssociateRequest;
import dev.mfastepup.config.StepUpLimits;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.URI;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The span and the HTTP client metrics of each call to Auth0, through a real {@link Auth0Client} against a stub
 * Auth0 over HTTP, read from an in-memory OpenTelemetry SDK.
 */
class OpenTelemetryCallsTest {

    @RegisterExtension
    static WireMockExtension auth0 = Auth0Stubs.server();

    private static final String MFA_TOKEN = "canary-mfa-token-5f1d";
    private static final String REFRESH_TOKEN = "canary-refresh-token-77ab";
    private static final String ACCESS_TOKEN = "canary-access-token-9c2e";
    private static final String OTP = "493817";
    private static final String OOB_CODE = "canary-oob-code-31aa";
    private static final String AUTHENTICATOR_ID = "sms-canary-dev-8842";

    private final TelemetryFixture telemetry = new TelemetryFixture();
    private Auth0Client client;

    @BeforeEach
    void setUp() {
        client = new Auth0Client(TestConfigs.config(auth0.baseUrl()), StepUpLimits.DEFAULTS,
                Executors.defaultThreadFactory(), Clock.systemUTC(),
                new OpenTelemetryInstruments(telemetry.sdk).auth0Calls());
    }

    @AfterEach
    void tearDown() {
        client.close();
        telemetry.close();
    }

    @Test
    void eachCallIsAClientSpanChildOfTheRequestSpan() {
        auth0.stubFor(get("/mfa/authenticators").willReturn(okJson("[]")));
        Span request = telemetry.sdk.getTracer("test").spanBuilder("GET /app/page").startSpan();
        try (Scope scope = request.makeCurrent()) {
            client.listAuthenticators(DOMAIN, MFA_TOKEN);
        } finally {
            request.end();
        }

        SpanData call = moduleSpan();
        assertEquals("GET /mfa/authenticators", call.getName());
        assertEquals(SpanKind.CLIENT, call.getKind());
        assertEquals(request.getSpanContext().getSpanId(), call.getParentSpanId());
        assertEquals(request.getSpanContext().getTraceId(), call.getTraceId());
        Attributes attributes = call.getAttributes();
        URI base = URI.create(auth0.baseUrl());
        assertEquals("GET", attributes.get(OpenTelemetryCalls.METHOD));
        assertEquals(base.getHost(), attributes.get(OpenTelemetryCalls.SERVER_ADDRESS));
        assertEquals((long) base.getPort(), attributes.get(OpenTelemetryCalls.SERVER_PORT));
        assertEquals("/mfa/authenticators", attributes.get(OpenTelemetryCalls.URL_TEMPLATE));
        assertEquals(auth0.baseUrl() + "/mfa/authenticators", attributes.get(OpenTelemetryCalls.URL_FULL));
        assertEquals(200L, attributes.get(OpenTelemetryCalls.STATUS));
        assertNull(attributes.get(OpenTelemetryCalls.ERROR_TYPE));
        assertEquals(StatusCode.UNSET, call.getStatus().getStatusCode());
    }

    @Test
    void theCallsSpanIsCurrentOnThePoolThreadThatMakesIt() {
        Auth0CallObserver.Observation observation = new OpenTelemetryInstruments(telemetry.sdk).auth0Calls()
                .started(new Auth0Call("POST", "/mfa/challenge", URI.create(auth0.baseUrl() + "/")));
        SpanContext seen = observation.around(() -> Span.current().getSpanContext()).get();
        observation.answered(200, null);

        assertEquals(moduleSpan().getSpanId(), seen.getSpanId());
        assertFalse(Span.current().getSpanContext().isValid(), "the span is current only inside the call");
    }

    @Test
    void anErrorAnswerIsAFailedSpanWithItsStatusAndAuth0sCode() {
        auth0.stubFor(post("/oauth/token").willReturn(Auth0Stubs.error(403, "mfa_required", "Multifactor needed")
                .withBody("{\"error\":\"mfa_required\",\"error_description\":\"x\",\"mfa_token\":\"" + MFA_TOKEN
                        + "\"}")));

        TokenGrantResult result = client.refresh(DOMAIN, REFRESH_TOKEN, null, null);

        assertInstanceOf(TokenGrantResult.MfaRequired.class, result);
        SpanData call = moduleSpan();
        assertEquals("POST /oauth/token", call.getName());
        assertEquals(403L, call.getAttributes().get(OpenTelemetryCalls.STATUS));
        assertEquals("403", call.getAttributes().get(OpenTelemetryCalls.ERROR_TYPE));
        assertEquals("mfa_required", call.getAttributes().get(OpenTelemetryCalls.AUTH0_ERROR));
        assertEquals(StatusCode.ERROR, call.getStatus().getStatusCode());
    }

    @Test
    void anErrorCodeTheModuleDoesNotKnowIsRecordedAsOther() {
        auth0.stubFor(post("/mfa/challenge").willReturn(Auth0Stubs.error(400, "made_up_" + OTP, "x")));

        assertThrows(IdpException.class, () -> client.challenge(DOMAIN, MFA_TOKEN, "oob", AUTHENTICATOR_ID));

        assertEquals("other", moduleSpan().getAttributes().get(OpenTelemetryCalls.AUTH0_ERROR));
    }

    @Test
    void noAnswerIsAFailedSpanWithTheModulesCode() {
        auth0.stubFor(get("/mfa/authenticators").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        IdpException failure = assertThrows(IdpException.class, () -> client.listAuthenticators(DOMAIN, MFA_TOKEN));

        SpanData call = moduleSpan();
        assertEquals(failure.code(), call.getAttributes().get(OpenTelemetryCalls.ERROR_TYPE));
        assertNull(call.getAttributes().get(OpenTelemetryCalls.STATUS));
        assertEquals(StatusCode.ERROR, call.getStatus().getStatusCode());
    }

    @Test
    void durationIsRecordedPerEndpointAndNoCallStaysInFlight() {
        auth0.stubFor(get("/mfa/authenticators").willReturn(okJson("[]")));
        auth0.stubFor(delete("/mfa/authenticators/" + AUTHENTICATOR_ID).willReturn(aResponse().withStatus(204)));

        client.listAuthenticators(DOMAIN, MFA_TOKEN);
        client.listAuthenticators(DOMAIN, MFA_TOKEN);
        client.deleteAuthenticator(DOMAIN, MFA_TOKEN, AUTHENTICATOR_ID);

        Collection<MetricData> collected = telemetry.collect();
        MetricData duration = TelemetryFixture.metric(collected, "http.client.request.duration").orElseThrow();
        assertEquals("s", duration.getUnit());
        List<HistogramPointData> points = List.copyOf(duration.getHistogramData().getPoints());
        assertEquals(2, points.size(), "one series per endpoint and status: " + points);
        HistogramPointData list = points.stream().filter(point -> point.getAttributes()
                .get(OpenTelemetryCalls.URL_TEMPLATE).equals("/mfa/authenticators")).findFirst().orElseThrow();
        assertEquals(2, list.getCount());
        assertTrue(list.getSum() > 0);
        HistogramPointData deleted = points.stream().filter(point -> point != list).findFirst().orElseThrow();
        assertEquals("/mfa/authenticators/{id}", deleted.getAttributes().get(OpenTelemetryCalls.URL_TEMPLATE));
        assertEquals(204L, deleted.getAttributes().get(OpenTelemetryCalls.STATUS));

        MetricData active = TelemetryFixture.metric(collected, "http.client.active_requests").orElseThrow();
        assertFalse(active.getLongSumData().getPoints().isEmpty());
        for (LongPointData point : active.getLongSumData().getPoints()) {
            assertEquals(0, point.getValue(), "in flight after the calls ended: " + point);
        }
    }

    @Test
    void aCallInFlightIsCountedUntilItEnds() {
        Auth0CallObserver.Observation observation = new OpenTelemetryInstruments(telemetry.sdk).auth0Calls()
                .started(new Auth0Call("POST", "/oauth/token", URI.create("https://tenant.example/")));

        assertEquals(1, inFlight());
        observation.failed(0, "idp_unavailable");
        assertEquals(0, inFlight());
    }

    @Test
    void noSecretInAnySpanNameSpanAttributeOrMetricLabel() {
        auth0.stubFor(post("/oauth/token").willReturn(okJson("{\"access_token\":\"" + ACCESS_TOKEN
                + "\",\"expires_in\":3600,\"token_type\":\"Bearer\",\"refresh_token\":\"" + REFRESH_TOKEN + "\"}")));
        auth0.stubFor(post("/mfa/challenge").willReturn(okJson("{\"challenge_type\":\"oob\",\"oob_code\":\""
                + OOB_CODE + "\",\"binding_method\":\"prompt\"}")));
        auth0.stubFor(post("/mfa/associate").willReturn(okJson("{\"authenticator_type\":\"oob\",\"oob_channel\":"
                + "\"sms\",\"oob_code\":\"" + OOB_CODE + "\",\"binding_method\":\"prompt\"}")));
        auth0.stubFor(delete("/mfa/authenticators/" + AUTHENTICATOR_ID).willReturn(aResponse().withStatus(204)));

        client.refresh(DOMAIN, REFRESH_TOKEN, "https://api.example", "read:data");
        client.challenge(DOMAIN, MFA_TOKEN, "oob", AUTHENTICATOR_ID);
        client.associate(DOMAIN, MFA_TOKEN, new AssociateRequest(List.of("oob"), List.of("sms"), "+15555550123", null));
        client.verifyOtp(DOMAIN, MFA_TOKEN, OTP);
        client.verifyOob(DOMAIN, MFA_TOKEN, OOB_CODE, OTP);
        client.deleteAuthenticator(DOMAIN, MFA_TOKEN, AUTHENTICATOR_ID);

        List<String> secrets = List.of(MFA_TOKEN, REFRESH_TOKEN, ACCESS_TOKEN, OTP, OOB_CODE, AUTHENTICATOR_ID,
                CLIENT_SECRET, "5555550123");
        assertEquals(6, telemetry.spans().size());
        StringBuilder everything = new StringBuilder();
        telemetry.spans().forEach(span -> everything.append(span.getName()).append('\n'));
        telemetry.everyAttribute(telemetry.collect()).forEach(attributes -> everything.append(attributes).append('\n'));
        for (String secret : secrets) {
            assertFalse(everything.toString().contains(secret), secret + " in " + everything);
        }
    }

    private long inFlight() {
        return TelemetryFixture.metric(telemetry.collect(), "http.client.active_requests").orElseThrow()
                .getLongSumData().getPoints().stream().mapToLong(LongPointData::getValue).sum();
    }

    private SpanData moduleSpan() {
        List<SpanData> module = telemetry.spans().stream()
                .filter(span -> span.getInstrumentationScopeInfo().getName().equals(OpenTelemetryInstruments.SCOPE))
                .toList();
        assertEquals(1, module.size(), "the module's spans: " + module);
        return module.get(0);
    }
}
