package dev.mfastepup.emulator;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Random values for tokens, codes and ids; all from one {@link SecureRandom}, because the emulator's tokens should
 * be as unguessable as the real ones even on a demo machine.
 */
public final class Randoms {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String UPPER_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private Randoms() {
    }

    /**
     * Returns an opaque token: {@code bytes} random bytes, base64url.
     *
     * @param bytes the entropy in bytes.
     * @return the token.
     */
    public static String token(int bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(bytes));
    }

    /**
     * Returns an opaque token with a marker in front, such as {@code emu-rt-}: Auth0's tokens carry none, but the
     * emulator's do, so that a test can search every log and page for a token that should never be there.
     *
     * @param marker the marker.
     * @param bytes the entropy in bytes.
     * @return the marker and the token.
     */
    public static String marked(String marker, int bytes) {
        return marker + token(bytes);
    }

    /**
     * Returns random bytes.
     *
     * @param count how many.
     * @return the bytes.
     */
    public static byte[] bytes(int count) {
        byte[] out = new byte[count];
        RANDOM.nextBytes(out);
        return out;
    }

    /**
     * Returns a numeric code, such as an SMS binding code.
     *
     * @param digits the length.
     * @return the digits, zero-padded.
     */
    public static String digits(int digits) {
        StringBuilder out = new StringBuilder(digits);
        for (int i = 0; i < digits; i++) {
            out.append((char) ('0' + RANDOM.nextInt(10)));
        }
        return out.toString();
    }

    /**
     * Returns a recovery code in Auth0's shape: 24 characters from A-Z and 0-9.
     *
     * @return the code.
     */
    public static String recoveryCode() {
        return fromAlphabet(UPPER_DIGITS, 24);
    }

    /**
     * Returns the random part of an authenticator id, as in {@code totp|dev_gJ6Y6vpSrjnKeT67}.
     *
     * @return {@code dev_} and 16 letters or digits.
     */
    public static String deviceId() {
        return "dev_" + fromAlphabet(ID_CHARS, 16);
    }

    private static String fromAlphabet(String alphabet, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
