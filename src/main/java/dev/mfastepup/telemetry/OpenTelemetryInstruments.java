package dev.mfastepup.telemetry;

import dev.mfastepup.client.Auth0CallObserver;
import dev.mfastepup.client.TelemetryHeadersFilter;
import dev.mfastepup.event.StepUpEvent;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.metrics.DoubleHistogramBuilder;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The {@link Instruments} over an {@link OpenTelemetry}: the server's, from CDI (MicroProfile Telemetry makes it a
 * bean), or one a test builds. It uses no OpenTelemetry API newer than 1.29, the oldest a supported server has
 * (Payara 6).
 */
final class OpenTelemetryInstruments implements Instruments {

    /** The instrumentation scope of every span and metric of the module. */
    static final String SCOPE = "dev.mfastepup";

    private static final AttributeKey<String> URL_QUERY = AttributeKey.stringKey("url.query");

    private static final Logger logger = Logger.getLogger(OpenTelemetryInstruments.class.getName());

    private final OpenTelemetryCalls calls;
    private final StepUpMetrics stepUps;

    OpenTelemetryInstruments(OpenTelemetry telemetry) {
        String version = TelemetryHeadersFilter.version();
        Tracer tracer = telemetry.getTracerProvider().tracerBuilder(SCOPE).setInstrumentationVersion(version).build();
        Meter meter = telemetry.getMeterProvider().meterBuilder(SCOPE).setInstrumentationVersion(version).build();
        this.calls = new OpenTelemetryCalls(tracer, meter);
        this.stepUps = new StepUpMetrics(meter);
    }

    /** @return the instruments over the server's {@code OpenTelemetry} bean, or none when it has no such bean. */
    static Instruments fromServer() {
        try {
            Instance<OpenTelemetry> found = CDI.current().select(OpenTelemetry.class);
            if (!found.isResolvable()) {
                logger.fine("No OpenTelemetry bean: no traces or metrics of the module");
                return Instruments.NONE;
            }
            logger.info("Traces and metrics of the module go to the server's OpenTelemetry (MicroProfile Telemetry)");
            return new OpenTelemetryInstruments(found.get());
        } catch (RuntimeException | LinkageError unusable) {
            // An OpenTelemetry API the application sees but cannot use must not stop the module.
            logger.log(Level.WARNING, "The server's OpenTelemetry cannot be used ({0}): no traces or metrics of "
                    + "the module", unusable.getClass().getName());
            return Instruments.NONE;
        }
    }

    /**
     * Advises the SDK of a histogram's bucket boundaries, where its API has the method (1.32 and later): the SDK's
     * default buckets are made for milliseconds, and these histograms are in seconds, as the semantic conventions
     * ask. Called by reflection, because the module compiles against the oldest API it runs on.
     */
    static DoubleHistogramBuilder withBuckets(DoubleHistogramBuilder builder, List<Double> boundaries) {
        try {
            Method advice = DoubleHistogramBuilder.class.getMethod("setExplicitBucketBoundariesAdvice", List.class);
            return (DoubleHistogramBuilder) advice.invoke(builder, boundaries);
        } catch (ReflectiveOperationException | RuntimeException olderApi) {
            return builder;
        }
    }

    @Override
    public Auth0CallObserver auth0Calls() {
        return calls;
    }

    @Override
    public void record(StepUpEvent event) {
        stepUps.record(event);
    }

    @Override
    public void watchBreakers(Supplier<Map<String, String>> states) {
        stepUps.watchBreakers(states);
    }

    @Override
    public void redactQueryOfCurrentSpan(String query) {
        Span current = Span.current();
        if (query != null && current.isRecording()) {
            current.setAttribute(URL_QUERY, redacted(query));
        }
    }

    /** Each parameter's name with the value {@code REDACTED}, as the semantic conventions advise for secrets. */
    static String redacted(String query) {
        return Arrays.stream(query.split("&")).filter(parameter -> !parameter.isEmpty())
                .map(parameter -> parameter.split("=", 2)[0] + "=REDACTED").collect(Collectors.joining("&"));
    }

    @Override
    public void close() {
        stepUps.close();
    }
}
