package dev.mfastepup.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mfastepup.Factor;
import dev.mfastepup.TestRequests;
import dev.mfastepup.client.model.MfaRequirements;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The session state survives Java serialization (replication, passivation) and leaks no token in toString. */
class SessionStateTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T value) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }

    @Test
    void sessionTokensWhenSerializedThenTokensAndLocksWork() throws Exception {
        TestRequests web = TestRequests.withSession();
        SessionTokens tokens = SessionTokens.of(web.session());
        tokens.bindSubject("auth0|alice");
        tokens.bindDomain("tenant.auth0.com");
        tokens.setRefreshToken("RT-CANARY");
        TokenKey key = new TokenKey("https://api", "b a");
        tokens.put(key, new CachedAccessToken("AT-CANARY", NOW.plusSeconds(600), "a b"));
        tokens.lockFor(key).lock();

        SessionTokens copy = roundTrip(tokens);

        assertEquals("AT-CANARY", copy.valid(new TokenKey("https://api", "a b"), NOW, Duration.ZERO).orElseThrow().value());
        assertEquals("RT-CANARY", copy.refreshToken().orElseThrow());
        assertTrue(copy.lockFor(key).tryLock());
        assertFalse(tokens.toString().contains("CANARY"));
    }

    @Test
    void bindSubjectWhenAnotherUserThenEverythingDropped() {
        SessionTokens tokens = SessionTokens.of(TestRequests.withSession().session());
        tokens.bindSubject("auth0|alice");
        tokens.setRefreshToken("RT");
        tokens.put(new TokenKey("a", null), new CachedAccessToken("AT", NOW.plusSeconds(60), null));

        assertTrue(tokens.bindSubject("auth0|bob"));
        assertTrue(tokens.refreshToken().isEmpty());
        assertTrue(tokens.valid(new TokenKey("a", null), NOW, Duration.ZERO).isEmpty());
        assertFalse(tokens.bindSubject("auth0|bob"));
    }

    @Test
    void pendingStepUpsWhenSerializedThenFlowsKept() throws Exception {
        PendingStepUps flows = PendingStepUps.of(TestRequests.withSession().session());
        PendingStepUp flow = new PendingStepUp("AAAAAAAAAAAAAAAAAAAAAA", "sealed", new TokenKey("a", "s"),
                new MfaRequirements(null, List.of(new MfaRequirements.Requirement("otp"))), NOW,
                new PendingStepUp.Challenge(Factor.PUSH, "push|1", false, false, NOW, 5, null),
                new PendingStepUp.ReturnTo("/reports?id=7", false));
        flows.add(flow);

        PendingStepUps copy = roundTrip(flows);

        assertEquals(flow, copy.get("AAAAAAAAAAAAAAAAAAAAAA").orElseThrow());
        assertFalse(flow.toString().contains("sealed"));
    }

    @Test
    void addWhenSameKeyThenReplacesAndWhenTooManyThenOldestGoes() {
        PendingStepUps flows = PendingStepUps.of(TestRequests.withSession().session());
        for (int i = 0; i < PendingStepUps.MAX_FLOWS + 2; i++) {
            flows.add(new PendingStepUp("flow" + i, "s", new TokenKey("aud" + i, null), null, NOW, null, null));
        }
        flows.add(new PendingStepUp("again", "s", new TokenKey("aud6", null), null, NOW, null, null));

        List<String> ids = flows.all().stream().map(PendingStepUp::flowId).toList();
        assertEquals(List.of("flow2", "flow3", "flow4", "flow5", "again"), ids);
        assertEquals("again", flows.newest().orElseThrow().flowId());
    }

    @Test
    void tokenKeyWhenScopesDifferInOrderOrDuplicatesThenEqual() {
        assertEquals(new TokenKey("a", "x y"), new TokenKey("a", " y  x y "));
        assertEquals(new TokenKey("a", "x y").hashCode(), new TokenKey("a", "y x").hashCode());
        assertEquals("y x", new TokenKey("a", " y  x y ").scope());
        assertNotEquals(new TokenKey("a", "x"), new TokenKey("b", "x"));
        assertEquals(new TokenKey(null, null), new TokenKey("", " "));
    }
}
