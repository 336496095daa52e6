package dev.mfastepup.config;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What makes an application secret strong enough to derive the sealing keys from (SEC-02): at least
 * {@value #MIN_SECRET_BYTES} UTF-8 bytes, and nothing that looks copied from documentation or typed by hand.
 *
 * <p>The rules live with the configuration because that is where a secret is refused with the name of its key;
 * the sealer applies the same rules again when it derives its keys, so that no path builds keys from a weak
 * secret.
 *
 * @since 0.1
 */
public final class SecretRules {

    // Constants ------------------------------------------------------------------------------------------------------

    /** The shortest secret accepted, in UTF-8 bytes. */
    public static final int MIN_SECRET_BYTES = 32;

    /** Parts of well-known sample values; a secret containing one was copied from documentation. */
    private static final List<String> PLACEHOLDERS = List.of("changeme", "change-me", "change_me", "replaceme",
            "replace-me", "replace_me", "placeholder", "yoursecret", "your-secret", "your_secret");

    /** Hex output of {@code openssl rand} has up to 16; a value with fewer than this many was typed by hand. */
    private static final int MIN_DISTINCT_CHARACTERS = 8;

    private SecretRules() {
        // static methods only
    }

    // Actions --------------------------------------------------------------------------------------------------------

    /**
     * Tells what is wrong with a secret, if anything: blank, shorter than {@value #MIN_SECRET_BYTES} UTF-8 bytes,
     * or looking like a placeholder.
     *
     * @param secret the secret to check, possibly {@code null}.
     * @return what is wrong with it, in words that never quote it, or empty when it is usable.
     */
    public static Optional<String> problem(String secret) {
        if (secret == null || secret.isBlank()) {
            return Optional.of("is null or blank");
        }
        if (secret.getBytes(UTF_8).length < MIN_SECRET_BYTES) {
            return Optional.of("is shorter than " + MIN_SECRET_BYTES + " bytes");
        }
        if (isPlaceholder(secret)) {
            return Optional.of("looks like a placeholder or has too few distinct characters");
        }
        return Optional.empty();
    }

    // Helpers --------------------------------------------------------------------------------------------------------

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
