package dev.mfastepup.session;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpSession;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The only way into the tokens this module keeps in a user's {@link HttpSession} (its {@link SessionTokens}): the
 * user and tenant they belong to, the refresh token, the cached access tokens, the last step-up per audience and
 * scope, and the locks that keep concurrent requests of one session from racing each other to Auth0.
 *
 * <p>As Spring Security's {@code RequestCache} does for the saved request, this class alone reads and writes the
 * session attribute. Every change is stored again with {@code setAttribute} before the method returns, so that a
 * replicating container sees it; a caller cannot forget that write-back. Reads never create the attribute unless
 * they say so.
 *
 * @since 0.1
 * @see StepUpFlows
 */
@Dependent
public class SessionTokenStore {

    /** Creates the store; it holds nothing itself. CDI and tests call this. */
    @Inject
    public SessionTokenStore() {
    }

    // Reads ------------------------------------------------------------------------------------------------------

    /**
     * Returns the session's tokens as a read-only view, creating them when there are none yet; its changing
     * methods are this package's only.
     *
     * @param session the user's session.
     * @return the session's tokens.
     */
    public SessionTokens tokens(HttpSession session) {
        return SessionTokens.of(session);
    }

    /**
     * Returns the user the session's tokens belong to.
     *
     * @param session the user's session, or {@code null}.
     * @return the user's {@code sub}, or empty when there is no session or no user bound yet.
     */
    public Optional<String> subject(HttpSession session) {
        return SessionTokens.find(session).flatMap(SessionTokens::subject);
    }

    /**
     * Returns the refresh token this module holds for the session.
     *
     * @param session the user's session, or {@code null}.
     * @return the refresh token, or empty.
     */
    public Optional<String> refreshToken(HttpSession session) {
        return SessionTokens.find(session).flatMap(SessionTokens::refreshToken);
    }

    /**
     * Returns a cached access token that stays valid for at least the margin.
     *
     * @param session the user's session, or {@code null}.
     * @param key the audience and scope.
     * @param now the current time.
     * @param margin how long the token must still be valid.
     * @return the token, or empty when there is none or it is about to expire.
     */
    public Optional<CachedAccessToken> valid(HttpSession session, TokenKey key, Instant now, Duration margin) {
        return SessionTokens.find(session).flatMap(tokens -> tokens.valid(key, now, margin));
    }

    /**
     * Returns when the last step-up for an audience and scope completed in the session.
     *
     * @param session the user's session, or {@code null}.
     * @param key the audience and scope.
     * @return the time, or empty.
     */
    public Optional<Instant> lastStepUp(HttpSession session, TokenKey key) {
        return SessionTokens.find(session).flatMap(tokens -> tokens.lastStepUp(key));
    }

    // Changes ----------------------------------------------------------------------------------------------------

    /**
     * Binds the session's tokens to a user. When they belonged to another user, everything is forgotten first:
     * tokens never pass from one user to another.
     *
     * @param session the user's session.
     * @param subject the user's {@code sub}.
     * @return {@code true} when the tokens belonged to another user and were dropped.
     */
    public boolean bindSubject(HttpSession session, String subject) {
        SessionTokens tokens = SessionTokens.of(session);
        boolean changes = subject != null && !subject.equals(tokens.subject().orElse(null));
        boolean dropped = tokens.bindSubject(subject);
        if (changes) {
            tokens.save(session);
        }
        return dropped;
    }

    /**
     * Records the Auth0 domain of the session, when none is recorded yet.
     *
     * @param session the user's session.
     * @param domain the domain of the current request.
     * @return the domain recorded now or earlier.
     */
    public String bindDomain(HttpSession session, String domain) {
        SessionTokens tokens = SessionTokens.of(session);
        boolean first = tokens.domain().isEmpty();
        String bound = tokens.bindDomain(domain);
        if (first) {
            tokens.save(session);
        }
        return bound;
    }

    /**
     * Takes over the refresh token the application handed over for a user.
     *
     * @param session the user's session.
     * @param subject the user's {@code sub}.
     * @param refreshToken the refresh token.
     */
    public void useRefreshToken(HttpSession session, String subject, String refreshToken) {
        SessionTokens tokens = SessionTokens.of(session);
        tokens.bindSubject(subject);
        tokens.setRefreshToken(refreshToken);
        tokens.save(session);
    }

    /**
     * Caches an access token Auth0 granted, replacing the one for the same audience and scope, and keeps the
     * refresh token Auth0 rotated to, if any.
     *
     * @param session the user's session.
     * @param key the audience and scope.
     * @param token the access token.
     * @param rotatedRefreshToken the new refresh token, or {@code null} or blank when Auth0 did not rotate it.
     * @return the cached token.
     */
    public CachedAccessToken cache(HttpSession session, TokenKey key, CachedAccessToken token,
            String rotatedRefreshToken) {
        SessionTokens tokens = SessionTokens.of(session);
        cache(tokens, key, token, rotatedRefreshToken);
        tokens.save(session);
        return token;
    }

    /**
     * Caches the access token of a completed step-up, like {@link #cache}, and records when it completed, so that
     * a new demand right after it can be told from a loop; both are written back at once.
     *
     * @param session the user's session.
     * @param key the audience and scope.
     * @param token the access token.
     * @param rotatedRefreshToken the new refresh token, or {@code null} or blank.
     * @param at when the step-up completed.
     * @return the cached token.
     */
    public CachedAccessToken completeStepUp(HttpSession session, TokenKey key, CachedAccessToken token,
            String rotatedRefreshToken, Instant at) {
        return completeStepUp(session, key, token, rotatedRefreshToken, at, at);
    }

    /**
     * As {@link #completeStepUp(HttpSession, TokenKey, CachedAccessToken, String, Instant)}, with the time the
     * second factor was given when it is earlier than the completion (Universal Login may reuse an earlier login).
     *
     * @param session the user's session.
     * @param key the audience and scope.
     * @param token the access token.
     * @param rotatedRefreshToken the new refresh token, or {@code null} or blank.
     * @param at when the step-up completed.
     * @param secondFactorAt when the second factor was given, for freshness ({@link #lastSecondFactor}).
     * @return the cached token.
     * @since 0.2
     */
    public CachedAccessToken completeStepUp(HttpSession session, TokenKey key, CachedAccessToken token,
            String rotatedRefreshToken, Instant at, Instant secondFactorAt) {
        SessionTokens tokens = SessionTokens.of(session);
        cache(tokens, key, token, rotatedRefreshToken);
        tokens.recordStepUp(key, at);
        tokens.recordSecondFactor(secondFactorAt);
        tokens.save(session);
        return token;
    }

    /**
     * Returns when the user of a session last proved a second factor, through the MFA pages or Universal Login.
     *
     * @param session the user's session, or {@code null}.
     * @return the time, if they did in this session.
     * @since 0.2
     */
    public Optional<Instant> lastSecondFactor(HttpSession session) {
        return SessionTokens.find(session).flatMap(SessionTokens::lastSecondFactor);
    }

    /**
     * Forgets every cached access token, the step-up times and the refresh token, for example at logout.
     *
     * @param session the user's session, or {@code null}.
     */
    public void clear(HttpSession session) {
        SessionTokens.find(session).ifPresent(tokens -> {
            tokens.clear();
            tokens.save(session);
        });
    }

    // Locks ------------------------------------------------------------------------------------------------------

    /**
     * Returns the lock that lets one request of the session at a time ask Auth0 for the token of an audience and
     * scope, so that concurrent requests make one call, not several.
     *
     * @param session the user's session.
     * @param key the audience and scope.
     * @return the lock, the same for the same session and key while the session lives in this node's memory.
     */
    public ReentrantLock lockFor(HttpSession session, TokenKey key) {
        return SessionTokens.of(session).lockFor(key);
    }

    /**
     * Returns the lock that lets one request of the session at a time use the refresh token, whatever the
     * audience (SEC-13); take it after {@link #lockFor}, never the other way round.
     *
     * @param session the user's session.
     * @return the lock, the same for the session while it lives in this node's memory.
     */
    public ReentrantLock refreshLock(HttpSession session) {
        return SessionTokens.of(session).refreshLock();
    }

    // Helpers ----------------------------------------------------------------------------------------------------

    private static void cache(SessionTokens tokens, TokenKey key, CachedAccessToken token,
            String rotatedRefreshToken) {
        tokens.put(key, token);
        if (rotatedRefreshToken != null && !rotatedRefreshToken.isBlank()) {
            tokens.setRefreshToken(rotatedRefreshToken);
        }
    }
}
