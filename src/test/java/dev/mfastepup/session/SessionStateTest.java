package dev.mfastepup.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mfastepup.Factor;
import dev.mfastepup.StepUpRequirements;
import dev.mfastepup.TestRequests;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
    void sec36PendingStepUpsWhenSerializedThenFlowsKept() throws Exception {
        PendingStepUps flows = PendingStepUps.of(TestRequests.withSession().session());
        PendingStepUp flow = new PendingStepUp("AAAAAAAAAAAAAAAAAAAAAA", "sealed", new TokenKey("a", "s"),
                new StepUpRequirements(null, List.of("otp")), NOW,
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
    void sec12EntriesAndCompletionsSurviveSerializationAndKeepTheirOwnReturnPaths() throws Exception {
        PendingStepUps flows = PendingStepUps.of(TestRequests.withSession().session());
        TokenKey key = new TokenKey("a", "s");
        flows.add(new PendingStepUp("flow", "s", key, null, NOW, null, new PendingStepUp.ReturnTo("/reports", false)));
        assertTrue(flows.addEntry("entry", "flow", new PendingStepUp.ReturnTo("/admin", false)));
        assertFalse(flows.addEntry("stray", "no-such-flow", new PendingStepUp.ReturnTo("/x", false)));

        PendingStepUps copy = roundTrip(flows);

        assertEquals("flow", copy.get("entry").orElseThrow().flowId());
        assertEquals("/admin", copy.get("entry").orElseThrow().returnTo().path());
        assertEquals("/reports", copy.get("flow").orElseThrow().returnTo().path());
        // A state read under the entry and stored back does not take the flow's own return path away.
        assertTrue(copy.replace(copy.get("entry").orElseThrow().with("s2", null)));
        assertEquals("/reports", copy.get("flow").orElseThrow().returnTo().path());
        assertEquals("s2", copy.get("entry").orElseThrow().sealedContext());

        assertTrue(copy.complete("entry").isPresent());
        assertTrue(copy.get("flow").isEmpty() && copy.get("entry").isEmpty());
        assertEquals(new PendingStepUps.Completed(key, new PendingStepUp.ReturnTo("/reports", false)),
                copy.completed("flow").orElseThrow());
        assertEquals("/admin", roundTrip(copy).completed("entry").orElseThrow().returnTo().path());
    }

    @Test
    void sec12EntriesAndCompletionsAreBounded() {
        PendingStepUps flows = PendingStepUps.of(TestRequests.withSession().session());
        for (int i = 0; i < PendingStepUps.MAX_COMPLETED + 3; i++) {
            flows.add(new PendingStepUp("flow" + i, "s", new TokenKey("a", null), null, NOW, null, null));
            for (int e = 0; e < PendingStepUps.MAX_ENTRIES + 3; e++) {
                flows.addEntry("entry" + i + "-" + e, "flow" + i, new PendingStepUp.ReturnTo("/p" + e, false));
            }
            assertTrue(flows.get("entry" + i + "-2").isEmpty(), "the oldest entries go");
            assertTrue(flows.get("entry" + i + "-3").isPresent());
            flows.complete("flow" + i);
        }

        int last = PendingStepUps.MAX_COMPLETED + 2;
        assertTrue(flows.completed("flow0").isEmpty(), "the oldest completions go");
        assertTrue(flows.completed("flow" + last).isPresent(), "a flow keeps its own id with all its entries");
        assertTrue(flows.completed("entry" + last + "-12").isPresent());
        assertTrue(flows.completed("entry" + last + "-3").isPresent());
    }

    @Test
    void sec12ReplacingAFlowOfTheSameKeyDropsItsEntries() {
        PendingStepUps flows = PendingStepUps.of(TestRequests.withSession().session());
        flows.add(new PendingStepUp("old", "s", new TokenKey("a", null), null, NOW, null, null));
        flows.addEntry("entry", "old", new PendingStepUp.ReturnTo("/admin", false));

        flows.add(new PendingStepUp("new", "s", new TokenKey("a", null), null, NOW, null, null));

        assertTrue(flows.get("entry").isEmpty());
        assertTrue(flows.remove("entry").isEmpty());
    }

    @Test
    void tokenKeyWhenScopesDifferInOrderOrDuplicatesThenEqual() {
        assertEquals(new TokenKey("a", "x y"), new TokenKey("a", " y  x y "));
        assertEquals(new TokenKey("a", "x y").hashCode(), new TokenKey("a", "y x").hashCode());
        assertEquals("y x", new TokenKey("a", " y  x y ").scope());
        assertNotEquals(new TokenKey("a", "x"), new TokenKey("b", "x"));
        assertEquals(new TokenKey(null, null), new TokenKey("", " "));
    }

    @Test
    void sec04SessionBindingWhenFirstNeededThenMadeOnceRandomSmallAndReplicated() throws Exception {
        TestRequests web = TestRequests.withSession();
        assertFalse(web.attributes().containsKey(SessionBinding.ATTRIBUTE), "made only when a flow needs it");

        String value = SessionBinding.of(web.session());

        assertEquals(value, SessionBinding.of(web.session()));
        assertTrue(value.matches("[A-Za-z0-9_-]{22}"), "128 random bits, base64url: " + value.length());
        assertNotEquals(value, SessionBinding.of(TestRequests.withSession().session()));
        Object attribute = web.attributes().get(SessionBinding.ATTRIBUTE);
        assertFalse(attribute.toString().contains(value));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(attribute);
        }
        assertTrue(bytes.size() < 200, "the attribute replicates in " + bytes.size() + " bytes");
        TestRequests replica = TestRequests.withSession();
        replica.attributes().put(SessionBinding.ATTRIBUTE, roundTrip(attribute));
        assertEquals(value, SessionBinding.of(replica.session()), "another server of the cluster sees the same value");
    }

    @Test
    void sec04SessionBindingWhenManyFirstRequestsAtOnceThenOneValue() throws Exception {
        TestRequests web = TestRequests.withSession();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> values = pool.invokeAll(
                    Collections.nCopies(32, () -> SessionBinding.of(web.session())));
            Set<String> distinct = new HashSet<>();
            for (Future<String> value : values) {
                distinct.add(value.get());
            }
            assertEquals(1, distinct.size());
        } finally {
            pool.shutdownNow();
        }
    }
}
