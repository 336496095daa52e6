package dev.mfastepup.service;

/**
 * Writes a count as text, for a cache shared by the servers of a cluster: text needs none of this module's
 * classes on the server that holds it, and compares by value.
 *
 * @param <V> the count.
 */
interface CountCodec<V> {

    /**
     * @param count the count.
     * @return the count as text.
     */
    String write(V count);

    /**
     * @param text what {@link #write} returned.
     * @return the count.
     */
    V read(String text);
}
