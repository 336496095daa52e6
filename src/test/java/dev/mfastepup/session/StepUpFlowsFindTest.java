package dev.mfastepup.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mfastepup.MutableClock;
import dev.mfastepup.TestConfigs;
import dev.mfastepup.TestRequests;
import dev.mfastepup.crypto.ContextSealer;
import jakarta.servlet.http.HttpSession;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reads other packages make through {@link StepUpFlows}: a flow by its id or an entry id, and the newest. */
class StepUpFlowsFindTest {

    private static final Duration TTL = Duration.ofSeconds(300);
    private static final TokenKey REPORTS_KEY = new TokenKey("https://api.example.com", "read:reports");
    private static final TokenKey ADMIN_KEY = new TokenKey("https://admin.example.com", "");
    private static final PendingStepUp.ReturnTo REPORTS = new PendingStepUp.ReturnTo("/reports", false);
    private static final PendingStepUp.ReturnTo INVOICES = new PendingStepUp.ReturnTo("/invoices", false);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
    private final StepUpFlows flows = new StepUpFlows(
            new ContextSealer(List.of(TestConfigs.SECRET), TTL, clock), clock, TTL);
    private final HttpSession session = TestRequests.replicated().session();

    private PendingStepUp start(TokenKey key) {
        return flows.start(session, "auth0|alice", "tenant.example.com", key, "MFATOK-CANARY", null);
    }

    @Test
    void findWhenFlowIdThenTheFlowWithItsOwnReturnPath() {
        PendingStepUp started = start(REPORTS_KEY);
        flows.rememberReturnTo(session, started.flowId(), REPORTS);

        assertEquals(REPORTS, flows.find(session, started.flowId()).orElseThrow().returnTo());
    }

    @Test
    void findWhenEntryIdThenTheSameFlowWithTheEntrysReturnPath() {
        PendingStepUp started = start(REPORTS_KEY);
        flows.rememberReturnTo(session, started.flowId(), REPORTS);
        String entry = flows.join(session, started.flowId(), INVOICES).orElseThrow();

        PendingStepUp found = flows.find(session, entry).orElseThrow();

        assertEquals(started.flowId(), found.flowId());
        assertEquals(INVOICES, found.returnTo());
        assertEquals(REPORTS, flows.find(session, started.flowId()).orElseThrow().returnTo());
    }

    @Test
    void findWhenUnknownOrNoSessionThenEmpty() {
        start(REPORTS_KEY);

        assertTrue(flows.find(session, "AAAAAAAAAAAAAAAAAAAAAA").isEmpty());
        assertTrue(flows.find(session, null).isEmpty());
        assertTrue(flows.find(null, "AAAAAAAAAAAAAAAAAAAAAA").isEmpty());
    }

    @Test
    void newestWhenSeveralThenTheLastStartedAndEmptyWithoutAny() {
        assertTrue(flows.newest(session).isEmpty());
        assertTrue(flows.newest(null).isEmpty());
        start(REPORTS_KEY);
        PendingStepUp last = start(ADMIN_KEY);

        assertEquals(last.flowId(), flows.newest(session).orElseThrow().flowId());
    }
}
