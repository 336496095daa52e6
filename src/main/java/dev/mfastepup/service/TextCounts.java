package dev.mfastepup.service;

import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Counts kept as text in a map that other servers change as well: each change is a compare-and-set on the text
 * read, tried again when another server changed the entry meanwhile.
 *
 * @param <V> the count.
 */
final class TextCounts<V> implements Counts<V> {

    /** The few operations of a shared map (a JCache cache) that compare-and-set needs. */
    interface SharedTexts {

        /** @return the text under the key, or {@code null}. */
        String get(String key);

        /** @return whether the text was put, there being none. */
        boolean putIfAbsent(String key, String text);

        /** @return whether the text was replaced, being {@code expected}. */
        boolean replace(String key, String expected, String text);

        /** @return whether the text was removed, being {@code expected}. */
        boolean remove(String key, String expected);
    }

    private final SharedTexts texts;
    private final String prefix;
    private final CountCodec<V> codec;

    /**
     * @param texts the shared map.
     * @param name the name of these counts, which prefixes their keys.
     * @param codec writes and reads the counts.
     */
    TextCounts(SharedTexts texts, String name, CountCodec<V> codec) {
        this.texts = texts;
        this.prefix = name + '\n';
        this.codec = codec;
    }

    @Override
    public V get(String key) {
        String text = texts.get(prefix + key);
        return text == null ? null : codec.read(text);
    }

    @Override
    public V update(String key, UnaryOperator<V> change) {
        String entry = prefix + key;
        while (true) {
            String before = texts.get(entry);
            V next = change.apply(before == null ? null : codec.read(before));
            boolean written;
            if (before == null) {
                written = next == null || texts.putIfAbsent(entry, codec.write(next));
            } else if (next == null) {
                written = texts.remove(entry, before);
            } else {
                written = texts.replace(entry, before, codec.write(next));
            }
            if (written) {
                return next;
            }
            // another server changed it meanwhile: apply the change to what that one wrote
        }
    }

    @Override
    public void sweep(Predicate<V> forgotten) {
        // the shared map expires entries on its own
    }
}
