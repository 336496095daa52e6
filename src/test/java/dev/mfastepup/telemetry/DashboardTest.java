package dev.mfastepup.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mfastepup.Factor;
import dev.mfastepup.client.Auth0Call;
import dev.mfastepup.event.StepUpEvent;
import dev.mfastepup.event.StepUpEvent.Outcome;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.MetricDataType;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard in {@code docs/dashboards} asks Prometheus only for the metrics and labels the module
 * exports, under the names the OpenTelemetry Collector gives them in Prometheus (dots become underscores, seconds
 * add {@code _seconds}, a counter adds {@code _total}, a histogram is its {@code _bucket}, {@code _sum} and
 * {@code _count}), and it shows every one of them: a renamed metric or label fails here, not on the operator's
 * screen.
 */
class DashboardTest {

    private static final Path DASHBOARD = Path.of("docs", "dashboards", "mfa-stepup.json");
    private static final Pattern EXPR = Pattern.compile("\"(?:expr|query)\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern METRIC = Pattern.compile("\\b([a-z0-9_]+)\\{");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(([a-z0-9_]+),\\s*([a-z0-9_]+)\\)");
    private static final Pattern BY = Pattern.compile("by \\(([a-z0-9_, ]+)\\)");
    private static final Pattern SELECTOR_LABEL = Pattern.compile("[{,]\\s*([a-z0-9_]+)\\s*(?:=~|!=|=)");

    private final TelemetryFixture telemetry = new TelemetryFixture();
    private final OpenTelemetryInstruments instruments = new OpenTelemetryInstruments(telemetry.sdk);

    @AfterEach
    void tearDown() {
        instruments.close();
        telemetry.close();
    }

    @Test
    void everyQueryNamesAMetricAndLabelsTheModuleExportsAndEveryMetricIsShown() throws IOException {
        Set<String> metrics = new TreeSet<>();
        Set<String> labels = new TreeSet<>(Set.of("le", "otel_scope_name"));
        Set<String> shown = new TreeSet<>();
        for (MetricData metric : everyMetric()) {
            String name = metric.getName().replace('.', '_') + ("s".equals(metric.getUnit()) ? "_seconds" : "");
            if (metric.getType() == MetricDataType.HISTOGRAM) {
                metrics.addAll(Set.of(name + "_bucket", name + "_sum", name + "_count"));
            } else if (metric.getType() == MetricDataType.LONG_SUM && metric.getLongSumData().isMonotonic()) {
                metrics.add(name + "_total");
            } else {
                metrics.add(name);
            }
            metric.getData().getPoints().forEach(point -> point.getAttributes().forEach(
                    (key, value) -> labels.add(key.getKey().replace('.', '_'))));
            shown.add(name);
        }

        Set<String> queriedMetrics = new TreeSet<>();
        Set<String> queriedLabels = new TreeSet<>();
        Matcher query = EXPR.matcher(Files.readString(DASHBOARD));
        while (query.find()) {
            String expr = query.group(1).replace("\\\"", "\"");
            find(METRIC, expr, 1, queriedMetrics);
            find(LABEL_VALUES, expr, 1, queriedMetrics);
            find(LABEL_VALUES, expr, 2, queriedLabels);
            find(SELECTOR_LABEL, expr, 1, queriedLabels);
            Matcher by = BY.matcher(expr);
            while (by.find()) {
                for (String label : by.group(1).split(",")) {
                    queriedLabels.add(label.strip());
                }
            }
        }

        assertTrue(metrics.containsAll(queriedMetrics), "not exported: " + minus(queriedMetrics, metrics));
        assertTrue(labels.containsAll(queriedLabels), "not exported: " + minus(queriedLabels, labels));
        for (String name : shown) {
            assertTrue(queriedMetrics.stream().anyMatch(queried -> queried.startsWith(name)), name + " not shown");
        }
        assertEquals(8, shown.size(), "the module's metrics: " + shown);
    }

    /** Records each instrument once, with every attribute it can carry. */
    private java.util.Collection<MetricData> everyMetric() {
        for (Outcome outcome : Outcome.values()) {
            instruments.record(new StepUpEvent(outcome, "flow", "tenant.example", Factor.SMS, "attempts",
                    outcome == Outcome.VERIFIED ? Duration.ofSeconds(9) : null, Instant.now()));
        }
        var call = instruments.auth0Calls().started(new Auth0Call("POST", "/oauth/token",
                URI.create("https://tenant.example/")));
        call.answered(403, "mfa_required");
        instruments.watchBreakers(() -> Map.of("tenant.example", "open"));
        return telemetry.collect();
    }

    private static void find(Pattern pattern, String text, int group, Set<String> into) {
        Matcher found = pattern.matcher(text);
        while (found.find()) {
            into.add(found.group(group));
        }
    }

    private static Set<String> minus(Set<String> all, Set<String> known) {
        Set<String> left = new TreeSet<>(all);
        left.removeAll(known);
        return left;
    }
}
