package dev.mfastepup.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Records the random secrets the tests use, as they use them, for {@code bin/canary-check} (SEC-31): the codes
 * they type, the OTP seeds they compute codes from, the session ids the servers gave them. Fixed test values
 * (tokens such as {@code MFATOK-...}, the client and sealing secrets) need no recording: the check knows them.
 *
 * <p>Each test JVM appends to its own file, {@code target/canaries/canaries-<pid>.txt} under the working directory
 * (the module's directory under Maven), one value per line after its kind and a tab. Values that cannot be a secret
 * of their kind are not recorded (a bad input such as {@code 12a} is no code), so that no value is so short or so
 * common that it would match an unrelated log line.
 */
public final class Canaries {

    /** Where the files go, relative to the working directory. */
    public static final Path DIRECTORY = Path.of("target", "canaries");

    /** The kinds of recorded values, as written in the files. */
    public enum Kind {
        /** A six-digit code: a typed OTP, SMS or email code, or a binding code. */
        CODE,
        /** A 24-character recovery code. */
        RECOVERY,
        /** A base32 OTP seed. */
        SEED,
        /** A session id from a {@code JSESSIONID} cookie. */
        SESSION;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final Pattern SIX_DIGITS = Pattern.compile("[0-9]{6}");
    private static final Pattern RECOVERY_CODE = Pattern.compile("[A-Z0-9]{24}");
    private static final Pattern BASE32_SEED = Pattern.compile("[A-Z2-7]{16,}");
    private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9._-]{16,}");
    private static final Pattern SESSION_COOKIE = Pattern.compile("\\bJSESSIONID=([^;,\\s]+)");

    private static final Set<String> RECORDED = new HashSet<>();

    private Canaries() {
    }

    /**
     * Records what a user typed into a code field: a six-digit code or a recovery code (spaces and dashes left out,
     * as the module reads it); anything else is no secret and is ignored.
     *
     * @param typed the text typed.
     */
    public static void typed(String typed) {
        if (typed == null) {
            return;
        }
        String normalized = typed.replace(" ", "").replace("-", "").toUpperCase(Locale.ROOT);
        if (SIX_DIGITS.matcher(normalized).matches()) {
            record(Kind.CODE, normalized);
        } else if (RECOVERY_CODE.matcher(normalized).matches()) {
            record(Kind.RECOVERY, normalized);
        }
    }

    /**
     * Records an OTP seed a test computes codes from.
     *
     * @param base32 the seed as shown, in any case, with or without spaces and padding.
     */
    public static void seed(String base32) {
        String normalized = base32.replace(" ", "").replace("=", "").toUpperCase(Locale.ROOT);
        if (BASE32_SEED.matcher(normalized).matches()) {
            record(Kind.SEED, normalized);
        }
    }

    /**
     * Records a session id.
     *
     * @param id the value of a {@code JSESSIONID} cookie.
     */
    public static void session(String id) {
        if (id != null && SESSION_ID.matcher(id).matches()) {
            record(Kind.SESSION, id);
        }
    }

    /**
     * Records every {@code JSESSIONID} value in HTTP header text ({@code Cookie} or {@code Set-Cookie} lines).
     *
     * @param headers the header lines.
     */
    public static void sessionsIn(String headers) {
        Matcher cookie = SESSION_COOKIE.matcher(headers);
        while (cookie.find()) {
            session(cookie.group(1));
        }
    }

    /**
     * Appends one value to this JVM's file, once.
     *
     * @param kind its kind.
     * @param value the value, one line.
     */
    public static synchronized void record(Kind kind, String value) {
        if (value.isEmpty() || value.contains("\n") || !RECORDED.add(kind + "\t" + value)) {
            return;
        }
        try {
            Files.createDirectories(DIRECTORY);
            Files.writeString(file(), kind.label() + "\t" + value + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record a canary in " + file(), e);
        }
    }

    /** @return this JVM's file. */
    public static Path file() {
        return DIRECTORY.resolve("canaries-" + ProcessHandle.current().pid() + ".txt");
    }
}
