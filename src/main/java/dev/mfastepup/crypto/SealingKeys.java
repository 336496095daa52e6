package dev.mfastepup.crypto;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.mfastepup.config.SecretRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks the application secrets against {@link SecretRules} and derives the sealing keys from them exactly as
 * the Auth0 Python SDK does: HKDF-SHA-256 over the secret's UTF-8 bytes, salt {@code "mfa_token"}, info
 * {@code "Auth0 Generated Encryption"}, 64 bytes (the MAC key, then the AES key of A256CBC-HS512). A fixed salt is
 * what makes the keys interoperable; a secret of at least {@value SecretRules#MIN_SECRET_BYTES} random bytes is what
 * makes them strong (SEC-02).
 */
final class SealingKeys {

    // Constants ------------------------------------------------------------------------------------------------------

    private static final byte[] HKDF_SALT = "mfa_token".getBytes(UTF_8);
    private static final byte[] HKDF_INFO = "Auth0 Generated Encryption".getBytes(UTF_8);
    private static final int KEY_LENGTH = 64;
    private static final String KEY_ALGORITHM = "AES";

    private static final String ERROR_SECRET = "secrets[%d] %s; use a random value of at least "
            + SecretRules.MIN_SECRET_BYTES + " bytes, for example the output of: openssl rand -hex 32";

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
        Optional<String> problem = SecretRules.problem(secret);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, ERROR_SECRET, index, problem.get()));
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
}
