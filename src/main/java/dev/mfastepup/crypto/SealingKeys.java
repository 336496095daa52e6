package dev.mfastepup.crypto;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks the application secrets and derives the sealing keys from them exactly as the Auth0 Python SDK does:
 * HKDF-SHA-256 over the secret's UTF-8 bytes, salt {@code "mfa_token"}, info {@code "Auth0 Generated Encryption"},
 * 64 bytes (the MAC key, then the AES key of A256CBC-HS512). A fixed salt is what makes the keys interoperable; a
 * secret of at least {@value #MIN_SECRET_BYTES} random bytes is what makes them strong (SEC-02).
 */
final class SealingKeys {

    // Constants ------------------------------------------------------------------------------------------------------

    static final int MIN_SECRET_BYTES = 32;

    private static final byte[] HKDF_SALT = "mfa_token".getBytes(UTF_8);
    private static final byte[] HKDF_INFO = "Auth0 Generated Encryption".getBytes(UTF_8);
    private static final int KEY_LENGTH = 64;
    private static final String KEY_ALGORITHM = "AES";

    /** Parts of well-known sample values; a secret containing one was copied from documentation. */
    private static final List<String> PLACEHOLDERS = List.of("changeme", "change-me", "change_me", "replaceme",
            "replace-me", "replace_me", "placeholder", "yoursecret", "your-secret", "your_secret");

    /** Hex output of {@code openssl rand} has up to 16; a value with fewer than this many was typed by hand. */
    private static final int MIN_DISTINCT_CHARACTERS = 8;

    private static final String ERROR_SECRET = "secrets[%d] %s; use a random value of at least "
            + MIN_SECRET_BYTES + " bytes, for example the output of: openssl rand -hex 32";

    private SealingKeys() {
        // static methods only
    }

    // Actions --------------------------------------------------------------------------------------------------------

    /**
     * Derives one key per secret, in the same order.
     *
     * @throws IllegalArgumentException if the list is empty or a secret is null, blank, short or a placeholder;
     *         the message gives the secret's index, never its value.
     */
    static List<SecretKey> derive(List<String> secrets) {
        Objects.requireNonNull(secrets, "secrets cannot be null");
        // Copied first, so that a list changed by another thread meanwhile cannot slip past the checks.
        List<String> copy = new ArrayList<>(secrets);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("secrets must hold at least the current secret");
        }
        List<SecretKey> keys = new ArrayList<>(copy.size());
        for (int i = 0; i < copy.size(); i++) {
            keys.add(deriveKey(copy.get(i), i));
        }
        return List.copyOf(keys);
    }

    // Helpers --------------------------------------------------------------------------------------------------------

    private static SecretKey deriveKey(String secret, int index) {
        String problem = problem(secret);
        if (problem != null) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, ERROR_SECRET, index, problem));
        }
        byte[] ikm = secret.getBytes(UTF_8);
        try {
            byte[] key = Hkdf.derive(ikm, HKDF_SALT, HKDF_INFO, KEY_LENGTH);
            try {
                return new SecretKeySpec(key, KEY_ALGORITHM);
            } finally {
                Arrays.fill(key, (byte) 0);
            }
        } finally {
            Arrays.fill(ikm, (byte) 0);
        }
    }

    /**
     * Tells what is wrong with a secret, if anything.
     *
     * @return {@code null} for a usable secret, else what is wrong, never quoting the secret.
     */
    static String problem(String secret) {
        if (secret == null || secret.isBlank()) {
            return "is null or blank";
        }
        if (secret.getBytes(UTF_8).length < MIN_SECRET_BYTES) {
            return "is shorter than " + MIN_SECRET_BYTES + " bytes";
        }
        if (isPlaceholder(secret)) {
            return "looks like a placeholder or has too few distinct characters";
        }
        return null;
    }

    private static boolean isPlaceholder(String secret) {
        String lower = secret.toLowerCase(Locale.ROOT);
        for (String placeholder : PLACEHOLDERS) {
            if (lower.contains(placeholder)) {
                return true;
            }
        }
        return secret.chars().distinct().count() < MIN_DISTINCT_CHARACTERS;
    }
}
