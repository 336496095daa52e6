package dev.mfastepup.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mfastepup.MutableClock;
import dev.mfastepup.TestConfigs;
import dev.mfastepup.TestRequests;
import dev.mfastepup.crypto.ContextSealer;
import dev.mfastepup.event.RecordedEvents;
import dev.mfastepup.event.StepUpEvent.Outcome;
import dev.mfastepup.session.PendingStepUp;
import dev.mfastepup.session.SessionContents;
import dev.mfastepup.session.SessionTokenStore;
import dev.mfastepup.session.StepUpFlows;
import dev.mfastepup.session.TokenKey;
import dev.mfastepup.token.MfaRequiredException;
import dev.mfastepup.token.TokenExceptions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The loop breaker on its own; the filter's test covers its answers to every kind of caller. */
class LoopBreakerTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final String AUDIENCE = "https://reports.example.com";
    private static final String SCOPE = "read:reports";
    private static final Duration WINDOW = Duration.ofSeconds(60);

    private final MutableClock clock = new MutableClock(NOW);
    private final StepUpFlows flows = new StepUpFlows(
            new ContextSealer(List.of(TestConfigs.SECRET), Duration.ofSeconds(300), clock), clock,
            Duration.ofSeconds(300));
    private final RecordedEvents events = new RecordedEvents();
    private final LoopBreaker breaker = new LoopBreaker(flows, new SessionTokenStore(), events.publisher(clock),
            clock, PageSet.FACES);
    private final CapturedResponse response = new CapturedResponse();
    private final TestRequests web = WebRequests.get("/reports").build();

    @Test
    void breaksWhenNoStepUpCompletedThenFalseAndTheFlowStays() throws Exception {
        MfaRequiredException required = startFlow();

        assertFalse(breaker.breaks(web.request(), response.response(), CallerKind.PAGE, required, WINDOW));
        assertTrue(events.all().isEmpty());

        assertTrue(flowIsOpen(required));
        assertTrue(response.headers().isEmpty());
    }

    @Test
    void breaksWhenStepUpCompletedWithinTheWindowThenEndsTheFlowAndAnswers() throws Exception {
        completedStepUp(AUDIENCE, SCOPE, NOW.minusSeconds(60));
        MfaRequiredException required = startFlow();

        assertTrue(breaker.breaks(web.request(), response.response(), CallerKind.API, required, WINDOW));

        assertFalse(flowIsOpen(required));
        assertEquals(502, response.status());
        assertTrue(response.body().contains("step_up_loop"), response.body());
        assertEquals(List.of(Outcome.FAILED), events.outcomes());
        assertEquals("loop", events.all().get(0).reason());
        assertEquals(required.flowId(), events.all().get(0).flowId());
    }

    @Test
    void breaksWhenStepUpCompletedInTheFutureThenCountsAsJustNow() throws Exception {
        completedStepUp(AUDIENCE, SCOPE, NOW.plusSeconds(30));

        assertTrue(breaker.breaks(web.request(), response.response(), CallerKind.API, startFlow(), WINDOW));
    }

    @Test
    void breaksWhenStepUpCompletedBeforeTheWindowThenFalse() throws Exception {
        completedStepUp(AUDIENCE, SCOPE, NOW.minusSeconds(61));

        assertFalse(breaker.breaks(web.request(), response.response(), CallerKind.PAGE, startFlow(), WINDOW));
    }

    @Test
    void breaksWhenOtherScopeCompletedThenFalse() throws Exception {
        completedStepUp(AUDIENCE, "write:reports", NOW);

        assertFalse(breaker.breaks(web.request(), response.response(), CallerKind.PAGE, startFlow(), WINDOW));
    }

    @Test
    void breaksWhenWindowIsZeroThenNever() throws Exception {
        completedStepUp(AUDIENCE, SCOPE, NOW);

        assertFalse(breaker.breaks(web.request(), response.response(), CallerKind.PAGE, startFlow(),
                Duration.ZERO));
    }

    private MfaRequiredException startFlow() {
        PendingStepUp pending = flows.start(web.session(), "auth0|alice", "tenant.auth0.com",
                new TokenKey(AUDIENCE, SCOPE), "MFATOK-CANARY-9", null);
        return TokenExceptions.mfaRequired(pending.flowId(), AUDIENCE, SCOPE, null);
    }

    private boolean flowIsOpen(MfaRequiredException required) {
        return SessionContents.flowIfAny(web.session(), required.flowId()).isPresent();
    }

    private void completedStepUp(String audience, String scope, Instant at) {
        SessionContents.recordStepUp(web.session(), new TokenKey(audience, scope), at);
    }
}
