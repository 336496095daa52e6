package dev.mfastepup.telemetry;

import dev.mfastepup.client.Auth0CallObserver;
import dev.mfastepup.event.StepUpEvent;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The module's traces and metrics: recorded through the server's OpenTelemetry (MicroProfile Telemetry) where the
 * application can see it, and nowhere else. Every step-up event is counted; the {@link #auth0Calls()} observer
 * goes to the Auth0 client.
 *
 * <p>The server decides whether anything leaves the process: MicroProfile Telemetry is off until
 * {@code otel.sdk.disabled=false}, and until then every span and metric here is a no-op of the server's.
 *
 * @since 0.2
 */
@ApplicationScoped
public class ModuleTelemetry {

    private static final Logger logger = Logger.getLogger(ModuleTelemetry.class.getName());

    /** A class of the OpenTelemetry API, looked for before any class of ours that uses it is loaded. */
    private static final String OPEN_TELEMETRY_API = "io.opentelemetry.api.OpenTelemetry";

    private Instruments instruments = Instruments.NONE;

    @PostConstruct
    void start() {
        instruments = find();
    }

    @PreDestroy
    void stop() {
        instruments.close();
    }

    /**
     * The observer of every call to Auth0: a client span and the HTTP client metrics.
     *
     * @return the observer; {@link Auth0CallObserver#NONE} without OpenTelemetry.
     */
    public Auth0CallObserver auth0Calls() {
        return instruments.auth0Calls();
    }

    /**
     * Reports the circuit breakers' states as a gauge.
     *
     * @param states the state by Auth0 domain, read whenever metrics are collected.
     */
    public void watchBreakers(Supplier<Map<String, String>> states) {
        instruments.watchBreakers(states);
    }

    /**
     * Keeps the values of this request's query out of the server's span of it: MicroProfile Telemetry 2 records
     * {@code url.query} of every request, and some of the module's addresses carry a secret there (the code Auth0
     * sends back to the Universal Login callback). Call it on the request's thread.
     *
     * @param request the request.
     */
    public void redactQuery(HttpServletRequest request) {
        instruments.redactQueryOfCurrentSpan(request.getQueryString());
    }

    /**
     * Counts a step-up event.
     *
     * @param event the event.
     */
    void record(@Observes StepUpEvent event) {
        instruments.record(event);
    }

    private static Instruments find() {
        try {
            Class.forName(OPEN_TELEMETRY_API, false, ModuleTelemetry.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError absent) {
            logger.fine("No OpenTelemetry API visible: no traces or metrics of the module");
            return Instruments.NONE;
        }
        // Only now is a class that names OpenTelemetry types loaded.
        return OpenTelemetryInstruments.fromServer();
    }
}
