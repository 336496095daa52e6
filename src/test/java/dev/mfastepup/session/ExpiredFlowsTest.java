package dev.mfastepup.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mfastepup.MfaTokenExpiredException;
import dev.mfastepup.MutableClock;
import dev.mfastepup.TestConfigs;
import dev.mfastepup.TestRequests;
import dev.mfastepup.crypto.ContextSealer;
import dev.mfastepup.session.PendingStepUp.ReturnTo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The flows whose {@code mfa_token} expired, remembered so that Universal Login can take over: found by the id the
 * page showed, for a while only, and a few at most.
 */
class ExpiredFlowsTest {

    private static final TokenKey KEY = new TokenKey("https://reports.example.com", "read:reports");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
    private final StepUpFlows flows = new StepUpFlows(
            new ContextSealer(List.of(TestConfigs.SECRET), Duration.ofSeconds(300), clock), clock,
            Duration.ofSeconds(300));
    private final TestRequests web = TestRequests.withSession();

    @Test
    void aFlowFoundExpiredIsRememberedWithItsKeyAndPageButNotItsToken() {
        PendingStepUp pending = flows.start(web.session(), "auth0|alice", "tenant", KEY, "MFATOK-CANARY-5", null);
        flows.rememberReturnTo(web.session(), pending.flowId(), new ReturnTo("/reports?id=7", false));
        clock.advance(Duration.ofSeconds(301));

        assertThrows(MfaTokenExpiredException.class,
                () -> flows.open(web.session(), pending.flowId(), "auth0|alice", "tenant"));

        ExpiredFlows.Expired expired = ExpiredFlows.find(web.session(), pending.flowId(), clock.instant())
                .orElseThrow();
        assertEquals(pending.flowId(), expired.flowId());
        assertTrue(expired.key().sameAs(KEY));
        assertEquals(new ReturnTo("/reports?id=7", false), expired.returnTo());
        assertTrue(flows.find(web.session(), pending.flowId()).isEmpty(), "the flow itself is gone");
    }

    @Test
    void aFlowRefusedForAnotherReasonIsNotRemembered() {
        PendingStepUp pending = flows.start(web.session(), "auth0|alice", "tenant", KEY, "MFATOK-CANARY-5", null);

        assertThrows(RuntimeException.class, () -> flows.open(web.session(), pending.flowId(), "auth0|mallory",
                "tenant"));

        assertTrue(ExpiredFlows.find(web.session(), pending.flowId(), clock.instant()).isEmpty());
    }

    @Test
    void itIsForgottenAfterItsTimeAndPastTheMostASessionKeeps() {
        PendingStepUp first = pending();
        ExpiredFlows.remember(web.session(), first.flowId(), first, clock.instant());
        assertTrue(ExpiredFlows.find(web.session(), first.flowId(),
                clock.instant().plus(ExpiredFlows.KEPT)).isPresent());
        assertTrue(ExpiredFlows.find(web.session(), first.flowId(),
                clock.instant().plus(ExpiredFlows.KEPT).plusSeconds(1)).isEmpty());

        for (int i = 0; i < ExpiredFlows.MAX_REMEMBERED; i++) {
            PendingStepUp next = pending();
            ExpiredFlows.remember(web.session(), next.flowId(), next, clock.instant());
        }
        assertTrue(ExpiredFlows.find(web.session(), first.flowId(), clock.instant()).isEmpty(), "the oldest went");
    }

    @Test
    void nothingIsFoundWithoutASessionOrAnId() {
        assertTrue(ExpiredFlows.find(null, "id", clock.instant()).isEmpty());
        assertTrue(ExpiredFlows.find(web.session(), null, clock.instant()).isEmpty());
    }

    private PendingStepUp pending() {
        return flows.start(web.session(), "auth0|alice", "tenant", KEY, "MFATOK-CANARY-5", null);
    }
}
