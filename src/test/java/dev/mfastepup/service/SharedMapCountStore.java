package dev.mfastepup.service;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A stand-in for a cluster's shared cache: the counts go through {@link TextCounts} and their codecs as they do
 * with JCache, over a map of text in this JVM.
 */
final class SharedMapCountStore implements CountStore {

    final ConcurrentMap<String, String> texts = new ConcurrentHashMap<>();

    @Override
    public <V> Counts<V> open(String name, CountCodec<V> codec) {
        return new TextCounts<>(new TextCounts.SharedTexts() {
            @Override
            public String get(String key) {
                return texts.get(key);
            }

            @Override
            public boolean putIfAbsent(String key, String text) {
                return texts.putIfAbsent(key, text) == null;
            }

            @Override
            public boolean replace(String key, String expected, String text) {
                return texts.replace(key, expected, text);
            }

            @Override
            public boolean remove(String key, String expected) {
                return texts.remove(key, expected);
            }
        }, name, codec);
    }
}
