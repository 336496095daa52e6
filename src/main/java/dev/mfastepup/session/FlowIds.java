package dev.mfastepup.session;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The opaque ids of flows and of their entries: 128 random bits, URL-safe Base64 without padding (22 characters),
 * so that an id cannot be guessed and needs no escaping in a URL or a form.
 */
final class FlowIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern FLOW_ID = Pattern.compile("[A-Za-z0-9_-]{22}");

    private FlowIds() {
        // static only
    }

    /** A new random id. */
    static String next() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Tells whether a value the browser sent has the shape of an id, before anything looks it up. */
    static boolean wellFormed(String id) {
        return id != null && FLOW_ID.matcher(id).matches();
    }
}
