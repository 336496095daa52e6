package dev.mfastepup.testing;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * RFC 6238 one-time passwords (HMAC-SHA1, 6 digits, 30 s), as an authenticator app computes them from the secret
 * it scanned; for the tests only. Checked against RFC 6238 Appendix B in {@code TotpTest}. Every seed and code
 * goes to {@link Canaries}, for the search of logs.
 */
public final class Totp {

    private Totp() {
    }

    /**
     * The code an authenticator app shows at a time.
     *
     * @param base32Secret the secret it scanned.
     * @param at the time.
     * @return six digits.
     */
    public static String code(String base32Secret, Instant at) {
        // A test that computes a code may type it, and the seed is a secret too: both are canaries (SEC-31).
        Canaries.seed(base32Secret);
        String code = code(base32(base32Secret), at.getEpochSecond() / 30, 6);
        Canaries.typed(code);
        return code;
    }

    static String code(byte[] key, long counter, int digits) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(counter).array());
            int offset = hash[hash.length - 1] & 0x0f;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
            String code = Integer.toString(binary % (int) Math.pow(10, digits));
            return "0".repeat(digits - code.length()) + code;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] base32(String secret) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        String clean = secret.replace(" ", "").replace("=", "").toUpperCase(Locale.ROOT);
        ByteBuffer out = ByteBuffer.allocate(clean.length() * 5 / 8);
        int buffer = 0;
        int bits = 0;
        for (char c : clean.toCharArray()) {
            int value = alphabet.indexOf(c);
            if (value < 0) {
                throw new IllegalArgumentException("not base32: " + c);
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                out.put((byte) (buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return out.array();
    }
}
