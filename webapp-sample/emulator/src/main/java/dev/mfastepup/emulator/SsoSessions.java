package dev.mfastepup.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Optional;

/**
 * Starts, finds and ends the login sessions of Universal Login, kept in {@link TenantState#ssoSessions()}.
 */
public final class SsoSessions {

    /**
     * How long a session lasts after its login. Auth0's lifetimes are tenant settings (an inactivity and an absolute
     * timeout); the emulator ends a session three days after its login, the inactivity limit of Auth0's self-service
     * plans, mostly so that sessions nobody will use again do not pile up in memory.
     */
    public static final Duration LIFETIME = Duration.ofDays(3);

    private final TenantState state;
    private final Clock clock;

    /**
     * Creates the sessions' logic.
     *
     * @param state the tenant state, which holds the sessions.
     * @param clock the clock.
     */
    public SsoSessions(TenantState state, Clock clock) {
        this.state = state;
        this.clock = clock;
    }

    /**
     * Starts a session after a password was entered, under a new id, ending the browser's previous one and the
     * sessions whose time is up. When the previous session was the same user's, the password was entered again
     * within it (after {@code prompt=login} or {@code max_age}): the new session keeps its second factor, with its
     * time, so that {@code max_age} alone decides whether it is still recent enough. A login as another user starts
     * without one.
     *
     * @param username the user.
     * @param previousId the id of the browser's cookie, or {@code null}.
     * @return the new session.
     */
    public SsoSession start(String username, String previousId) {
        Instant now = clock.instant();
        SsoSession session = new SsoSession(Randoms.marked("emu-sso-", 24), username, now);
        synchronized (state) {
            SsoSession previous = previousId == null ? null : state.ssoSessions().remove(previousId);
            if (previous != null && previous.username().equals(username) && previous.multiFactorAt() != null
                    && live(previous, now)) {
                session.multiFactorDone(previous.multiFactorAt());
            }
            // Oldest first: the sessions whose time is up are at the head, and a load test's thousands of logins
            // cost no walk through all of them.
            Iterator<SsoSession> oldest = state.ssoSessions().values().iterator();
            while (oldest.hasNext() && !live(oldest.next(), now)) {
                oldest.remove();
            }
            state.ssoSessions().put(session.id(), session);
        }
        return session;
    }

    /**
     * Finds a live session.
     *
     * @param id the cookie's value, or {@code null}.
     * @return the session, or empty when there is none or its time is up.
     */
    public Optional<SsoSession> find(String id) {
        if (id == null || id.isBlank()) {
            return Optional.empty();
        }
        synchronized (state) {
            SsoSession session = state.ssoSessions().get(id);
            if (session != null && !live(session, clock.instant())) {
                state.ssoSessions().remove(id);
                return Optional.empty();
            }
            return Optional.ofNullable(session);
        }
    }

    /**
     * Records a second factor done in a session now.
     *
     * @param session the session.
     */
    public void multiFactorDone(SsoSession session) {
        synchronized (state) {
            session.multiFactorDone(clock.instant());
        }
    }

    /**
     * Ends a session, as {@code /v2/logout} does.
     *
     * @param id the cookie's value, or {@code null}.
     */
    public void end(String id) {
        if (id != null) {
            synchronized (state) {
                state.ssoSessions().remove(id);
            }
        }
    }

    private static boolean live(SsoSession session, Instant now) {
        return now.isBefore(session.authTime().plus(LIFETIME));
    }
}
