package dev.mfastepup.emulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Checks a PKCE code verifier against the challenge sent to {@code /authorize} (RFC 7636 §4.6).
 */
public final class Pkce {

    private Pkce() {
    }

    /**
     * Tells whether a verifier matches a challenge.
     *
     * @param verifier the {@code code_verifier} of the token request.
     * @param challenge the {@code code_challenge} of the authorization request.
     * @param method {@code S256}, {@code plain}, or {@code null} (which RFC 7636 reads as {@code plain}).
     * @return {@code true} when they match; {@code false} also for an unknown method or a missing verifier.
     */
    public static boolean matches(String verifier, String challenge, String method) {
        if (verifier == null || challenge == null) {
            return false;
        }
        String expected;
        if (method == null || method.isEmpty() || "plain".equals(method)) {
            expected = verifier;
        } else if ("S256".equals(method)) {
            expected = s256(verifier);
        } else {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                challenge.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Computes the S256 challenge of a verifier: base64url(SHA-256(ASCII(verifier))) without padding.
     *
     * @param verifier the verifier.
     * @return the challenge.
     */
    public static String s256(String verifier) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
