package dev.mfastepup.service;

import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * A map of counts that a limiter reads and changes one key at a time, each change atomic: in this JVM
 * ({@link MemoryCountStore}) or in a cache that the servers of a cluster share ({@link JCacheCountStore}).
 *
 * @param <V> the count; an immutable value.
 */
interface Counts<V> {

    /**
     * Returns a count.
     *
     * @param key the key.
     * @return the count, or {@code null} when there is none.
     */
    V get(String key);

    /**
     * Changes a count atomically. The change may be applied more than once when another server changed the same
     * count meanwhile, so it must not do anything else; an exception it throws leaves the count as it was.
     *
     * @param key the key.
     * @param change from the current count ({@code null}: none) to the new one ({@code null}: remove it).
     * @return the new count.
     */
    V update(String key, UnaryOperator<V> change);

    /**
     * Lets go of the counts nobody needs any more, when there are many. A shared cache drops them on its own.
     *
     * @param forgotten which counts nobody needs any more.
     */
    void sweep(Predicate<V> forgotten);
}
