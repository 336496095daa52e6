package dev.mfastepup.event;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The security events of MFA step-up as log lines, on the logger {@value #LOGGER_NAME}, so that operators can
 * send them where their audit trail goes: one line per event, its name first, then {@code key=value} fields.
 *
 * <pre>
 * mfa.locked user=u-3fa29c01b2d4 session=s-91bc07e2aa10 flow=Xk3... ip=10.0.0.7 correlation=c-5e2f... retry_after_s=30
 * </pre>
 *
 * <ul>
 * <li>{@code user}: a pseudonym of the {@code sub}, the first 12 hex digits of its SHA-256 (hash a known
 * {@code sub} to find its lines);</li>
 * <li>{@code session}: the same for the session id, never the id itself;</li>
 * <li>{@code flow}: the opaque flow id, as in the MFA pages' URLs;</li>
 * <li>{@code ip}: the peer address the server saw; a forwarded address only from a proxy the operator trusts
 * ({@link ClientAddress});</li>
 * <li>{@code correlation}: one id per HTTP request, the same on every line of that request.</li>
 * </ul>
 * The time is the log record's. No token, code, secret or session id is ever written; field values are cut to
 * letters, digits and {@code . _ : -}, so that nothing can forge a line.
 *
 * @since 0.1
 */
public final class SecurityLog {

    /** The name of the logger the events go to. */
    public static final String LOGGER_NAME = "dev.mfastepup.security";

    private static final Logger logger = Logger.getLogger(LOGGER_NAME);
    private static final String CORRELATION_ATTRIBUTE = SecurityLog.class.getName() + ".correlation";

    /** Read once at deployment; until then, and by default, the peer address and nothing a client can set. */
    private static volatile ClientAddress clientAddress = ClientAddress.peerOnly();

    private SecurityLog() {
        // static only
    }

    /**
     * Sets how {@code ip=} is found, from {@value ClientAddress#KEY_TRUSTED_PROXIES}; the module calls it once while
     * the application deploys. The setting holds for the class loader of this jar, that is for the application.
     *
     * @param rule the rule.
     */
    public static void clientAddress(ClientAddress rule) {
        clientAddress = Objects.requireNonNull(rule, "rule cannot be null");
    }

    /**
     * Writes one event.
     *
     * @param level {@code INFO} for what went as it should, {@code WARNING} for refusals and faults,
     *        {@code SEVERE} for what an operator must look at.
     * @param event the event name, such as {@code mfa.verify_failed}.
     * @param request the request the event happened in, or {@code null}.
     * @param subject the user's {@code sub}, or {@code null}.
     * @param flowId the flow id, or {@code null}.
     * @param details more fields: names and values, alternating.
     */
    public static void record(Level level, String event, HttpServletRequest request, String subject, String flowId,
            String... details) {
        if (!logger.isLoggable(level)) {
            return;
        }
        StringBuilder line = new StringBuilder(event);
        field(line, "user", subject == null ? null : pseudonym(subject));
        HttpSession session = request == null ? null : request.getSession(false);
        field(line, "session", session == null ? null : "s-" + hash(session.getId()));
        field(line, "flow", flowId);
        field(line, "ip", request == null ? null : clientAddress.of(request));
        field(line, "correlation", request == null ? null : correlation(request));
        for (int i = 0; i + 1 < details.length; i += 2) {
            field(line, details[i], details[i + 1]);
        }
        logger.log(level, line.toString());
    }

    /**
     * Returns the stand-in for a user id in these lines: {@code u-} and the first 12 hex digits of the SHA-256 of
     * the {@code sub}. Operators can match the events of one user, and find a user by hashing a known {@code sub},
     * without the logs carrying the identifier itself.
     *
     * @param subject the {@code sub}.
     * @return the pseudonym.
     */
    public static String pseudonym(String subject) {
        return "u-" + hash(subject);
    }

    /**
     * Returns the correlation id of a request, made on first use.
     *
     * @param request the request.
     * @return {@code c-} and 12 hex digits.
     */
    public static String correlation(HttpServletRequest request) {
        Object id = request.getAttribute(CORRELATION_ATTRIBUTE);
        if (id instanceof String known) {
            return known;
        }
        String made = "c-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        request.setAttribute(CORRELATION_ATTRIBUTE, made);
        return made;
    }

    private static void field(StringBuilder line, String name, String value) {
        if (value == null) {
            return;
        }
        StringBuilder clean = new StringBuilder(Math.min(value.length(), 64));
        for (int i = 0; i < value.length() && clean.length() < 64; i++) {
            char c = value.charAt(i);
            boolean plain = c < 0x80
                    && (Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == ':' || c == '-' || c == '/');
            clean.append(plain ? c : '_');
        }
        line.append(' ').append(name).append('=').append(clean);
    }

    private static String hash(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException impossible) {
            // Every Java platform has SHA-256.
            throw new IllegalStateException(impossible);
        }
    }
}
