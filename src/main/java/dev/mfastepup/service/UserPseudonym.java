package dev.mfastepup.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A short, stable stand-in for a user id in log lines: the first 12 hex digits of the SHA-256 of the {@code sub}.
 * Operators can match the events of one user, and find the user by hashing a known {@code sub}, without the logs
 * carrying the identifier itself.
 */
final class UserPseudonym {

    private UserPseudonym() {
        // static only
    }

    static String of(String subject) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(subject.getBytes(StandardCharsets.UTF_8));
            return "u-" + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException impossible) {
            // Every Java platform has SHA-256.
            throw new IllegalStateException(impossible);
        }
    }
}
