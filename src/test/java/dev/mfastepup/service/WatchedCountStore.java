package dev.mfastepup.service;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Counts in this JVM, as {@link MemoryCountStore} keeps them, that a test can read by map and key, and where
 * another server can change a count just before this one's next update of a map.
 */
final class WatchedCountStore implements CountStore {

    private final CountStore memory = new MemoryCountStore();
    private final Map<String, Counts<?>> maps = new ConcurrentHashMap<>();
    private final Map<String, Runnable> beforeNextUpdate = new ConcurrentHashMap<>();

    @Override
    public <V> Counts<V> open(String name, CountCodec<V> codec) {
        Counts<V> counts = memory.open(name, codec);
        maps.put(name, counts);
        return new Counts<>() {
            @Override
            public V get(String key) {
                return counts.get(key);
            }

            @Override
            public V update(String key, UnaryOperator<V> change) {
                Runnable meanwhile = beforeNextUpdate.remove(name);
                if (meanwhile != null) {
                    meanwhile.run();
                }
                return counts.update(key, change);
            }

            @Override
            public void sweep(Predicate<V> forgotten) {
                counts.sweep(forgotten);
            }
        };
    }

    /**
     * @param map the map's name, such as {@code attempts-flow}.
     * @param key the key.
     * @return whether the map holds a count under the key.
     */
    boolean holds(String map, String key) {
        return maps.get(map).get(key) != null;
    }

    /**
     * Drops a count, as a shared cache does when it expires.
     *
     * @param map the map's name.
     * @param key the key.
     */
    void expire(String map, String key) {
        maps.get(map).update(key, old -> null);
    }

    /**
     * Lets another server act just before the next update of a map.
     *
     * @param map the map's name.
     * @param action what the other server does.
     */
    void beforeNextUpdateOf(String map, Runnable action) {
        beforeNextUpdate.put(map, action);
    }
}
