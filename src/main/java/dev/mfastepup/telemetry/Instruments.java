package dev.mfastepup.telemetry;

import dev.mfastepup.client.Auth0CallObserver;
import dev.mfastepup.event.StepUpEvent;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What the module records: the calls to Auth0, the step-ups, the circuit breakers. This interface names no
 * OpenTelemetry type, so that the module loads and runs where the server has no OpenTelemetry.
 */
interface Instruments extends AutoCloseable {

    /** Records nothing. */
    Instruments NONE = new Instruments() {
        @Override
        public Auth0CallObserver auth0Calls() {
            return Auth0CallObserver.NONE;
        }

        @Override
        public void record(StepUpEvent event) {
            // nothing to record
        }

        @Override
        public void watchBreakers(Supplier<Map<String, String>> states) {
            // nothing to watch
        }

        @Override
        public void redactQueryOfCurrentSpan(String query) {
            // no span
        }

        @Override
        public void close() {
            // nothing to close
        }
    };

    /** @return the observer of the calls to Auth0. */
    Auth0CallObserver auth0Calls();

    /**
     * Counts an event of a flow.
     *
     * @param event the event.
     */
    void record(StepUpEvent event);

    /**
     * Reports the circuit breakers' states whenever metrics are collected.
     *
     * @param states the state by Auth0 domain: {@code closed}, {@code open} or {@code half-open}.
     */
    void watchBreakers(Supplier<Map<String, String>> states);

    /**
     * Replaces the query of the current span (the server's span of this request) with its names and no values.
     *
     * @param query the request's query, or {@code null} for none.
     */
    void redactQueryOfCurrentSpan(String query);

    /** Stops reporting: the server's OpenTelemetry outlives the application. */
    @Override
    void close();
}
