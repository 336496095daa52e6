package dev.mfastepup.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TenantStateTest {

    private final TenantState state = new TenantState();

    @Test
    void faultsHitTheirPathForTheirNumberOfTimes() {
        state.faults().add(new Fault("/oauth/token", "status500", 0, 2));
        state.faults().add(new Fault("/oauth/token", "latency", 100, 0));
        state.faults().add(new Fault("/mfa/challenge", "html", 0, 0));
        assertEquals(List.of("status500", "latency"), kinds(state.takeFaults("/oauth/token")));
        assertEquals(List.of("status500", "latency"), kinds(state.takeFaults("/oauth/token")));
        assertEquals(List.of("latency"), kinds(state.takeFaults("/oauth/token")));
        assertEquals(List.of("html"), kinds(state.takeFaults("/mfa/challenge")));
        assertTrue(state.takeFaults("/userinfo").isEmpty());
    }

    @Test
    void resetForgetsEverything() {
        state.policy(TenantState.REPORTS_AUDIENCE, 2);
        state.policy("https://other", 1);
        state.faults().add(new Fault("/oauth/token", "reset", 0, 0));
        state.user("alice").orElseThrow().inbox().add(new InboxMessage("sms", "+1555", "123456",
                java.time.Instant.EPOCH));
        state.reset();
        assertEquals(1, state.factorsFor(TenantState.REPORTS_AUDIENCE));
        assertEquals(0, state.factorsFor("https://other"));
        assertEquals(0, state.factorsFor(null));
        assertTrue(state.faults().isEmpty());
        assertTrue(state.user("alice").orElseThrow().inbox().isEmpty());
        assertEquals(List.of("alice", "bob", "keyonly@example.com"),
                state.users().stream().map(a -> a.user().username()).toList());
    }

    private static List<String> kinds(List<Fault> faults) {
        return faults.stream().map(Fault::kind).toList();
    }
}
