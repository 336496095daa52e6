package dev.mfastepup.it;

import dev.mfastepup.event.StepUpEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An application's observers of {@link StepUpEvent}, one synchronous and one asynchronous, and a third that throws
 * at every event: the step-ups must go on regardless.
 */
@ApplicationScoped
public class StepUpEventLog {

    private final List<String> sync = new CopyOnWriteArrayList<>();
    private final List<String> async = new CopyOnWriteArrayList<>();

    void onEvent(@Observes @Priority(1) StepUpEvent event) {
        sync.add(line(event));
    }

    void onEventLater(@ObservesAsync StepUpEvent event) {
        async.add(line(event));
    }

    /** Called after {@link #onEvent}: an observer that throws ends the notification of the ones after it. */
    void failOnEvent(@Observes @Priority(1000) StepUpEvent event) {
        throw new IllegalStateException("an application's observer that fails at " + event.outcome());
    }

    /** @return what the synchronous observer saw, one line per event. */
    List<String> sync() {
        return List.copyOf(sync);
    }

    /** @return what the asynchronous observer saw so far, one line per event. */
    List<String> async() {
        return List.copyOf(async);
    }

    /** The flow, the outcome, and the factor, reason and tenant when there are. */
    private static String line(StepUpEvent event) {
        return event.flowId() + " " + event.outcome() + (event.factor() == null ? "" : " " + event.factor())
                + (event.reason() == null ? "" : " " + event.reason()) + " " + event.tenant();
    }
}
