package dev.mfastepup.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * A stand-in for an OpenTelemetry Collector: takes what a server exports over OTLP/HTTP (protobuf), keeps every
 * request's bytes for the canary checks, and reads the spans and metrics of the module's instrumentation scope.
 */
final class OtlpReceiver implements AutoCloseable {

    /** The module's instrumentation scope. */
    static final String SCOPE = "dev.mfastepup";

    private final HttpServer server;
    private final List<String> otherExports = new ArrayList<>();
    private final List<ExportTraceServiceRequest> traceExports = new ArrayList<>();
    private final List<Span> spans = new ArrayList<>();
    private final List<Span> allSpans = new ArrayList<>();
    private final List<Metric> metrics = new ArrayList<>();

    private OtlpReceiver(HttpServer server) {
        this.server = server;
        server.createContext("/v1/traces", exchange -> take(exchange, body -> {
            ExportTraceServiceRequest export = ExportTraceServiceRequest.parseFrom(body);
            traceExports.add(export);
            export.getResourceSpansList().forEach(resource -> resource.getScopeSpansList().forEach(scope -> {
                allSpans.addAll(scope.getSpansList());
                if (scope.getScope().getName().equals(SCOPE)) {
                    spans.addAll(scope.getSpansList());
                }
            }));
        }));
        server.createContext("/v1/metrics", exchange -> take(exchange, body -> {
            ExportMetricsServiceRequest export = ExportMetricsServiceRequest.parseFrom(body);
            otherExports.add(export.toString());
            export.getResourceMetricsList().forEach(resource -> resource.getScopeMetricsList().stream()
                    .filter(scope -> scope.getScope().getName().equals(SCOPE))
                    .forEach(scope -> metrics.addAll(scope.getMetricsList())));
        }));
        server.createContext("/", exchange -> take(exchange,
                body -> otherExports.add(new String(body, StandardCharsets.ISO_8859_1))));
        server.start();
    }

    /** @return a receiver on a free port of the loopback address. */
    static OtlpReceiver start() {
        try {
            return new OtlpReceiver(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The MicroProfile Config of an application that exports its traces and metrics here, often.
     *
     * @return the properties.
     */
    Map<String, String> exportingConfig() {
        return Map.of("otel.sdk.disabled", "false", "otel.service.name", "mfa-stepup-it",
                "otel.traces.exporter", "otlp", "otel.metrics.exporter", "otlp", "otel.logs.exporter", "none",
                "otel.exporter.otlp.protocol", "http/protobuf",
                "otel.exporter.otlp.endpoint", "http://127.0.0.1:" + server.getAddress().getPort(),
                "otel.metric.export.interval", "500", "otel.bsp.schedule.delay", "200");
    }

    /** @return the spans of the module received so far. */
    synchronized List<Span> spans() {
        return List.copyOf(spans);
    }

    /** @return the spans of every instrumentation scope received so far: the server's and the module's. */
    synchronized List<Span> allSpans() {
        return List.copyOf(allSpans);
    }

    /** @return the metrics of the module received so far, one entry per export. */
    synchronized List<Metric> metrics() {
        return List.copyOf(metrics);
    }

    /**
     * Everything received so far as text, for the canary checks: each span of every scope (but those left out) with
     * its resource, every metric of every scope with its attributes, and anything else as it came.
     *
     * @param leftOut the spans to leave out, such as the server's spans of a test's own requests.
     * @return the text.
     */
    synchronized String everythingBut(Predicate<Span> leftOut) {
        StringBuilder all = new StringBuilder();
        for (ExportTraceServiceRequest export : traceExports) {
            export.getResourceSpansList().forEach(resource -> {
                all.append(resource.getResource()).append('\n');
                resource.getScopeSpansList().forEach(scope -> scope.getSpansList().stream()
                        .filter(leftOut.negate()).forEach(span -> all.append(span).append('\n')));
            });
        }
        otherExports.forEach(export -> all.append(export).append('\n'));
        return all.toString();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void take(HttpExchange exchange, Reader reader) throws IOException {
        byte[] body;
        try (InputStream in = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        synchronized (this) {
            reader.read(body);
        }
        exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
    }

    /** Reads one request's body. */
    @FunctionalInterface
    private interface Reader {
        void read(byte[] body) throws IOException;
    }
}
