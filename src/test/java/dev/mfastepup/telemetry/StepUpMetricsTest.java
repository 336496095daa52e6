package dev.mfastepup.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mfastepup.Factor;
import dev.mfastepup.event.StepUpEvent;
import dev.mfastepup.event.StepUpEvent.Outcome;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The step-up counters, the time to complete and the breakers' gauge, read from an in-memory SDK. */
class StepUpMetricsTest {

    private static final String TENANT = "tenant.example";

    private final TelemetryFixture telemetry = new TelemetryFixture();
    private final OpenTelemetryInstruments instruments = new OpenTelemetryInstruments(telemetry.sdk);

    @AfterEach
    void tearDown() {
        instruments.close();
        telemetry.close();
    }

    @Test
    void startedCompletedAndFailedAreCountedByFactorAndReason() {
        record(Outcome.STARTED, null, null, null);
        record(Outcome.STARTED, null, null, null);
        record(Outcome.STARTED, null, null, null);
        record(Outcome.VERIFIED, Factor.OTP, null, Duration.ofSeconds(12));
        record(Outcome.LOCKED, Factor.SMS, "attempts", null);
        record(Outcome.FAILED, null, "auth0_invalid_grant", null);

        Collection<MetricData> collected = telemetry.collect();
        assertEquals(Map.of(Attributes.of(StepUpMetrics.TENANT, TENANT), 3L), sums(collected,
                "mfa_stepup.step_up.started"));
        assertEquals(Map.of(Attributes.of(StepUpMetrics.TENANT, TENANT, StepUpMetrics.FACTOR, "otp"), 1L),
                sums(collected, "mfa_stepup.step_up.completed"));
        assertEquals(Map.of(
                Attributes.of(StepUpMetrics.TENANT, TENANT, StepUpMetrics.FACTOR, "sms", StepUpMetrics.OUTCOME,
                        "locked", StepUpMetrics.REASON, "attempts"), 1L,
                Attributes.of(StepUpMetrics.TENANT, TENANT, StepUpMetrics.OUTCOME, "failed", StepUpMetrics.REASON,
                        "auth0_invalid_grant"), 1L),
                sums(collected, "mfa_stepup.step_up.failed"));
        assertEquals("{step_up}", TelemetryFixture.metric(collected, "mfa_stepup.step_up.failed").orElseThrow()
                .getUnit());
    }

    @Test
    void expiredAndCancelledAreFailedStepUpsWithoutAReason() {
        record(Outcome.EXPIRED, Factor.EMAIL, null, null);
        record(Outcome.CANCELLED, null, null, null);

        Map<Attributes, Long> failed = sums(telemetry.collect(), "mfa_stepup.step_up.failed");
        assertEquals(Map.of(
                Attributes.of(StepUpMetrics.TENANT, TENANT, StepUpMetrics.FACTOR, "email", StepUpMetrics.OUTCOME,
                        "expired", StepUpMetrics.REASON, "none"), 1L,
                Attributes.of(StepUpMetrics.TENANT, TENANT, StepUpMetrics.OUTCOME, "cancelled", StepUpMetrics.REASON,
                        "none"), 1L), failed);
    }

    @Test
    void stepsWithinAFlowAreCountedAsProgress() {
        record(Outcome.FACTOR_CHOSEN, Factor.SMS, null, null);
        record(Outcome.CODE_SENT, Factor.SMS, null, null);
        record(Outcome.WRONG_CODE, Factor.SMS, null, null);
        record(Outcome.WRONG_CODE, Factor.SMS, null, null);
        record(Outcome.UNIVERSAL_LOGIN, null, null, null);

        Collection<MetricData> collected = telemetry.collect();
        Map<String, Long> byOutcome = sums(collected, "mfa_stepup.step_up.progress").entrySet().stream()
                .collect(Collectors.toMap(entry -> entry.getKey().get(StepUpMetrics.OUTCOME), Map.Entry::getValue));
        assertEquals(Map.of("factor_chosen", 1L, "code_sent", 1L, "wrong_code", 2L, "universal_login", 1L),
                byOutcome);
        assertTrue(TelemetryFixture.metric(collected, "mfa_stepup.step_up.started").isEmpty());
        assertTrue(TelemetryFixture.metric(collected, "mfa_stepup.step_up.failed").isEmpty());
    }

    @Test
    void timeToCompleteIsAHistogramInSeconds() {
        record(Outcome.VERIFIED, Factor.PUSH, null, Duration.ofMillis(8_500));
        record(Outcome.VERIFIED, Factor.PUSH, null, Duration.ofMillis(31_500));

        MetricData duration = TelemetryFixture.metric(telemetry.collect(), "mfa_stepup.step_up.duration")
                .orElseThrow();
        assertEquals("s", duration.getUnit());
        HistogramPointData point = duration.getHistogramData().getPoints().iterator().next();
        assertEquals(2, point.getCount());
        assertEquals(40.0, point.getSum(), 1e-9);
        assertEquals("auth0", point.getAttributes().get(StepUpMetrics.FACTOR));
    }

    @Test
    void eachTenantsBreakerReportsOneForItsStateAndZeroForTheOthers() {
        Map<String, String> states = new LinkedHashMap<>(Map.of("a.example", "closed", "b.example", "open"));
        instruments.watchBreakers(() -> states);

        assertEquals(Map.of("a.example closed", 1L, "a.example open", 0L, "a.example half-open", 0L,
                "b.example closed", 0L, "b.example open", 1L, "b.example half-open", 0L), breakers());

        states.put("b.example", "half-open");
        assertEquals(1L, breakers().get("b.example half-open"));
        assertEquals(0L, breakers().get("b.example open"));
    }

    @Test
    void closedInstrumentsReportNoBreakersAnyMore() {
        instruments.watchBreakers(() -> Map.of("a.example", "open"));
        assertFalse(breakers().isEmpty());

        instruments.close();

        assertTrue(breakers().isEmpty(), "the gauge's callback outlives the application");
    }

    private Map<String, Long> breakers() {
        return TelemetryFixture.metric(telemetry.collect(), "mfa_stepup.auth0.circuit_breaker.state")
                .map(metric -> metric.getLongGaugeData().getPoints().stream().collect(Collectors.toMap(
                        point -> point.getAttributes().get(OpenTelemetryCalls.SERVER_ADDRESS) + " "
                                + point.getAttributes().get(StepUpMetrics.BREAKER_STATE), LongPointData::getValue)))
                .orElse(Map.of());
    }

    private void record(Outcome outcome, Factor factor, String reason, Duration elapsed) {
        instruments.record(new StepUpEvent(outcome, "flow-1", TENANT, factor, reason, elapsed, Instant.now()));
    }

    private static Map<Attributes, Long> sums(Collection<MetricData> collected, String name) {
        return TelemetryFixture.metric(collected, name).orElseThrow().getLongSumData().getPoints().stream()
                .collect(Collectors.toMap(LongPointData::getAttributes, LongPointData::getValue));
    }
}
