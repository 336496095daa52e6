package dev.mfastepup.event;

import dev.mfastepup.Auth0Error;
import dev.mfastepup.ErrorCodes;
import dev.mfastepup.Factor;
import dev.mfastepup.config.ModuleClock;
import dev.mfastepup.event.StepUpEvent.Outcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.logging.Logger;

/**
 * Fires {@link StepUpEvent}s (internal: the parts of the module inject it) to the application's observers, synchronous and asynchronous, so that none of them can
 * break a step-up: an observer's exception is logged (its class, never its message, which could hold anything) and
 * the step goes on.
 *
 * @since 0.2
 */
@ApplicationScoped
public class StepUpEvents {

    private static final Logger logger = Logger.getLogger(StepUpEvents.class.getName());

    private Event<StepUpEvent> events;
    private Clock clock;

    StepUpEvents() {
        // for CDI's proxy
    }

    /**
     * Creates the publisher; CDI calls this.
     *
     * @param events the CDI event to fire, or {@code null} to fire nothing.
     * @param clock the module's clock.
     */
    @Inject
    StepUpEvents(Event<StepUpEvent> events, @ModuleClock Clock clock) {
        this.events = events;
        this.clock = Objects.requireNonNull(clock, "clock cannot be null");
    }

    /**
     * Publishes an outcome that concerns no factor and has no reason.
     *
     * @param outcome what happened.
     * @param flowId the flow id, or {@code null}.
     * @param tenant the Auth0 domain.
     */
    public void publish(Outcome outcome, String flowId, String tenant) {
        publish(outcome, flowId, tenant, null, null, null);
    }

    /**
     * Publishes an outcome.
     *
     * @param outcome what happened.
     * @param flowId the flow id, or {@code null}.
     * @param tenant the Auth0 domain.
     * @param factor the factor, or {@code null}.
     * @param reason why, or {@code null}.
     * @param elapsed the time since the flow started, or {@code null}.
     */
    public void publish(Outcome outcome, String flowId, String tenant, Factor factor, String reason,
            Duration elapsed) {
        fire(events, new StepUpEvent(outcome, flowId, tenant, factor, reason, elapsed, clock.instant()));
    }

    /**
     * Fires an event to its synchronous observers, then to its asynchronous ones; an observer that throws is logged
     * with its exception's class and the step goes on. The module fires every event of this package so.
     *
     * @param <T> the event's type.
     * @param event the CDI event, or {@code null} to fire nothing.
     * @param payload the event.
     */
    public static <T> void fire(Event<T> event, T payload) {
        if (event == null) {
            return;
        }
        String type = payload.getClass().getSimpleName();
        try {
            event.fire(payload);
        } catch (RuntimeException observerFailed) {
            logger.warning(() -> "An observer of " + type + " threw " + observerFailed.getClass().getName()
                    + "; the step-up goes on");
        }
        try {
            CompletionStage<T> delivered = event.fireAsync(payload);
            if (delivered != null) {
                delivered.exceptionally(observerFailed -> {
                    logger.warning(() -> "An asynchronous observer of " + type + " threw "
                            + observerFailed.getClass().getName());
                    return null;
                });
            }
        } catch (RuntimeException notStarted) {
            logger.warning(() -> type + " could not be fired to asynchronous observers: "
                    + notStarted.getClass().getName());
        }
    }

    /**
     * The reason of a step Auth0 refused or did not answer: the module's own code when Auth0 could not be asked
     * ({@code idp_unavailable}, {@code idp_bad_response}, {@code idp_busy}); else {@code auth0_} and Auth0's code
     * when the module knows it, or {@code auth0_other}. A closed set, fit for a metric's label.
     *
     * @param code the {@code IdpException}'s code.
     * @return the reason.
     */
    public static String auth0Reason(String code) {
        if (ErrorCodes.IDP_UNAVAILABLE.equals(code) || ErrorCodes.IDP_BAD_RESPONSE.equals(code)
                || ErrorCodes.IDP_BUSY.equals(code)) {
            return code;
        }
        Auth0Error known = Auth0Error.of(code);
        return known == Auth0Error.OTHER ? "auth0_other" : "auth0_" + known.code();
    }
}
