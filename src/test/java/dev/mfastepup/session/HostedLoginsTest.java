package dev.mfastepup.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mfastepup.TestRequests;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The step-ups through Universal Login a session waits for: each answer used once, within its lifetime. */
class HostedLoginsTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    @Test
    void aStateIsTakenOnceAndOnlyInItsSession() {
        TestRequests web = TestRequests.replicated();
        HostedLogins.add(web.session(), login("state-1", NOW));

        assertTrue(HostedLogins.take(TestRequests.withSession().session(), "state-1", NOW).isEmpty());
        assertEquals("state-1", HostedLogins.take(web.session(), "state-1", NOW).orElseThrow().state());
        assertTrue(HostedLogins.take(web.session(), "state-1", NOW).isEmpty(), "used once");
        assertTrue(HostedLogins.take(web.session(), null, NOW).isEmpty());
        assertTrue(HostedLogins.take(null, "state-1", NOW).isEmpty());
    }

    @Test
    void aRequestLastsTenMinutes() {
        TestRequests web = TestRequests.withSession();
        HostedLogins.add(web.session(), login("early", NOW));
        HostedLogins.add(web.session(), login("late", NOW));

        assertTrue(HostedLogins.take(web.session(), "early", NOW.plus(HostedLogins.LIFETIME).minusMillis(1))
                .isPresent());
        assertTrue(HostedLogins.take(web.session(), "late", NOW.plus(HostedLogins.LIFETIME)).isEmpty());
    }

    @Test
    void aSessionKeepsTheNewestFour() {
        TestRequests web = TestRequests.withSession();
        for (int i = 0; i <= HostedLogins.MAX_PENDING; i++) {
            HostedLogins.add(web.session(), login("state-" + i, NOW.plusSeconds(i)));
        }

        assertTrue(HostedLogins.take(web.session(), "state-0", NOW).isEmpty(), "the oldest went first");
        for (int i = 1; i <= HostedLogins.MAX_PENDING; i++) {
            assertTrue(HostedLogins.take(web.session(), "state-" + i, NOW).isPresent(), "state-" + i);
        }
    }

    @Test
    void theSecretsStayOutOfToString() {
        String text = login("STATE-CANARY", NOW).toString();

        assertFalse(text.contains("STATE-CANARY"), text);
        assertFalse(text.contains("NONCE-CANARY"), text);
        assertFalse(text.contains("VERIFIER-CANARY"), text);
    }

    private static HostedLogin login(String state, Instant at) {
        return new HostedLogin(state, "NONCE-CANARY", "VERIFIER-CANARY", "https://app/cb", "auth0|alice", "tenant",
                new TokenKey("https://api", "read"), null, "urn:policy", null, null, at);
    }
}
