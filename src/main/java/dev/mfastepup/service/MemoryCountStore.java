package dev.mfastepup.service;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/** Counts in this JVM: each server of a cluster counts on its own. */
final class MemoryCountStore implements CountStore {

    /** Past this many entries, the ones nobody needs any more are swept out. */
    static final int SWEEP_ABOVE = 10_000;

    @Override
    public <V> Counts<V> open(String name, CountCodec<V> codec) {
        return new MemoryCounts<>();
    }

    private static final class MemoryCounts<V> implements Counts<V> {
        private final Map<String, V> counts = new ConcurrentHashMap<>();

        @Override
        public V get(String key) {
            return counts.get(key);
        }

        @Override
        public V update(String key, UnaryOperator<V> change) {
            return counts.compute(key, (k, current) -> change.apply(current));
        }

        @Override
        public void sweep(Predicate<V> forgotten) {
            if (counts.size() > SWEEP_ABOVE) {
                counts.values().removeIf(forgotten);
            }
        }
    }
}
