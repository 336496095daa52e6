package dev.mfastepup.emulator;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The time the emulator spends on its own answers, per endpoint, so that a load test can subtract it from what it
 * measures and see the time of the application under test (the benchmarks read it through
 * {@code GET /__test/timings}). Counted from the moment a request enters the application to the moment its answer
 * has been written; the token endpoint counts each grant type apart ({@code /oauth/token refresh_token}).
 */
public final class Timings {

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    /**
     * Adds one answered request.
     *
     * @param key the endpoint, such as {@code /mfa/authenticators}.
     * @param nanos how long it took.
     */
    public void record(String key, long nanos) {
        Entry entry = entries.computeIfAbsent(key, k -> new Entry());
        entry.requests.increment();
        entry.nanos.add(nanos);
    }

    /** @return per endpoint, the number of requests and their total time in nanoseconds, sorted by endpoint. */
    public Map<String, Map<String, Long>> snapshot() {
        Map<String, Map<String, Long>> snapshot = new TreeMap<>();
        entries.forEach((key, entry) -> snapshot.put(key,
                Map.of("requests", entry.requests.sum(), "nanos", entry.nanos.sum())));
        return snapshot;
    }

    /** Forgets everything counted so far. */
    public void clear() {
        entries.clear();
    }

    private static final class Entry {
        final LongAdder requests = new LongAdder();
        final LongAdder nanos = new LongAdder();
    }
}
