package dev.mfastepup.crypto;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HKDF with HMAC-SHA-256 (RFC 5869), the key derivation the Auth0 Python SDK uses for its sealed
 * {@code mfa_token}.
 *
 * <p>It turns an application secret into the 64-byte key of a {@link ContextSealer}:
 * <pre>
 * byte[] key = Hkdf.derive(secret.getBytes(UTF_8), "mfa_token".getBytes(UTF_8),
 *         "Auth0 Generated Encryption".getBytes(UTF_8), 64);
 * </pre>
 *
 * <p>Only the HKDF construction is written here; every primitive comes from the JCA ({@link Mac}
 * {@code HmacSHA256}), which the JDK always provides. The class is stateless and thread-safe. Arrays passed in are
 * never modified, and the arrays returned are new.
 *
 * @since 0.1
 * @see <a href="https://www.rfc-editor.org/rfc/rfc5869">RFC 5869</a>
 */
public final class Hkdf {

    // Constants ------------------------------------------------------------------------------------------------------

    /** The output length of HMAC-SHA-256 in bytes ({@code HashLen} in RFC 5869). */
    public static final int HASH_LENGTH = 32;

    /** The longest output {@link #expand} can give: 255 blocks of {@value #HASH_LENGTH} bytes (RFC 5869 §2.3). */
    public static final int MAX_LENGTH = 255 * HASH_LENGTH;

    private static final String ALGORITHM = "HmacSHA256";

    private Hkdf() {
        // static methods only
    }

    // Actions --------------------------------------------------------------------------------------------------------

    /**
     * Runs the extract step: {@code PRK = HMAC-SHA-256(salt, ikm)}.
     *
     * @param salt the salt; {@code null} or empty means {@value #HASH_LENGTH} zero bytes, as RFC 5869 §2.2 says.
     * @param ikm the input keying material, for example the UTF-8 bytes of a secret; never {@code null}.
     * @return the {@value #HASH_LENGTH}-byte pseudorandom key.
     */
    public static byte[] extract(byte[] salt, byte[] ikm) {
        Objects.requireNonNull(ikm, "ikm cannot be null");
        // An empty HMAC key equals a block of zeros in HMAC, but SecretKeySpec refuses empty keys, so use the
        // RFC's default explicitly.
        byte[] key = salt == null || salt.length == 0 ? new byte[HASH_LENGTH] : salt;
        Mac mac = newMac(key);
        return mac.doFinal(ikm);
    }

    /**
     * Runs the expand step: {@code OKM = T(1) || T(2) || ...}, cut to {@code length} bytes.
     *
     * @param prk the pseudorandom key from {@link #extract}; at least {@value #HASH_LENGTH} bytes.
     * @param info the context and application label; {@code null} means empty.
     * @param length the number of bytes wanted, from 1 to {@value #MAX_LENGTH}.
     * @return the output keying material, exactly {@code length} bytes.
     * @throws IllegalArgumentException if {@code length} is out of range or {@code prk} is too short.
     */
    public static byte[] expand(byte[] prk, byte[] info, int length) {
        Objects.requireNonNull(prk, "prk cannot be null");
        if (prk.length < HASH_LENGTH) {
            throw new IllegalArgumentException("prk must be at least " + HASH_LENGTH + " bytes, was " + prk.length);
        }
        checkLength(length);
        byte[] label = info == null ? new byte[0] : info;
        Mac mac = newMac(prk);
        byte[] okm = new byte[length];
        byte[] block = new byte[0];
        int written = 0;
        for (int counter = 1; written < length; counter++) {
            // T(i) = HMAC(PRK, T(i-1) || info || i); the counter is one octet, hence the 255-block limit.
            mac.update(block);
            mac.update(label);
            mac.update((byte) counter);
            Arrays.fill(block, (byte) 0);
            block = mac.doFinal();
            int take = Math.min(block.length, length - written);
            System.arraycopy(block, 0, okm, written, take);
            written += take;
        }
        Arrays.fill(block, (byte) 0);
        return okm;
    }

    /**
     * Runs extract then expand, and wipes the intermediate pseudorandom key.
     *
     * @param ikm the input keying material, for example the UTF-8 bytes of a secret; never {@code null}.
     * @param salt the salt; {@code null} or empty means {@value #HASH_LENGTH} zero bytes.
     * @param info the context and application label; {@code null} means empty.
     * @param length the number of bytes wanted, from 1 to {@value #MAX_LENGTH}.
     * @return the derived key, exactly {@code length} bytes.
     * @throws IllegalArgumentException if {@code length} is out of range.
     */
    public static byte[] derive(byte[] ikm, byte[] salt, byte[] info, int length) {
        // Check first, so that a bad length costs no HMAC and leaves nothing to wipe.
        checkLength(length);
        byte[] prk = extract(salt, ikm);
        try {
            return expand(prk, info, length);
        } finally {
            Arrays.fill(prk, (byte) 0);
        }
    }

    // Helpers --------------------------------------------------------------------------------------------------------

    private static void checkLength(int length) {
        if (length < 1 || length > MAX_LENGTH) {
            throw new IllegalArgumentException("length must be from 1 to " + MAX_LENGTH + ", was " + length);
        }
    }

    private static Mac newMac(byte[] key) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac;
        } catch (GeneralSecurityException e) {
            // Every Java SE runtime must provide HmacSHA256, and any non-empty key is valid for it.
            throw new IllegalStateException("HmacSHA256 is not available in this runtime", e);
        }
    }
}
