package dev.mfastepup.benchmarks;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What the authenticator app of a client-loop user does: RFC 6238 codes (HMAC-SHA1, 30 s, 6 digits) from the
 * secret it was given, the HOTP truncation of RFC 4226 over the JDK's {@link Mac}. Also makes the secrets and
 * spells them in Base32, as the emulator's {@code POST /__test/users} takes them.
 */
final class ClientLoopTotp {

    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ClientLoopTotp() {
    }

    /** @return a new 20-byte secret, the size authenticator apps use with SHA-1. */
    static byte[] newSecret() {
        byte[] secret = new byte[20];
        RANDOM.nextBytes(secret);
        return secret;
    }

    /**
     * The code the app shows at a time.
     *
     * @param secret the secret.
     * @param epochMillis the time.
     * @return six digits.
     */
    static String code(byte[] secret, long epochMillis) {
        return hotp(secret, Math.floorDiv(epochMillis, 30_000L));
    }

    /**
     * RFC 4226 HOTP with 6 digits.
     *
     * @param secret the key.
     * @param counter the moving factor (the TOTP time step).
     * @return six digits.
     */
    static String hotp(byte[] secret, long counter) {
        byte[] hash;
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret, "HmacSHA1"));
            hash = mac.doFinal(ByteBuffer.allocate(8).putLong(counter).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        int offset = hash[hash.length - 1] & 0x0f;
        int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
        String code = Integer.toString(binary % 1_000_000);
        return "0".repeat(6 - code.length()) + code;
    }

    /**
     * Base32 (RFC 4648) without padding.
     *
     * @param bytes the bytes.
     * @return upper-case letters and digits 2 to 7.
     */
    static String base32(byte[] bytes) {
        StringBuilder out = new StringBuilder((bytes.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(BASE32.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(BASE32.charAt((buffer << (5 - bits)) & 31));
        }
        return out.toString();
    }

    /** Checks the computation against RFC 4226 Appendix D and RFC 6238 Appendix B before anything is timed. */
    static void selfTest() {
        byte[] key = "12345678901234567890".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        if (!"755224".equals(hotp(key, 0)) || !"287082".equals(hotp(key, 1)) || !"520489".equals(hotp(key, 9))) {
            throw new IllegalStateException("HOTP does not match RFC 4226 Appendix D");
        }
        // RFC 6238 Appendix B, SHA-1, T = 59 s: 94287082 in 8 digits, so 287082 in 6.
        if (!"287082".equals(code(key, 59_000L)) || !"081804".equals(code(key, 1_111_111_109_000L))) {
            throw new IllegalStateException("TOTP does not match RFC 6238 Appendix B");
        }
        if (!"GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ".equals(base32(key))) {
            throw new IllegalStateException("Base32 does not match RFC 4648");
        }
    }
}
