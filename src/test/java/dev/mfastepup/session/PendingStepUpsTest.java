package dev.mfastepup.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mfastepup.TestRequests;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The registry of a session's step-ups: lookups by key and id, and removal that touches one flow only. */
class PendingStepUpsTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final PendingStepUp.ReturnTo ADMIN = new PendingStepUp.ReturnTo("/admin", false);

    private final PendingStepUps flows = PendingStepUps.of(TestRequests.withSession().session());

    private static PendingStepUp flow(String id, String audience) {
        return new PendingStepUp(id, "sealed-" + id, new TokenKey(audience, "read"), null, NOW, null, null);
    }

    @Test
    void forKeyFindsTheFlowOfThatAudienceAndScopeAmongOthers() {
        flows.add(flow("first", "https://a"));
        flows.add(flow("second", "https://b"));

        assertEquals("second", flows.forKey(new TokenKey("https://b", "read")).orElseThrow().flowId());
        assertEquals("first", flows.forKey(new TokenKey("https://a", "read")).orElseThrow().flowId());
        assertTrue(flows.forKey(new TokenKey("https://c", "read")).isEmpty());
    }

    @Test
    void removingAFlowKeepsTheEntriesOfTheOthers() {
        flows.add(flow("first", "https://a"));
        flows.add(flow("second", "https://b"));
        flows.addEntry("first-tab", "first", ADMIN);
        flows.addEntry("second-tab", "second", ADMIN);

        assertEquals("first", flows.remove("first-tab").orElseThrow().flowId());

        assertTrue(flows.get("first-tab").isEmpty());
        assertEquals("second", flows.get("second-tab").orElseThrow().flowId());
        assertTrue(flows.complete("second-tab").isPresent());
        assertEquals(ADMIN, flows.completed("second-tab").orElseThrow().returnTo());
    }

    @Test
    void nullIdsFindNothingAndChangeNothing() {
        flows.add(flow("first", "https://a"));

        assertTrue(flows.get(null).isEmpty());
        assertTrue(flows.remove(null).isEmpty());
        assertTrue(flows.complete(null).isEmpty());
        assertTrue(flows.completed(null).isEmpty());
        assertEquals(1, flows.all().size());
    }

    @Test
    void toStringNamesTheFlowIdsAndLeavesTheSealedContextsOut() {
        flows.add(flow("first", "https://a"));
        flows.add(flow("second", "https://b"));

        assertEquals("PendingStepUps[first, second]", flows.toString());
    }

    /**
     * A session written before flows had entries and completions (a server upgraded while sessions were stored)
     * reads back with empty ones, not with fields that throw on first use.
     */
    @Test
    void aSessionWrittenWithoutEntriesAndCompletionsReadsBackWithEmptyOnes() throws Exception {
        flows.add(flow("first", "https://a"));
        byte[] bytes = serialize(flows);
        // Field names of the same length that the class does not have: Java serialization skips their values and
        // leaves the class's own fields as if the stream never had them.
        byte[] older = rename(rename(bytes, "entries", "entriez"), "completed", "completez");

        PendingStepUps read = (PendingStepUps) new ObjectInputStream(new ByteArrayInputStream(older)).readObject();

        assertEquals("first", read.get("first").orElseThrow().flowId());
        assertTrue(read.addEntry("tab", "first", ADMIN));
        assertTrue(read.complete("tab").isPresent());
        assertEquals(ADMIN, read.completed("tab").orElseThrow().returnTo());
    }

    private static byte[] serialize(Object value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }

    private static byte[] rename(byte[] stream, String field, String replacement) {
        byte[] from = field.getBytes(StandardCharsets.US_ASCII);
        byte[] to = replacement.getBytes(StandardCharsets.US_ASCII);
        byte[] result = stream.clone();
        int found = 0;
        for (int i = 0; i + from.length <= result.length; i++) {
            if (Arrays.equals(result, i, i + from.length, from, 0, from.length)) {
                System.arraycopy(to, 0, result, i, to.length);
                found++;
            }
        }
        assertEquals(1, found, "the field name occurs once in the stream");
        return result;
    }
}
