package dev.mfastepup.emulator;

import java.time.Instant;

/**
 * A login session of Universal Login, kept in {@link TenantState} and named by the browser's {@link SsoCookie}:
 * who entered their password and when, and when they last did a second factor in it. Guarded by the lock of
 * {@link TenantState}.
 */
public final class SsoSession {

    private final String id;
    private final String username;
    private final Instant authTime;
    private Instant multiFactorAt;

    /**
     * Creates a session without a second factor.
     *
     * @param id the opaque id the cookie carries.
     * @param username the user.
     * @param authTime when the password was entered.
     */
    public SsoSession(String id, String username, Instant authTime) {
        this.id = id;
        this.username = username;
        this.authTime = authTime;
    }

    /** @return the id the cookie carries. */
    public String id() {
        return id;
    }

    /** @return the user. */
    public String username() {
        return username;
    }

    /** @return when the password was entered: the {@code auth_time} of the session's ID tokens. */
    public Instant authTime() {
        return authTime;
    }

    /** @return when the last second factor was done in this session, or {@code null} when none was. */
    public Instant multiFactorAt() {
        return multiFactorAt;
    }

    /**
     * Records a second factor.
     *
     * @param at when it was done.
     */
    public void multiFactorDone(Instant at) {
        this.multiFactorAt = at;
    }
}
