package dev.mfastepup.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mfastepup.LogCapture;
import dev.mfastepup.config.LimitsStore;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Counts in this JVM: swept only once there are more than {@link MemoryCountStore#SWEEP_ABOVE} of them. */
class MemoryCountStoreTest {

    private static Counts<Integer> countsOf(int entries) {
        Counts<Integer> counts = new MemoryCountStore().open("test", null);
        for (int i = 0; i < entries; i++) {
            counts.update("user-" + i, old -> 1);
        }
        return counts;
    }

    @Test
    void atTheLimitNothingIsSwept() {
        Counts<Integer> counts = countsOf(MemoryCountStore.SWEEP_ABOVE);

        counts.sweep(count -> true);

        assertEquals(1, counts.get("user-0"));
        assertEquals(1, counts.get("user-" + (MemoryCountStore.SWEEP_ABOVE - 1)));
    }

    @Test
    void aboveTheLimitWhatNobodyNeedsIsSweptAndTheRestKept() {
        Counts<Integer> counts = countsOf(MemoryCountStore.SWEEP_ABOVE + 1);
        counts.update("user-0", old -> 2);

        counts.sweep(count -> count == 1);

        assertEquals(2, counts.get("user-0"));
        assertNull(counts.get("user-1"));
        assertNull(counts.get("user-" + MemoryCountStore.SWEEP_ABOVE));
    }

    @Test
    void memorySettingSaysInTheLogThatTheCountsAreThisServersOnly() {
        List<String> messages;
        CountStore store;
        try (LogCapture log = new LogCapture(CountStore.class.getName())) {
            store = CountStore.of(LimitsStore.MEMORY);
            messages = log.messages();
        }

        assertInstanceOf(MemoryCountStore.class, store);
        assertEquals(1, messages.size(), messages.toString());
        assertTrue(messages.get(0).contains("count in this server only (mfa-stepup.limits.store=memory)"),
                messages.get(0));
    }
}
