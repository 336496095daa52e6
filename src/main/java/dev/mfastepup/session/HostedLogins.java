package dev.mfastepup.session;

import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The step-ups through Universal Login that a session has on their way, each until Auth0's callback takes it.
 *
 * <p>A session holds at most {@value #MAX_PENDING} (a user may open the road in several tabs; the oldest goes
 * first), each for at most {@link #LIFETIME}: Auth0's authorization codes live 10 minutes, and a request that old
 * has been abandoned. A {@code state} is compared in constant time, and taking it removes it, so that an answer can
 * be used once only.
 *
 * @since 0.2
 */
public final class HostedLogins implements Serializable {

    /** How long a request waits for its callback. */
    public static final Duration LIFETIME = Duration.ofMinutes(10);
    /** How many requests a session keeps at once. */
    public static final int MAX_PENDING = 4;

    private static final long serialVersionUID = 1L;
    private static final String ATTRIBUTE = HostedLogins.class.getName();

    /** The requests waiting for their callback, oldest first. */
    private final List<HostedLogin> pending = new ArrayList<>();

    private HostedLogins() {
    }

    /**
     * Keeps a new request in a session, dropping expired ones and, past {@value #MAX_PENDING}, the oldest.
     *
     * @param session the session.
     * @param login the request.
     */
    public static void add(HttpSession session, HostedLogin login) {
        HostedLogins logins = SessionAttributes.getOrCreate(session, ATTRIBUTE, HostedLogins.class,
                HostedLogins::new);
        synchronized (logins) {
            logins.dropExpired(login.createdAt());
            while (logins.pending.size() >= MAX_PENDING) {
                logins.pending.remove(0);
            }
            logins.pending.add(login);
        }
        // Written back so that a replicated session carries the change.
        session.setAttribute(ATTRIBUTE, logins);
    }

    /**
     * Takes the request a callback's {@code state} names out of the session.
     *
     * @param session the session, or {@code null}.
     * @param state the {@code state} the callback brought.
     * @param now the time now: an expired request is not returned.
     * @return the request, or empty when none has that state (unknown, used, expired, or another session's).
     */
    public static Optional<HostedLogin> take(HttpSession session, String state, Instant now) {
        Optional<HostedLogins> found = SessionAttributes.find(session, ATTRIBUTE, HostedLogins.class);
        if (found.isEmpty() || state == null) {
            return Optional.empty();
        }
        HostedLogins logins = found.get();
        HostedLogin taken = null;
        synchronized (logins) {
            logins.dropExpired(now);
            byte[] offered = state.getBytes(StandardCharsets.UTF_8);
            for (Iterator<HostedLogin> each = logins.pending.iterator(); each.hasNext();) {
                HostedLogin login = each.next();
                if (MessageDigest.isEqual(offered, login.state().getBytes(StandardCharsets.UTF_8))) {
                    each.remove();
                    taken = login;
                }
            }
        }
        session.setAttribute(ATTRIBUTE, logins);
        return Optional.ofNullable(taken);
    }

    private void dropExpired(Instant now) {
        pending.removeIf(login -> !login.createdAt().plus(LIFETIME).isAfter(now));
    }

    @Override
    public synchronized String toString() {
        return "HostedLogins[" + pending + "]";
    }
}
