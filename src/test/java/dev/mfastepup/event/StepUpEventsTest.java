package dev.mfastepup.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.mfastepup.Factor;
import dev.mfastepup.LogCapture;
import dev.mfastepup.event.StepUpEvent.Outcome;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.ObserverException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Publishing step-up events: what they carry, and that no observer can break a step-up. */
class StepUpEventsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void anEventCarriesWhatHappenedAndWhen() {
        RecordedEvents recorded = new RecordedEvents();

        recorded.publisher(CLOCK).publish(Outcome.CODE_SENT, "flow-1", "tenant.auth0.com", Factor.EMAIL, null, null);

        assertEquals(List.of(new StepUpEvent(Outcome.CODE_SENT, "flow-1", "tenant.auth0.com", Factor.EMAIL, null,
                null, CLOCK.instant())), recorded.all());
    }

    @Test
    @SuppressWarnings("unchecked")
    void anObserverThatThrowsIsLoggedWithItsClassAndTheStepGoesOn() {
        Event<StepUpEvent> events = mock(Event.class);
        doThrow(new ObserverException("card 4111 1111 1111 1111 declined")).when(events).fire(any());
        when(events.fireAsync(any())).thenReturn(CompletableFuture.failedFuture(
                new IllegalStateException("secret-in-message")));

        List<String> warnings;
        try (LogCapture log = new LogCapture(StepUpEvents.class.getName())) {
            new StepUpEvents(events, CLOCK).publish(Outcome.STARTED, "flow-1", "tenant.auth0.com");
            warnings = log.warnings();
        }

        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("jakarta.enterprise.event.ObserverException"), warnings.get(0));
        assertTrue(warnings.get(1).contains("IllegalStateException"), warnings.get(1));
        assertTrue(warnings.stream().noneMatch(w -> w.contains("4111") || w.contains("secret-in-message")),
                warnings.toString());
    }

    @Test
    void theReasonOfAnAuth0RefusalIsFromAClosedSet() {
        assertEquals("auth0_invalid_token", StepUpEvents.auth0Reason("invalid_token"));
        assertEquals("auth0_other", StepUpEvents.auth0Reason("something_new"));
        assertEquals("auth0_other", StepUpEvents.auth0Reason(null));
        assertEquals("idp_unavailable", StepUpEvents.auth0Reason("idp_unavailable"));
    }

    @Test
    void withoutAnEventNothingIsFired() {
        RecordedEvents.none().publish(Outcome.CANCELLED, "flow-1", "tenant.auth0.com");
        StepUpEvents.fire(null, "anything");
    }
}
