package dev.mfastepup.token;

import dev.mfastepup.ErrorCodes;
import dev.mfastepup.client.TenantDomains;
import dev.mfastepup.client.model.TokenResponse;
import dev.mfastepup.config.MfaStepUpConfig;
import dev.mfastepup.config.ModuleClock;
import dev.mfastepup.session.CachedAccessToken;
import dev.mfastepup.session.SessionTokenStore;
import dev.mfastepup.session.SessionTokens;
import dev.mfastepup.session.TokenKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;

/**
 * Access tokens for the APIs an application calls, per audience and scope, with MFA step-up when Auth0 asks for
 * it.
 *
 * <h2>Usage</h2>
 * <pre>
 * &#64;Inject AccessTokenService accessTokens;
 *
 * String token = accessTokens.get("https://reports.example.com", "read:reports");
 * </pre>
 * <ol>
 * <li>A token for that audience and scope cached in the session, valid for at least
 * {@code mfa-stepup.token-refresh-margin-seconds}, is returned with no call to Auth0.</li>
 * <li>Otherwise the refresh-token grant asks Auth0 for one. Concurrent requests of one session for the same
 * audience and scope make one call; the others wait for it and take its token. A rotated refresh token is kept
 * in the session.</li>
 * <li>When Auth0 answers {@code mfa_required}, its {@code mfa_token} is sealed into a step-up flow in the session
 * and {@link MfaRequiredException} is thrown. Let it propagate: {@code MfaStepUpFilter} takes the user through
 * the MFA pages and back. A second request for the same audience and scope while the flow is young joins it
 * instead of asking Auth0 again.</li>
 * <li>Any other failure is an {@link AccessTokenException} with a stable code.</li>
 * </ol>
 *
 * <p>The signed-in user and their refresh token come from Jakarta Security's {@code OpenIdContext} (turn its
 * {@code tokenAutoRefresh} off), from a {@link RefreshTokenSource} bean of the application, or from
 * {@link #useRefreshToken(String, String)}.
 *
 * <p>The refresh-token grant itself ({@code RefreshGrant}) and the step-up flow it may open ({@code StepUpOpener})
 * are package-private parts of this service.
 *
 * @since 0.1
 */
@ApplicationScoped
public class AccessTokenService {

    private static final Logger logger = Logger.getLogger(AccessTokenService.class.getName());

    private static final String LOG_SUBJECT_CHANGED = "The session's user changed; its cached tokens were dropped";

    private MfaStepUpConfig config;
    private TenantDomains domains;
    private SessionCredentials credentials;
    private SessionTokenStore store;
    private StepUpOpener stepUps;
    private RefreshGrant grants;
    private HttpServletRequest request;
    private Clock clock;

    /** For CDI proxies only. */
    protected AccessTokenService() {
    }

    /**
     * Creates the service; CDI calls this.
     *
     * @param config the module configuration.
     * @param domains resolves the Auth0 domain of a request.
     * @param credentials finds the user and their refresh token.
     * @param store the session's tokens.
     * @param stepUps joins a pending step-up flow.
     * @param grants asks Auth0 for a token with the refresh token.
     * @param request the current request (a CDI proxy to it).
     * @param clock the module's clock.
     */
    @Inject
    AccessTokenService(MfaStepUpConfig config, TenantDomains domains, SessionCredentials credentials,
            SessionTokenStore store, StepUpOpener stepUps, RefreshGrant grants, HttpServletRequest request,
            @ModuleClock Clock clock) {
        this.config = config;
        this.domains = domains;
        this.credentials = credentials;
        this.store = store;
        this.stepUps = stepUps;
        this.grants = grants;
        this.request = request;
        this.clock = clock;
    }

    // Actions ----------------------------------------------------------------------------------------------------

    /**
     * Returns an access token for an API with no particular scope.
     *
     * @param audience the API's audience (its identifier at Auth0), or {@code null} for the default audience.
     * @return the access token.
     * @throws MfaRequiredException when Auth0 asks for a second factor first.
     * @throws AccessTokenException when no token can be had.
     */
    public String get(String audience) {
        return get(audience, null);
    }

    /**
     * Returns an access token for an API and scope.
     *
     * @param audience the API's audience (its identifier at Auth0), or {@code null} for the default audience.
     * @param scope the scope, space separated, or {@code null}.
     * @return the access token.
     * @throws MfaRequiredException when Auth0 asks for a second factor first.
     * @throws AccessTokenException when no token can be had.
     */
    public String get(String audience, String scope) {
        return token(audience, scope).value();
    }

    /**
     * Returns an access token for an API and scope, with its expiry and granted scope.
     *
     * @param audience the API's audience, or {@code null} for the default audience.
     * @param scope the scope, space separated, or {@code null}.
     * @return the token.
     * @throws MfaRequiredException when Auth0 asks for a second factor first.
     * @throws AccessTokenException when no token can be had.
     */
    public CachedAccessToken token(String audience, String scope) {
        return token(audience, scope, false);
    }

    /**
     * Asks Auth0 for a new access token even when one is cached: the road to a recent second factor through the
     * MFA pages, for a tenant whose rule or Action asks for MFA at the refresh-token grant. A step-up flow already
     * open for the same audience and scope is joined instead.
     *
     * @param audience the API's audience, or {@code null} for the default audience.
     * @param scope the scope, space separated, or {@code null}.
     * @return the new token, when Auth0 grants one without asking for a second factor.
     * @throws MfaRequiredException when Auth0 asks for a second factor, as it should.
     * @throws AccessTokenException when no token can be had.
     * @since 0.2
     */
    public CachedAccessToken renew(String audience, String scope) {
        return token(audience, scope, true);
    }

    private CachedAccessToken token(String audience, String scope, boolean renew) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            throw new AccessTokenException(ErrorCodes.MISSING_SESSION,
                    "There is no session; the user has to sign in first", null);
        }
        SessionTokens tokens = store.tokens(session);
        String subject = credentials.subject(request, tokens).orElseThrow(() -> new AccessTokenException(
                ErrorCodes.MISSING_SESSION, "Nobody is signed in to this session", null));
        if (store.bindSubject(session, subject)) {
            logger.info(LOG_SUBJECT_CHANGED);
        }
        String domain = resolveDomain(session);
        TokenKey key = new TokenKey(audience, scope);

        Optional<CachedAccessToken> cached = renew ? Optional.empty()
                : store.valid(session, key, clock.instant(), config.tokenRefreshMargin());
        if (cached.isPresent()) {
            return cached.get();
        }
        ReentrantLock lock = store.lockFor(session, key);
        SessionLocks.acquire(lock, config.callDeadline());
        try {
            // Whoever held the lock before may have fetched it meanwhile.
            cached = renew ? Optional.empty()
                    : store.valid(session, key, clock.instant(), config.tokenRefreshMargin());
            if (cached.isPresent()) {
                return cached.get();
            }
            stepUps.joinPending(session, key);
            return grants.refresh(session, subject, domain, key);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Hands the signed-in user's refresh token over to the module, for applications that do not sign in with
     * Jakarta Security's OpenID Connect mechanism. Call it once after login; the module keeps it (and Auth0's
     * rotations of it) in the session.
     *
     * @param subject the user's Auth0 {@code sub}.
     * @param refreshToken the user's Auth0 refresh token.
     */
    public void useRefreshToken(String subject, String refreshToken) {
        if (subject == null || subject.isBlank() || refreshToken == null || refreshToken.isBlank()) {
            throw new IllegalArgumentException("subject and refreshToken cannot be blank");
        }
        store.useRefreshToken(request.getSession(true), subject, refreshToken);
    }

    /**
     * Forgets the access tokens and the refresh token this module holds for the session, for example at logout.
     */
    public void forget() {
        store.clear(request.getSession(false));
    }

    // Helpers ----------------------------------------------------------------------------------------------------

    /**
     * Turns a token Auth0 granted into the access token the session caches: it expires {@code expires_in}
     * seconds from now and has the scope Auth0 granted, or the one asked for when Auth0 does not say.
     *
     * @param key the audience and scope asked for.
     * @param granted Auth0's answer.
     * @param now the current time.
     * @return the token to cache, with {@link SessionTokenStore#cache}.
     */
    public static CachedAccessToken accessToken(TokenKey key, TokenResponse granted, Instant now) {
        return RefreshGrant.accessToken(key, granted, now);
    }

    private String resolveDomain(HttpSession session) {
        String domain = domains.resolve(request);
        String sessionDomain = store.bindDomain(session, domain);
        if (!sessionDomain.equals(domain)) {
            throw new AccessTokenException(ErrorCodes.DOMAIN_MISMATCH,
                    "Session domain does not match the current domain.", null);
        }
        return domain;
    }
}
