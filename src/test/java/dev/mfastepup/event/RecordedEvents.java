package dev.mfastepup.event;

import dev.mfastepup.event.StepUpEvent.Outcome;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;
import java.lang.annotation.Annotation;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The step-up events a test's module fired, in order: a CDI {@link Event} without a container, which also gives
 * the {@link StepUpEvents} to wire into the parts.
 */
public final class RecordedEvents implements Event<StepUpEvent> {

    private final List<StepUpEvent> fired = new CopyOnWriteArrayList<>();

    /**
     * @param clock the module's clock.
     * @return a publisher that records here.
     */
    public StepUpEvents publisher(Clock clock) {
        return new StepUpEvents(this, clock);
    }

    /** @return a publisher that records nowhere, for tests that do not look at events. */
    public static StepUpEvents none() {
        return new StepUpEvents(null, Clock.systemUTC());
    }

    /** @return the events fired so far, in order. */
    public List<StepUpEvent> all() {
        return List.copyOf(fired);
    }

    /** @return the outcomes fired so far, in order. */
    public List<Outcome> outcomes() {
        return fired.stream().map(StepUpEvent::outcome).toList();
    }

    @Override
    public void fire(StepUpEvent event) {
        fired.add(event);
    }

    @Override
    public <U extends StepUpEvent> CompletionStage<U> fireAsync(U event) {
        return CompletableFuture.completedFuture(event);
    }

    @Override
    public <U extends StepUpEvent> CompletionStage<U> fireAsync(U event, NotificationOptions options) {
        return CompletableFuture.completedFuture(event);
    }

    @Override
    public Event<StepUpEvent> select(Annotation... qualifiers) {
        return this;
    }

    @Override
    public <U extends StepUpEvent> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
        throw new UnsupportedOperationException();
    }

    @Override
    public <U extends StepUpEvent> Event<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
        throw new UnsupportedOperationException();
    }
}
