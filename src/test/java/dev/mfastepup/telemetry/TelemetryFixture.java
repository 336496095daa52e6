package dev.mfastepup.telemetry;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** An OpenTelemetry SDK whose spans and metrics stay in memory, for the tests to read. */
final class TelemetryFixture implements AutoCloseable {

    final InMemorySpanExporter spans = InMemorySpanExporter.create();
    final InMemoryMetricReader metrics = InMemoryMetricReader.create();
    final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
            .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
            .build();

    /** @return the spans ended so far. */
    List<SpanData> spans() {
        return spans.getFinishedSpanItems();
    }

    /** @return every metric recorded so far, collected now. */
    Collection<MetricData> collect() {
        return metrics.collectAllMetrics();
    }

    /**
     * @param name the metric's name.
     * @return the metric, from a collection made now.
     */
    static Optional<MetricData> metric(Collection<MetricData> collected, String name) {
        return collected.stream().filter(metric -> metric.getName().equals(name)).findFirst();
    }

    /** @return the attributes of every span and every point of every metric: what the canary checks read. */
    List<Attributes> everyAttribute(Collection<MetricData> collected) {
        List<Attributes> all = new ArrayList<>();
        spans().forEach(span -> all.add(span.getAttributes()));
        for (MetricData metric : collected) {
            for (PointData point : metric.getData().getPoints()) {
                all.add(point.getAttributes());
            }
        }
        return all;
    }

    @Override
    public void close() {
        sdk.getSdkTracerProvider().close();
        sdk.getSdkMeterProvider().close();
    }
}
