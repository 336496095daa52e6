package dev.mfastepup.token;

import dev.mfastepup.ErrorCodes;
import dev.mfastepup.client.Auth0Client;
import dev.mfastepup.client.IdpException;
import dev.mfastepup.client.TokenGrantResult;
import dev.mfastepup.client.model.TokenResponse;
import dev.mfastepup.config.MfaStepUpConfig;
import dev.mfastepup.config.ModuleClock;
import dev.mfastepup.session.CachedAccessToken;
import dev.mfastepup.session.SessionTokenStore;
import dev.mfastepup.session.TokenKey;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The refresh-token grant of a session (protocol §2.3): one at a time, each with the refresh token the previous one
 * left, since Auth0 may rotate it; the granted token is cached in the session together with a rotated refresh
 * token. Auth0's {@code mfa_required} answer goes to the {@link StepUpOpener}.
 */
@Dependent
class RefreshGrant {

    private final MfaStepUpConfig config;
    private final Auth0Client auth0;
    private final SessionCredentials credentials;
    private final SessionTokenStore store;
    private final StepUpOpener stepUps;
    private final HttpServletRequest request;
    private final Clock clock;

    /**
     * Creates the grant; CDI calls this.
     *
     * @param config the module configuration.
     * @param auth0 the Auth0 client.
     * @param credentials finds the user's refresh token.
     * @param store the session's tokens.
     * @param stepUps opens a step-up flow when Auth0 asks for a second factor.
     * @param request the current request (a CDI proxy to it).
     * @param clock the module's clock.
     */
    @Inject
    RefreshGrant(MfaStepUpConfig config, Auth0Client auth0, SessionCredentials credentials, SessionTokenStore store,
            StepUpOpener stepUps, HttpServletRequest request, @ModuleClock Clock clock) {
        this.config = config;
        this.auth0 = auth0;
        this.credentials = credentials;
        this.store = store;
        this.stepUps = stepUps;
        this.request = request;
        this.clock = clock;
    }

    /**
     * Asks Auth0 for a token with the session's refresh token and caches it.
     *
     * @param session the user's session.
     * @param subject the user's {@code sub}.
     * @param domain the Auth0 domain of the session.
     * @param key the audience and scope.
     * @return the cached token.
     * @throws MfaRequiredException when Auth0 asks for a second factor; a step-up flow has begun.
     * @throws AccessTokenException when there is no refresh token, or Auth0 refused or failed.
     */
    CachedAccessToken refresh(HttpSession session, String subject, String domain, TokenKey key) {
        TokenGrantResult result;
        // One refresh grant of the session at a time, whatever the audience, each with the refresh token as the
        // previous grant left it: with rotation, a second grant with a used refresh token revokes them all.
        ReentrantLock refreshLock = store.refreshLock(session);
        SessionLocks.acquire(refreshLock, config.callDeadline());
        try {
            String refreshToken = credentials.refreshToken(request, store.tokens(session)).orElseThrow(
                    () -> new AccessTokenException(ErrorCodes.MISSING_REFRESH_TOKEN, "The access token has expired"
                            + " and a refresh token was not provided. The user needs to re-authenticate (ask for the"
                            + " offline_access scope).", null));
            result = auth0.refresh(domain, refreshToken, emptyToNull(key.audience()), emptyToNull(key.scope()));
            if (result instanceof TokenGrantResult.Granted granted) {
                // Cached (with a rotated refresh token) before the lock is given up, so that the next grant of
                // the session uses the new refresh token.
                TokenResponse answer = granted.tokens();
                return store.cache(session, key, accessToken(key, answer, clock.instant()), answer.refreshToken());
            }
        } catch (IdpException failure) {
            throw fromIdp(failure);
        } finally {
            refreshLock.unlock();
        }
        throw stepUps.open(session, subject, domain, key, (TokenGrantResult.MfaRequired) result);
    }

    /** The access token to cache for a grant; see {@link AccessTokenService#accessToken}. */
    static CachedAccessToken accessToken(TokenKey key, TokenResponse granted, Instant now) {
        return new CachedAccessToken(granted.accessToken(), now.plusSeconds(granted.expiresIn()),
                granted.scope() != null ? granted.scope() : key.scope());
    }

    private static AccessTokenException fromIdp(IdpException failure) {
        if (ErrorCodes.MFA_REQUIRED.equals(failure.code())) {
            // Some tenants answer mfa_required without an mfa_token: there is nothing to step up with.
            return new AccessTokenException(ErrorCodes.REFRESH_TOKEN_ERROR,
                    "Failed to get token with refresh token: " + failure.getMessage(), failure);
        }
        return new AccessTokenException(failure.code(), failure.getMessage(), failure);
    }

    private static String emptyToNull(String value) {
        // A TokenKey's parts are never null: empty stands for "not asked".
        return value.isEmpty() ? null : value;
    }
}
