package dev.mfastepup.service;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.mfastepup.ErrorCodes;
import dev.mfastepup.MfaException;
import dev.mfastepup.MfaTokenInvalidException;
import dev.mfastepup.client.Auth0Client;
import dev.mfastepup.client.IdpException;
import dev.mfastepup.client.TokenGrantResult;
import dev.mfastepup.client.model.TokenResponse;
import dev.mfastepup.config.MfaStepUpConfig;
import dev.mfastepup.config.ModuleClock;
import dev.mfastepup.config.UniversalLoginConfig;
import dev.mfastepup.event.SecurityLog;
import dev.mfastepup.event.StepUpCompleted;
import dev.mfastepup.event.StepUpEvent.Outcome;
import dev.mfastepup.event.StepUpEvents;
import dev.mfastepup.session.ExpiredFlows;
import dev.mfastepup.session.HostedLogin;
import dev.mfastepup.session.HostedLogins;
import dev.mfastepup.session.PendingStepUp;
import dev.mfastepup.session.PendingStepUp.ReturnTo;
import dev.mfastepup.session.SessionTokenStore;
import dev.mfastepup.session.StepUpFlows;
import dev.mfastepup.session.TokenKey;
import dev.mfastepup.token.AccessTokenService;
import dev.mfastepup.token.InsufficientUserAuthenticationException;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Level;
import java.util.regex.Pattern;

/**
 * The step-up through Universal Login: the road to a second factor that Auth0's MFA API cannot take (a security
 * key, a factor the API does not offer, a tenant that does not allow the MFA grant).
 *
 * <p>{@link #begin(String)} builds the authorization request for a step-up the pages are showing and keeps
 * what binds the answer to it in the session ({@link HostedLogin}); the browser is sent to the URL it returns.
 * {@link #begin(InsufficientUserAuthenticationException, ReturnTo)} does the same for a demand of the application (a
 * recent factor) or of a downstream API (RFC 9470). {@link #complete(String, String, String)} takes Auth0's answer at the callback: it takes the request out of the
 * session by its {@code state} (once), exchanges the code with the PKCE verifier, checks the ID token (signature,
 * issuer, audience, expiry and user as {@link IdTokenCheck} does for every grant; then nonce, second factor and
 * {@code auth_time} as {@link HostedClaims} says), and only then keeps the access token in the session for the
 * step-up's audience and scope, as the MFA pages do.
 *
 * <p>A refusal keeps nothing: the token is not stored and the MFA-API flow, if there was one, stays as it was, so
 * that the user can try again or another way. A token for another user, or signed by someone else, ends the session
 * ({@link IdTokenCheck}).
 *
 * @since 0.2
 */
@Dependent
public class UniversalLoginStepUp {

    /** The callback's path below the application's context path. */
    public static final String CALLBACK_PATH = "/mfa/universal-login/callback";

    /** The shape of an Auth0 authorization code; anything else is not looked at. */
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9._~-]{1,512}");

    private StepUpRequests requests;
    private Auth0Client auth0;
    private IdTokenCheck idTokens;
    private SessionTokenStore tokens;
    private StepUpFlows flows;
    private UniversalLoginConfig settings;
    private String clientId;
    private Event<StepUpCompleted> completed;
    private Clock clock;

    UniversalLoginStepUp() {
        // for CDI's proxy
    }

    @Inject
    UniversalLoginStepUp(StepUpRequests requests, Auth0Client auth0, IdTokenCheck idTokens,
            SessionTokenStore tokens, StepUpFlows flows, UniversalLoginConfig settings, MfaStepUpConfig config,
            Event<StepUpCompleted> completed, @ModuleClock Clock clock) {
        this.requests = requests;
        this.auth0 = auth0;
        this.idTokens = idTokens;
        this.tokens = tokens;
        this.flows = flows;
        this.settings = settings;
        this.clientId = config.clientId();
        this.completed = completed;
        this.clock = clock;
    }

    /**
     * Tells whether the application turned this road on ({@value UniversalLoginConfig#KEY_ENABLED}).
     *
     * @return whether the pages may offer it.
     */
    public boolean enabled() {
        return settings.enabled();
    }

    /**
     * Tells whether this is the only road ({@value UniversalLoginConfig#KEY_ONLY}): no step-up shows the MFA pages.
     *
     * @return whether every step-up goes through Universal Login.
     */
    public boolean only() {
        return settings.only();
    }

    /**
     * Tells whether a step-up of the MFA pages can go on through Universal Login: the road is on, and the session
     * has that flow, or had it until its {@code mfa_token} expired lately (Universal Login needs none).
     *
     * @param flowId the id the pages showed.
     * @return whether {@link #begin(String)} would start.
     */
    public boolean canTakeOver(String flowId) {
        return settings.enabled() && flowId != null
                && (requests.pending(flowId).isPresent() || requests.expired(flowId, clock.instant()).isPresent());
    }

    /**
     * Starts a step-up through Universal Login for a step-up of the MFA pages: same audience, scope and return
     * path; the MFA-API flow ends when this one succeeds. A flow whose {@code mfa_token} expired lately can still go
     * this way.
     *
     * @param flowId the flow the pages show.
     * @return the URL of Auth0's {@code /authorize} to send the browser to.
     * @throws MfaTokenInvalidException when nobody is signed in, or the session has no such flow.
     * @throws IllegalStateException when the road is off.
     */
    public URI begin(String flowId) {
        MfaRequest step = signedIn();
        Optional<PendingStepUp> pending = requests.pending(flowId);
        if (pending.isPresent()) {
            return begin(step, pending.get().key(), null, settings.acrValues(), pending.get().returnTo(),
                    pending.get().flowId());
        }
        ExpiredFlows.Expired expired = requests.expired(flowId, clock.instant())
                .orElseThrow(MfaTokenInvalidException::new);
        return begin(step, expired.key(), null, settings.acrValues(), expired.returnTo(), expired.flowId());
    }

    /**
     * Starts a step-up through Universal Login that an application or a downstream API asked for: a recent second
     * factor ({@code max_age}), or other {@code acr_values}.
     *
     * @param demand what is asked for, and for which token.
     * @param returnTo where the user goes once it is done.
     * @return the URL of Auth0's {@code /authorize} to send the browser to.
     * @throws MfaTokenInvalidException when nobody is signed in.
     * @throws IllegalStateException when the road is off.
     */
    public URI begin(InsufficientUserAuthenticationException demand, ReturnTo returnTo) {
        MfaRequest step = signedIn();
        TokenKey key = new TokenKey(demand.audience().orElse(null), demand.scope().orElse(null));
        Long maxAge = demand.maxAge().map(Duration::toSeconds).orElse(null);
        return begin(step, key, maxAge, demand.acrValues().orElse(settings.acrValues()), returnTo, null);
    }

    private MfaRequest signedIn() {
        if (!settings.enabled()) {
            throw new IllegalStateException(UniversalLoginConfig.KEY_ENABLED + " is false");
        }
        return requests.begin();
    }

    private URI begin(MfaRequest step, TokenKey key, Long maxAge, String acrValues, ReturnTo returnTo,
            String mfaFlowId) {
        String callback = settings.callbackUrl().map(URI::toString).orElseGet(() -> callbackUrl(step.request()));
        HostedLogin login = new HostedLogin(AuthorizationRequest.random(16), AuthorizationRequest.random(16),
                AuthorizationRequest.random(32), callback, step.subject(), step.domain(), key, maxAge, acrValues,
                returnTo, mfaFlowId, clock.instant());
        HostedLogins.add(step.session(), login);
        if (mfaFlowId != null) {
            requests.report(step, Outcome.UNIVERSAL_LOGIN, mfaFlowId, null, null);
        }
        SecurityLog.record(Level.INFO, "mfa.universal_login_started", step.request(), step.subject(), mfaFlowId,
                "max_age", maxAge == null ? null : maxAge.toString());
        return AuthorizationRequest.url(auth0.baseUri(step.domain()), clientId, login,
                requests.loginHint().orElse(null));
    }

    /**
     * The callback URL on this server, as the browser reached it; behind a proxy that changes the scheme or host,
     * the configuration names it ({@value UniversalLoginConfig#KEY_CALLBACK_URL}). Auth0 sends the code only to a
     * URL of the application's "Allowed Callback URLs", whatever the {@code Host} header said.
     */
    private static String callbackUrl(HttpServletRequest request) {
        StringBuilder url = new StringBuilder(request.getScheme()).append("://").append(request.getServerName());
        int port = request.getServerPort();
        boolean defaultPort = port == 80 && "http".equals(request.getScheme())
                || port == 443 && "https".equals(request.getScheme());
        if (!defaultPort) {
            url.append(':').append(port);
        }
        return url.append(request.getContextPath()).append(CALLBACK_PATH).toString();
    }

    /**
     * Takes Auth0's answer at the callback.
     *
     * @param code the {@code code} parameter, or {@code null}.
     * @param state the {@code state} parameter, or {@code null}.
     * @param error the {@code error} parameter, or {@code null}.
     * @return what happened, and where the user goes.
     */
    public HostedOutcome complete(String code, String state, String error) {
        Instant now = clock.instant();
        Optional<HostedLogin> taken = HostedLogins.take(requests.session(), state, now);
        if (taken.isEmpty()) {
            SecurityLog.record(Level.WARNING, "mfa.universal_login_refused", null, null, null,
                    "reason", state == null ? "no_state" : "unknown_state");
            return HostedOutcome.of(HostedOutcome.Kind.INVALID, null);
        }
        HostedLogin login = taken.get();
        MfaRequest step;
        try {
            step = requests.begin();
        } catch (MfaTokenInvalidException signedOut) {
            return HostedOutcome.of(HostedOutcome.Kind.INVALID, login.returnTo());
        }
        if (!step.subject().equals(login.subject()) || !step.domain().equals(login.domain())) {
            return refused(step, login, "another_user_signed_in", HostedOutcome.Kind.INVALID);
        }
        if (error != null) {
            // Auth0's own words never reach a page or a log: only whether it was an error at all.
            return refused(step, login, "auth0_error", HostedOutcome.Kind.NOT_PROVEN);
        }
        if (code == null || !CODE.matcher(code).matches()) {
            return refused(step, login, "no_code", HostedOutcome.Kind.INVALID);
        }
        try {
            TokenGrantResult result = auth0.exchangeCode(login.domain(), code, login.redirectUri(),
                    login.codeVerifier());
            if (!(result instanceof TokenGrantResult.Granted granted) || granted.tokens().idToken() == null) {
                return refused(step, login, "no_id_token", HostedOutcome.Kind.NOT_PROVEN);
            }
            JWTClaimsSet claims = idTokens.check(step, login.mfaFlowId(), granted.tokens().idToken());
            String failure = HostedClaims.failure(claims, login, clock.instant());
            if (failure != null) {
                return refused(step, login, failure, HostedOutcome.Kind.NOT_PROVEN);
            }
            return persist(step, login, granted.tokens(), HostedClaims.authTime(claims));
        } catch (IdpException failed) {
            boolean unavailable = failed.isUnavailable();
            return refused(step, login, unavailable ? "auth0_unavailable" : "auth0_refused",
                    unavailable ? HostedOutcome.Kind.UNAVAILABLE : HostedOutcome.Kind.NOT_PROVEN);
        } catch (MfaException mismatch) {
            // IdTokenCheck logged it and ended the session.
            requests.report(step, Outcome.FAILED, login.mfaFlowId(), null, ErrorCodes.IDENTITY_MISMATCH);
            return HostedOutcome.of(HostedOutcome.Kind.IDENTITY, null);
        }
    }

    private HostedOutcome persist(MfaRequest step, HostedLogin login, TokenResponse granted, Instant authTime) {
        Instant now = clock.instant();
        // Without max_age, Auth0 may have reused a login of its own session: the factor is no younger than that
        // login. With max_age, the token has just proved a login within it; counting from the login instead would
        // send a user who took a while over the second step straight back, for ever with max_age=0.
        Instant factorAt = login.maxAge() == null && authTime != null && authTime.isBefore(now) ? authTime : now;
        tokens.completeStepUp(step.session(), login.key(), AccessTokenService.accessToken(login.key(), granted, now),
                granted.refreshToken(), now, factorAt);
        if (login.mfaFlowId() != null) {
            flows.complete(step.session(), login.mfaFlowId());
        }
        // A privilege change: the session id an attacker may have planted or seen before is worth nothing now.
        step.request().changeSessionId();
        SecurityLog.record(Level.INFO, "mfa.universal_login_succeeded", step.request(), step.subject(),
                login.mfaFlowId());
        StepUpEvents.fire(completed, new StepUpCompleted(login.mfaFlowId(), step.subject(), login.key().audience(),
                login.key().scope(), null, now));
        requests.reportVerified(step, login.mfaFlowId(), Duration.between(login.createdAt(), now));
        return HostedOutcome.of(HostedOutcome.Kind.COMPLETED, login.returnTo());
    }

    private HostedOutcome refused(MfaRequest step, HostedLogin login, String reason, HostedOutcome.Kind kind) {
        SecurityLog.record(Level.WARNING, "mfa.universal_login_refused", step.request(), step.subject(),
                login.mfaFlowId(), "reason", reason);
        if (kind == HostedOutcome.Kind.NOT_PROVEN) {
            requests.report(step, Outcome.FAILED, login.mfaFlowId(), null, "not_proven");
        }
        return HostedOutcome.of(kind, login.returnTo());
    }
}
