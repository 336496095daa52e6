package dev.mfastepup.session;

import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * The random value that binds the step-up contexts of one session to that session (SEC-04): 128 bits from
 * {@link SecureRandom}, made the first time the session needs it and kept in the session beside its
 * {@link PendingStepUps}. Every context sealed in the session carries it inside its authenticated payload, and
 * opening one compares it with the session's own value, so a sealed context copied into another session (another
 * user's, or another of the same user) does not open there.
 *
 * <p>It is a server-side secret: never logged (see {@link #toString()}), never sent to the browser. It is
 * {@link Serializable} and small (22 characters) so that it replicates with the session; a session that is
 * invalidated takes it along, and the next session gets a new one.
 *
 * @serial exclude
 * @since 0.1
 */
public final class SessionBinding implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The session attribute that holds the value. */
    public static final String ATTRIBUTE = SessionBinding.class.getName();

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int BYTES = 16;

    private final String value;

    private SessionBinding(String value) {
        this.value = value;
    }

    /**
     * Returns the value of a session, making and storing it the first time.
     *
     * @param session the user's session.
     * @return the value, 22 base64url characters; the same for every request of the session.
     */
    static String of(HttpSession session) {
        Objects.requireNonNull(session, "session cannot be null");
        return SessionAttributes.getOrCreate(session, ATTRIBUTE, SessionBinding.class, SessionBinding::random).value;
    }

    private static SessionBinding random() {
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        return new SessionBinding(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** Leaves the value out: it is a secret of the server side. */
    @Override
    public String toString() {
        return "SessionBinding[redacted]";
    }
}
