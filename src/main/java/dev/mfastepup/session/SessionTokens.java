package dev.mfastepup.session;

import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The tokens this module keeps in a user's {@link HttpSession}: the access tokens per {@link TokenKey}, the
 * refresh token once Auth0 rotated it (or the application handed one over), and the user and tenant they belong
 * to.
 *
 * <p>It is {@link Serializable} and small, so that it survives session replication. All methods are thread-safe;
 * requests of the same session run at the same time. Only {@link SessionTokenStore} changes it, and stores it again
 * after each change ({@link #save(HttpSession)}) so that a replicating container sees the change; other packages
 * get it from the store only to read it.
 *
 * @serial exclude
 * @since 0.1
 */
public final class SessionTokens implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The session attribute that holds this object. */
    static final String ATTRIBUTE = SessionTokens.class.getName();

    private String subject;
    private String domain;
    private String refreshToken;
    private final Map<TokenKey, CachedAccessToken> accessTokens = new HashMap<>();
    private final Map<TokenKey, Instant> stepUps = new HashMap<>();
    /** When the user last proved a second factor in this session, by either road; {@code null} before. */
    private Instant secondFactorAt;
    private transient volatile Map<TokenKey, ReentrantLock> locks;
    private transient volatile ReentrantLock refreshLock;

    private SessionTokens() {
    }

    /**
     * Returns the tokens of a session, creating them when there are none yet.
     *
     * @param session the user's session.
     * @return the session's tokens; the same object for concurrent requests of the same session.
     */
    static SessionTokens of(HttpSession session) {
        return SessionAttributes.getOrCreate(session, ATTRIBUTE, SessionTokens.class, SessionTokens::new);
    }

    /**
     * Returns the tokens of a session, if it has any.
     *
     * @param session the user's session, or {@code null}.
     * @return the tokens, or empty.
     */
    static Optional<SessionTokens> find(HttpSession session) {
        return SessionAttributes.find(session, ATTRIBUTE, SessionTokens.class);
    }

    /**
     * Stores this object in the session again, so that a replicating container notices the change.
     *
     * @param session the user's session.
     */
    void save(HttpSession session) {
        session.setAttribute(ATTRIBUTE, this);
    }

    /**
     * Binds the tokens to a user. When they belonged to another user, everything is forgotten first: tokens never
     * pass from one user to another.
     *
     * @param subject the user's {@code sub}.
     * @return {@code true} when the tokens belonged to another user and were dropped.
     */
    synchronized boolean bindSubject(String subject) {
        if (subject == null || subject.equals(this.subject)) {
            return false;
        }
        boolean dropped = this.subject != null;
        if (dropped) {
            accessTokens.clear();
            stepUps.clear();
            refreshToken = null;
            domain = null;
        }
        this.subject = subject;
        return dropped;
    }

    /**
     * Returns the user the tokens belong to.
     *
     * @return the user's {@code sub}, if known.
     */
    public synchronized Optional<String> subject() {
        return Optional.ofNullable(subject);
    }

    /**
     * Returns the Auth0 domain of the session, set by its first token request.
     *
     * @return the domain, if known.
     */
    public synchronized Optional<String> domain() {
        return Optional.ofNullable(domain);
    }

    /**
     * Records the Auth0 domain of the session, when none is recorded yet.
     *
     * @param domain the domain.
     * @return the domain recorded now or earlier.
     */
    synchronized String bindDomain(String domain) {
        if (this.domain == null) {
            this.domain = domain;
        }
        return this.domain;
    }

    /**
     * Returns the refresh token this module holds: the last one Auth0 rotated to, or one the application handed
     * over.
     *
     * @return the refresh token, if any.
     */
    public synchronized Optional<String> refreshToken() {
        return Optional.ofNullable(refreshToken);
    }

    /**
     * Replaces the refresh token.
     *
     * @param refreshToken the new refresh token.
     */
    synchronized void setRefreshToken(String refreshToken) {
        this.refreshToken = refreshToken;
    }

    /**
     * Returns a cached access token that stays valid for at least the margin.
     *
     * @param key the audience and scope.
     * @param now the current time.
     * @param margin how long the token must still be valid.
     * @return the token, or empty when there is none or it is about to expire.
     */
    public synchronized Optional<CachedAccessToken> valid(TokenKey key, Instant now, Duration margin) {
        CachedAccessToken token = accessTokens.get(key);
        return token != null && token.isValidAt(now, margin) ? Optional.of(token) : Optional.empty();
    }

    /**
     * Caches an access token, replacing the one for the same audience and scope.
     *
     * @param key the audience and scope.
     * @param token the token.
     */
    synchronized void put(TokenKey key, CachedAccessToken token) {
        accessTokens.remove(key);
        accessTokens.put(key, token);
    }

    /**
     * Records that a step-up for a key completed, so that a new demand right after it can be told from a loop.
     *
     * @param key the audience and scope.
     * @param at when it completed.
     */
    synchronized void recordStepUp(TokenKey key, Instant at) {
        stepUps.put(key, at);
    }

    /**
     * Returns when the last step-up for a key completed in this session.
     *
     * @param key the audience and scope.
     * @return the time, if a step-up for it completed.
     */
    public synchronized Optional<Instant> lastStepUp(TokenKey key) {
        return Optional.ofNullable(stepUps.get(key));
    }

    /**
     * Records when the user proved a second factor, for freshness; an earlier time than the one recorded is kept
     * out.
     *
     * @param at when the factor was given (for Universal Login, no later than the ID token's {@code auth_time}).
     */
    synchronized void recordSecondFactor(Instant at) {
        if (secondFactorAt == null || at.isAfter(secondFactorAt)) {
            secondFactorAt = at;
        }
    }

    /**
     * Returns when the user last proved a second factor in this session, by either road.
     *
     * @return the time, if they did.
     */
    public synchronized Optional<Instant> lastSecondFactor() {
        return Optional.ofNullable(secondFactorAt);
    }

    /**
     * Forgets every cached access token and the refresh token, for example at logout.
     */
    synchronized void clear() {
        stepUps.clear();
        secondFactorAt = null;
        accessTokens.clear();
        refreshToken = null;
    }

    /**
     * Returns the lock that lets one request at a time ask Auth0 for the token of a key, so that concurrent
     * requests of one session make one refresh call, not several.
     *
     * @param key the audience and scope.
     * @return the lock, the same for the same key while this object lives in memory.
     */
    ReentrantLock lockFor(TokenKey key) {
        Map<TokenKey, ReentrantLock> current = locks;
        if (current == null) {
            synchronized (this) {
                if (locks == null) {
                    locks = new ConcurrentHashMap<>();
                }
                current = locks;
            }
        }
        return current.computeIfAbsent(key, k -> new ReentrantLock());
    }

    /**
     * Returns the lock that lets one request of the session at a time use the refresh token, whatever the audience
     * (SEC-13): with refresh-token rotation, two grants with the same refresh token look like a stolen token to
     * Auth0's reuse detection, which then revokes every token of the user. Take it after {@link #lockFor}, never
     * the other way round.
     *
     * @return the lock, the same while this object lives in memory.
     */
    ReentrantLock refreshLock() {
        ReentrantLock current = refreshLock;
        if (current == null) {
            synchronized (this) {
                if (refreshLock == null) {
                    refreshLock = new ReentrantLock();
                }
                current = refreshLock;
            }
        }
        return current;
    }

    /** Leaves every token out. */
    @Override
    public synchronized String toString() {
        return "SessionTokens[subject=" + (subject != null) + ", domain=" + domain + ", accessTokens="
                + accessTokens.keySet() + ", refreshToken=" + (refreshToken != null) + "]";
    }
}
