package dev.mfastepup.telemetry;

import dev.mfastepup.event.StepUpEvent;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableLongGauge;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The step-up metrics, counted from the {@link StepUpEvent}s, and the circuit breakers' gauge:
 * <ul>
 * <li>{@code mfa_stepup.step_up.started}, {@code .completed} and {@code .failed} (counters, {@code {step_up}}); a
 *     failed step-up was locked, expired, cancelled or failed, with its reason;</li>
 * <li>{@code mfa_stepup.step_up.progress} (counter, {@code {event}}): a factor chosen, a code sent, a wrong code,
 *     a hand-over to Universal Login;</li>
 * <li>{@code mfa_stepup.step_up.duration} (histogram, seconds): from the start of a flow to its verification;</li>
 * <li>{@code mfa_stepup.auth0.circuit_breaker.state} (gauge, {@code {state}}): 1 for each tenant's current state,
 *     0 for the others, so that a dashboard can show the state and alert on {@code open}.</li>
 * </ul>
 * Every label comes from a closed set (the tenant's domain, the factor's wire name, the event's reason), never
 * from the user or a secret.
 */
final class StepUpMetrics implements AutoCloseable {

    static final AttributeKey<String> TENANT = AttributeKey.stringKey("mfa_stepup.tenant");
    static final AttributeKey<String> FACTOR = AttributeKey.stringKey("mfa_stepup.factor");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("mfa_stepup.outcome");
    static final AttributeKey<String> REASON = AttributeKey.stringKey("mfa_stepup.reason");
    static final AttributeKey<String> BREAKER_STATE = AttributeKey.stringKey("mfa_stepup.circuit_breaker.state");

    /** From a few seconds (a code typed at once) to Auth0's ten minutes of an {@code mfa_token}. */
    static final List<Double> DURATION_BUCKETS = List.of(2.0, 5.0, 10.0, 20.0, 30.0, 45.0, 60.0, 90.0, 120.0, 180.0,
            300.0, 600.0);

    private static final List<String> BREAKER_STATES = List.of("closed", "open", "half-open");

    private final Meter meter;
    private final LongCounter started;
    private final LongCounter completed;
    private final LongCounter failed;
    private final LongCounter progress;
    private final DoubleHistogram duration;
    private ObservableLongGauge breakers;

    StepUpMetrics(Meter meter) {
        this.meter = meter;
        this.started = meter.counterBuilder("mfa_stepup.step_up.started").setUnit("{step_up}")
                .setDescription("Step-ups started: Auth0 asked for a second factor.").build();
        this.completed = meter.counterBuilder("mfa_stepup.step_up.completed").setUnit("{step_up}")
                .setDescription("Step-ups verified: the token is in the session.").build();
        this.failed = meter.counterBuilder("mfa_stepup.step_up.failed").setUnit("{step_up}")
                .setDescription("Step-ups that ended without a token: locked, expired, cancelled or failed.").build();
        this.progress = meter.counterBuilder("mfa_stepup.step_up.progress").setUnit("{event}")
                .setDescription("Steps within flows: factor chosen, code sent, wrong code, Universal Login.").build();
        this.duration = OpenTelemetryInstruments.withBuckets(meter.histogramBuilder("mfa_stepup.step_up.duration")
                .setUnit("s").setDescription("Time from the start of a step-up to its verification."),
                DURATION_BUCKETS).build();
    }

    void record(StepUpEvent event) {
        AttributesBuilder labels = Attributes.builder();
        if (event.tenant() != null) {
            labels.put(TENANT, event.tenant());
        }
        if (event.factor() != null) {
            labels.put(FACTOR, event.factor().wireName());
        }
        String outcome = event.outcome().name().toLowerCase(Locale.ROOT);
        switch (event.outcome()) {
            case STARTED -> started.add(1, labels.build());
            case VERIFIED -> {
                Attributes verified = labels.build();
                completed.add(1, verified);
                if (event.elapsed() != null) {
                    duration.record(event.elapsed().toMillis() / 1000.0, verified);
                }
            }
            case LOCKED, EXPIRED, CANCELLED, FAILED -> failed.add(1, labels.put(OUTCOME, outcome)
                    .put(REASON, event.reason() == null ? "none" : event.reason()).build());
            default -> progress.add(1, labels.put(OUTCOME, outcome).build());
        }
    }

    synchronized void watchBreakers(Supplier<Map<String, String>> states) {
        if (breakers != null) {
            breakers.close();
        }
        breakers = meter.gaugeBuilder("mfa_stepup.auth0.circuit_breaker.state").ofLongs().setUnit("{state}")
                .setDescription("1 for each Auth0 tenant's circuit breaker state: closed, open or half-open.")
                .buildWithCallback(measurement -> states.get().forEach((domain, state) -> {
                    for (String each : BREAKER_STATES) {
                        measurement.record(each.equals(state) ? 1 : 0, Attributes.of(
                                OpenTelemetryCalls.SERVER_ADDRESS, domain, BREAKER_STATE, each));
                    }
                }));
    }

    @Override
    public synchronized void close() {
        if (breakers != null) {
            breakers.close();
            breakers = null;
        }
    }
}
