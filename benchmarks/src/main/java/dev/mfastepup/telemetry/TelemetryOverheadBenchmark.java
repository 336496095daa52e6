package dev.mfastepup.telemetry;

import com.sun.net.httpserver.HttpServer;
import dev.mfastepup.Factor;
import dev.mfastepup.client.Auth0Call;
import dev.mfastepup.client.Auth0CallObserver;
import dev.mfastepup.client.Auth0Client;
import dev.mfastepup.client.model.Authenticator;
import dev.mfastepup.config.LimitsStore;
import dev.mfastepup.config.MfaStepUpConfig;
import dev.mfastepup.config.StepUpLimits;
import dev.mfastepup.crypto.ContextSealer;
import dev.mfastepup.event.StepUpEvent;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the module's telemetry adds to a step of a step-up: one call to Auth0 through the {@link Auth0Client} (the
 * MFA API's list of authenticators, against a stub on loopback that answers at once, so that the call is as short
 * as it can be and the telemetry's share as large as it can be) and one {@link StepUpEvent} counted
 * ({@link #callAndEvent}), and the same telemetry without the call ({@link #telemetryOfOneStep}), which is steadier
 * than the difference of two calls on a shared machine.
 *
 * <ul>
 * <li>{@code none}: no OpenTelemetry (a server without MicroProfile Telemetry);</li>
 * <li>{@code noop}: OpenTelemetry's no-op implementation (MicroProfile Telemetry present but off, the servers'
 *     default);</li>
 * <li>{@code sdk}: the OpenTelemetry SDK, recording every span and metric and exporting them in batches (to an
 *     exporter that drops them, so that no network is measured).</li>
 * </ul>
 * It sits in the module's package because the OpenTelemetry instruments are not public API.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class TelemetryOverheadBenchmark {

    private static final Auth0Call CALL = new Auth0Call("GET", "/mfa/authenticators",
            URI.create("https://tenant.example.auth0.com/"));

    @Param({"none", "noop", "sdk"})
    public String telemetry;

    private HttpServer auth0;
    private OpenTelemetrySdk sdk;
    private Instruments instruments;
    private Auth0CallObserver observer;
    private Auth0Client client;
    private StepUpEvent event;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        // Without it, the stub's two writes (head, body) wait for the client's delayed ACK: 40 ms a call.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        auth0 = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] body = "[{\"id\":\"totp|dev_1\",\"authenticator_type\":\"otp\",\"active\":true}]"
                .getBytes(StandardCharsets.UTF_8);
        auth0.createContext("/mfa/authenticators", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        auth0.setExecutor(Executors.newFixedThreadPool(2));
        auth0.start();
        instruments = switch (telemetry) {
            case "none" -> Instruments.NONE;
            case "noop" -> new OpenTelemetryInstruments(OpenTelemetry.noop());
            case "sdk" -> new OpenTelemetryInstruments(sdk = dropping());
            default -> throw new IllegalArgumentException(telemetry);
        };
        URI base = URI.create("http://127.0.0.1:" + auth0.getAddress().getPort() + "/");
        MfaStepUpConfig config = new MfaStepUpConfig("tenant.example.auth0.com", "bench-client-id",
                Optional.of("bench-client-secret"),
                List.of("3b9e1f7ac20d4e68b5f1c9a7e3d20b4f8a6c1e9d7b3f5a0c2e4d6b8f1a3c5e7d"),
                ContextSealer.DEFAULT_TTL, Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(10),
                Optional.of(base), Duration.ofSeconds(30), 8, LimitsStore.MEMORY);
        observer = instruments.auth0Calls();
        client = new Auth0Client(config, StepUpLimits.DEFAULTS, Executors.defaultThreadFactory(), Clock.systemUTC(),
                observer);
        event = new StepUpEvent(StepUpEvent.Outcome.WRONG_CODE, "flow-1", "tenant.example.auth0.com", Factor.OTP,
                null, null, Instant.now());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        client.close();
        instruments.close();
        if (sdk != null) {
            sdk.getSdkTracerProvider().close();
            sdk.getSdkMeterProvider().close();
        }
        auth0.stop(0);
    }

    /**
     * The telemetry of one step alone: a call observed from start to end (the span made current around it) and one
     * event counted, without the call.
     */
    @Benchmark
    public String telemetryOfOneStep() {
        Auth0CallObserver.Observation observation = observer.started(CALL);
        String answer = observation.around(() -> "answered").get();
        observation.answered(200, null);
        instruments.record(event);
        return answer;
    }

    /** One call to Auth0 and one event counted. */
    @Benchmark
    public List<Authenticator> callAndEvent() {
        List<Authenticator> listed = client.listAuthenticators("tenant.example.auth0.com", "raw_mfa_token");
        instruments.record(event);
        return listed;
    }

    /** An SDK that records everything, exports in batches as servers do, and drops what it exports. */
    private static OpenTelemetrySdk dropping() {
        SpanExporter spans = new SpanExporter() {
            @Override
            public CompletableResultCode export(Collection<SpanData> batch) {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode flush() {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode shutdown() {
                return CompletableResultCode.ofSuccess();
            }
        };
        MetricExporter metrics = new MetricExporter() {
            @Override
            public AggregationTemporality getAggregationTemporality(InstrumentType type) {
                return AggregationTemporality.CUMULATIVE;
            }

            @Override
            public CompletableResultCode export(Collection<MetricData> batch) {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode flush() {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode shutdown() {
                return CompletableResultCode.ofSuccess();
            }
        };
        return OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder()
                        .addSpanProcessor(BatchSpanProcessor.builder(spans).build()).build())
                .setMeterProvider(SdkMeterProvider.builder()
                        .registerMetricReader(PeriodicMetricReader.builder(metrics)
                                .setInterval(Duration.ofSeconds(1)).build()).build())
                .build();
    }
}
