package dev.mfastepup.jsp;

import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The JSP pages' protection against cross-site posts: a synchronizer token in every form, bound to the session
 * and to the flow. The session holds a random key of its own; a form's token is that key's HMAC-SHA256 of the
 * flow id, so a token is worth nothing in another session or for another flow, and nothing per form needs to be
 * remembered. A post without the right token is refused before anything reads its fields.
 *
 * <p>The Faces pages get the same from their view state; the JSP pages have none.
 */
final class FormTokens {

    /** The form field that carries the token. */
    static final String FIELD = "csrf";

    /** The session attribute with the session's key: 32 random bytes, which a session replicated carries along. */
    static final String SESSION_KEY = FormTokens.class.getName() + ".KEY";

    private static final String ALGORITHM = "HmacSHA256";
    private static final SecureRandom RANDOM = new SecureRandom();

    private FormTokens() {
        // static only
    }

    /**
     * Returns the token of a flow's forms in a session, making the session's key on first use.
     *
     * @param session the user's session.
     * @param flowId the flow's id; empty for the forms outside a flow (the new recovery code).
     * @return the token, URL-safe Base64.
     */
    static String token(HttpSession session, String flowId) {
        byte[] key;
        synchronized (session) {
            key = (byte[]) session.getAttribute(SESSION_KEY);
            if (key == null) {
                key = new byte[32];
                RANDOM.nextBytes(key);
                session.setAttribute(SESSION_KEY, key);
            }
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(key, flowId));
    }

    /**
     * Tells whether a post carries the token of its flow in this session.
     *
     * @param session the user's session, or {@code null} when there is none (then nothing is valid).
     * @param flowId the flow id the post names; empty for the forms outside a flow.
     * @param sent the token the post carries, or {@code null}.
     * @return whether it is the right one.
     */
    static boolean valid(HttpSession session, String flowId, String sent) {
        if (session == null || sent == null || !(session.getAttribute(SESSION_KEY) instanceof byte[] key)) {
            return false;
        }
        byte[] expected = Base64.getUrlEncoder().withoutPadding().encode(mac(key, flowId));
        // In constant time: how much of a guess was right must not show in how long the refusal takes.
        return MessageDigest.isEqual(expected, sent.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] mac(byte[] key, String flowId) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac.doFinal(("mfa-stepup form " + flowId).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException unavailable) {
            // Every Java runtime has HmacSHA256 (it is one of the algorithms the platform must provide).
            throw new IllegalStateException(ALGORITHM + " is not available", unavailable);
        }
    }
}
