package dev.mfastepup.telemetry;

import dev.mfastepup.client.Auth0Call;
import dev.mfastepup.client.Auth0CallObserver;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongUpDownCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.net.URI;
import java.util.List;
import java.util.function.Supplier;

/**
 * A client span and the HTTP client metrics of each call to Auth0, named as OpenTelemetry's semantic conventions
 * for HTTP clients name them: the span {@code POST /oauth/token}, the histogram {@code http.client.request.duration}
 * (seconds) and the up-down counter {@code http.client.active_requests}.
 *
 * <p>The attributes are the method, the server's address and port, the path template ({@code url.template}), the
 * URL with that template ({@code url.full}: the protocol puts no secret in a URL, and an authenticator's id stays
 * {@code {id}}), the status, and on failure {@code error.type} (the status, or the module's code such as
 * {@code idp_unavailable}). Auth0's error code is {@code mfa_stepup.auth0.error}, from a closed set.
 */
final class OpenTelemetryCalls implements Auth0CallObserver {

    static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
    static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
    static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
    static final AttributeKey<String> URL_TEMPLATE = AttributeKey.stringKey("url.template");
    static final AttributeKey<String> URL_FULL = AttributeKey.stringKey("url.full");
    static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    static final AttributeKey<String> AUTH0_ERROR = AttributeKey.stringKey("mfa_stepup.auth0.error");

    /** The boundaries the semantic conventions advise for {@code http.client.request.duration}, in seconds. */
    static final List<Double> DURATION_BUCKETS = List.of(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0,
            2.5, 5.0, 7.5, 10.0);

    private final Tracer tracer;
    private final DoubleHistogram duration;
    private final LongUpDownCounter active;

    OpenTelemetryCalls(Tracer tracer, Meter meter) {
        this.tracer = tracer;
        this.duration = OpenTelemetryInstruments.withBuckets(meter.histogramBuilder("http.client.request.duration")
                .setUnit("s").setDescription("Duration of the calls to Auth0."), DURATION_BUCKETS).build();
        this.active = meter.upDownCounterBuilder("http.client.active_requests").setUnit("{request}")
                .setDescription("Calls to Auth0 in flight.").build();
    }

    @Override
    public Observation started(Auth0Call call) {
        URI base = call.baseUri();
        Attributes identity = Attributes.of(METHOD, call.method(), SERVER_ADDRESS, String.valueOf(base.getHost()),
                SERVER_PORT, (long) port(base), URL_TEMPLATE, call.route());
        // Started on the request thread: the current span, the request's, is the parent.
        Span span = tracer.spanBuilder(call.method() + " " + call.route()).setSpanKind(SpanKind.CLIENT)
                .setAllAttributes(identity).setAttribute(URL_FULL, call.url()).startSpan();
        active.add(1, identity);
        return new CallObservation(span, identity, System.nanoTime());
    }

    private static int port(URI base) {
        return base.getPort() >= 0 ? base.getPort() : "http".equalsIgnoreCase(base.getScheme()) ? 80 : 443;
    }

    /** One call: its span, and its metrics when it ends. */
    private final class CallObservation implements Observation {

        private final Span span;
        private final Attributes identity;
        private final long startNanos;

        CallObservation(Span span, Attributes identity, long startNanos) {
            this.span = span;
            this.identity = identity;
            this.startNanos = startNanos;
        }

        @Override
        public <T> Supplier<T> around(Supplier<T> call) {
            // The call runs on the client's pool: the span is made current there, so that an instrumented
            // Rest Client makes its own span a child of this one and sends its traceparent.
            return () -> {
                Scope scope = span.makeCurrent();
                try {
                    return call.get();
                } finally {
                    scope.close();
                }
            };
        }

        @Override
        public void answered(int status, String auth0Error) {
            AttributesBuilder outcome = identity.toBuilder().put(STATUS, (long) status);
            if (status >= 400) {
                outcome.put(ERROR_TYPE, Integer.toString(status));
            }
            if (auth0Error != null) {
                span.setAttribute(AUTH0_ERROR, auth0Error);
            }
            end(outcome.build(), status >= 400);
        }

        @Override
        public void failed(int status, String errorCode) {
            AttributesBuilder outcome = identity.toBuilder().put(ERROR_TYPE, errorCode);
            if (status > 0) {
                outcome.put(STATUS, (long) status);
            }
            end(outcome.build(), true);
        }

        private void end(Attributes outcome, boolean failed) {
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            span.setAllAttributes(outcome);
            if (failed) {
                span.setStatus(StatusCode.ERROR);
            }
            span.end();
            duration.record(seconds, outcome);
            active.add(-1, identity);
        }
    }
}
