package dev.mfastepup.emulator;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Instant;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords as RFC 6238 defines them (HOTP of RFC 4226 over 30-second steps), so that a real
 * authenticator app that scans the emulator's QR code produces codes the emulator accepts.
 */
public final class Totp {

    /** The length of a step, in seconds, as in every authenticator app's default. */
    public static final long STEP_SECONDS = 30;
    /** The number of digits Auth0's codes have. */
    public static final int DIGITS = 6;

    private static final int[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    private Totp() {
    }

    /**
     * Returns the time step of an instant.
     *
     * @param at the instant.
     * @return the number of whole steps since the epoch.
     */
    public static long step(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), STEP_SECONDS);
    }

    /**
     * Computes the 6-digit HMAC-SHA1 code of a step.
     *
     * @param secret the shared secret.
     * @param step the time step.
     * @return the code, zero-padded.
     */
    public static String code(byte[] secret, long step) {
        return code(secret, step, DIGITS, "HmacSHA1");
    }

    /**
     * Computes a code with any length and HMAC; the RFC's test vectors use 8 digits and three hashes.
     *
     * @param secret the shared secret.
     * @param step the time step (the moving factor).
     * @param digits the number of digits, 1 to 8.
     * @param hmac the JCA name of the HMAC, such as {@code HmacSHA1}.
     * @return the code, zero-padded.
     */
    public static String code(byte[] secret, long step, int digits, String hmac) {
        byte[] hash;
        try {
            Mac mac = Mac.getInstance(hmac);
            mac.init(new SecretKeySpec(secret, "RAW"));
            hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC unavailable: " + hmac, e);
        }
        // RFC 4226 §5.3 dynamic truncation.
        int offset = hash[hash.length - 1] & 0xf;
        int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
        String text = Integer.toString(binary % POWERS[digits]);
        return "0".repeat(digits - text.length()) + text;
    }

    /**
     * Finds the step, among the current one and its two neighbours (clock drift of the phone), whose code matches.
     *
     * @param secret the shared secret.
     * @param code the code the user typed.
     * @param at now.
     * @return the matching step, or {@code -1} when none matches.
     */
    public static long matchingStep(byte[] secret, String code, Instant at) {
        if (code == null || !code.matches("\\d{" + DIGITS + "}")) {
            return -1;
        }
        long now = step(at);
        for (long candidate = now - 1; candidate <= now + 1; candidate++) {
            if (constantTimeEquals(code(secret, candidate), code)) {
                return candidate;
            }
        }
        return -1;
    }

    private static boolean constantTimeEquals(String a, String b) {
        return java.security.MessageDigest.isEqual(a.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                b.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
}
