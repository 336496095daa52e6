package dev.mfastepup.client;

import dev.mfastepup.client.model.AssociateRequest;
import dev.mfastepup.client.model.Authenticator;
import dev.mfastepup.client.model.ChallengeResponse;
import dev.mfastepup.client.model.EnrollmentResponse;
import dev.mfastepup.config.MfaStepUpConfig;
import dev.mfastepup.config.StepUpLimits;
import com.nimbusds.jose.jwk.JWKSet;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;

/**
 * Speaks Auth0's Authentication API for MFA step-up: the refresh-token grant, the MFA API and the MFA grants,
 * with the bodies, encodings and client authentication that Auth0's server SDKs use, and fetches the tenant's
 * signing keys.
 *
 * <p>Every call has a connect timeout, a read timeout and an overall deadline, reads at most
 * {@value GuardedBodyFilter#MAX_BODY_BYTES} bytes, follows no redirect and is never retried (a retried grant
 * would use up the user's code twice). Every failure is an {@link IdpException} whose message holds no token,
 * code or secret; the cause keeps the technical detail. The raw {@code mfa_token} of an {@code mfa_required}
 * answer only ever comes back inside a {@link TokenGrantResult.MfaRequired}.
 *
 * <p>One instance serves all requests and all tenants; it is thread-safe. Close it when the application stops.
 *
 * <h2>Parts</h2>
 * This class only hands each call to the part that makes it: {@code TokenGrants} (the token endpoint),
 * {@code MfaApiCalls} (the MFA API) and {@code KeySetFetcher} (the key set). They all call through
 * {@code GuardedCalls} (circuit breaker, bounded pool, deadline) on the Rest Client of the tenant from
 * {@code TenantRestClients}, and {@code IdpFailures} turns every failure into an {@link IdpException}.
 *
 * @since 0.1
 */
public final class Auth0Client implements AutoCloseable {

    /** The grant type of the OTP verification. */
    public static final String GRANT_MFA_OTP = TokenGrants.GRANT_MFA_OTP;
    /** The grant type of the out-of-band verification (SMS, voice, email, push). */
    public static final String GRANT_MFA_OOB = TokenGrants.GRANT_MFA_OOB;
    /** The grant type of the recovery-code verification. */
    public static final String GRANT_MFA_RECOVERY_CODE = TokenGrants.GRANT_MFA_RECOVERY_CODE;

    private final TenantRestClients clients;
    private final GuardedCalls calls;
    private final TokenGrants grants;
    private final MfaApiCalls mfaApi;
    private final KeySetFetcher keySets;

    /**
     * Creates the client.
     *
     * @param config the module configuration: client credentials, base URL, timeouts, concurrency.
     * @param threadFactory makes the threads that carry calls to Auth0; in a Jakarta EE server, the default
     *        {@code ManagedThreadFactory}.
     */
    public Auth0Client(MfaStepUpConfig config, ThreadFactory threadFactory) {
        this(config, threadFactory, Clock.systemUTC());
    }

    /**
     * Creates the client with the clock its circuit breaker reads and the default limits: after
     * {@value StepUpLimits#DEFAULT_BREAKER_FAILURES} failures in a row, calls to a tenant are refused at once for
     * {@value StepUpLimits#DEFAULT_BREAKER_OPEN_SECONDS} s (tests move the clock instead of waiting).
     *
     * @param config the module configuration.
     * @param threadFactory makes the threads that carry calls to Auth0.
     * @param clock the clock.
     */
    public Auth0Client(MfaStepUpConfig config, ThreadFactory threadFactory, Clock clock) {
        this(config, StepUpLimits.DEFAULTS, threadFactory, clock);
    }

    /**
     * Creates the client with the configured limits of its circuit breaker, on the system clock.
     *
     * @param config the module configuration.
     * @param limits the module's limits, of which the circuit breaker reads {@link StepUpLimits#breakerFailures()}
     *        and {@link StepUpLimits#breakerOpenFor()}.
     * @param threadFactory makes the threads that carry calls to Auth0; in a Jakarta EE server, the default
     *        {@code ManagedThreadFactory}.
     * @since 0.1
     */
    public Auth0Client(MfaStepUpConfig config, StepUpLimits limits, ThreadFactory threadFactory) {
        this(config, limits, threadFactory, Clock.systemUTC());
    }

    /**
     * Creates the client with the configured limits of its circuit breaker
     * ({@link StepUpLimits#breakerFailures()}, {@link StepUpLimits#breakerOpenFor()}).
     *
     * @param config the module configuration.
     * @param limits the module's limits.
     * @param threadFactory makes the threads that carry calls to Auth0.
     * @param clock the clock the circuit breaker reads.
     * @since 0.1
     */
    public Auth0Client(MfaStepUpConfig config, StepUpLimits limits, ThreadFactory threadFactory, Clock clock) {
        this(config, limits, threadFactory, clock, Auth0CallObserver.NONE);
    }

    /**
     * Creates the client with an observer of its calls, for traces and metrics.
     *
     * @param config the module configuration.
     * @param limits the module's limits.
     * @param threadFactory makes the threads that carry calls to Auth0.
     * @param clock the clock the circuit breaker reads.
     * @param observer sees every call made; {@link Auth0CallObserver#NONE} for none.
     * @since 0.2
     */
    public Auth0Client(MfaStepUpConfig config, StepUpLimits limits, ThreadFactory threadFactory, Clock clock,
            Auth0CallObserver observer) {
        Objects.requireNonNull(config, "config cannot be null");
        Objects.requireNonNull(limits, "limits cannot be null");
        Objects.requireNonNull(observer, "observer cannot be null");
        // Built here, not injected: this client owns the pool and the Rest Clients the parts share, and closes them.
        this.clients = new TenantRestClients(config);
        this.calls = new GuardedCalls(
                new IdpCallExecutor(threadFactory, config.maxConcurrentCalls(), config.callDeadline()),
                new CircuitBreaker(clock, limits), observer, clients::baseUri);
        this.grants = new TokenGrants(config, clients, calls);
        this.mfaApi = new MfaApiCalls(config, clients, calls);
        this.keySets = new KeySetFetcher(clients, calls);
    }

    // Actions ----------------------------------------------------------------------------------------------------

    /**
     * Tells the state of the circuit breaker of each tenant called so far: {@code closed}, {@code open} (Auth0
     * failed again and again: calls are refused for a while) or {@code half-open} (the next call is a trial).
     *
     * @return the state by Auth0 domain, in the domains' order.
     * @since 0.2
     */
    public Map<String, String> breakerStates() {
        return calls.breakerStates();
    }

    /**
     * Asks for an access token with the refresh-token grant ({@code POST /oauth/token}), authenticating with HTTP
     * Basic as Auth0's Python SDK does.
     *
     * @param domain the tenant's domain.
     * @param refreshToken the refresh token.
     * @param audience the API audience, or {@code null} for the default audience.
     * @param scope the scope, or {@code null} or blank for none.
     * @return the tokens, or Auth0's demand for a second factor.
     * @throws IdpException for every other answer, and when Auth0 cannot be asked.
     */
    public TokenGrantResult refresh(String domain, String refreshToken, String audience, String scope) {
        return grants.refresh(domain, refreshToken, audience, scope);
    }

    /**
     * Exchanges the code Universal Login sent back for tokens ({@code grant_type=authorization_code}, with PKCE).
     *
     * @param domain the tenant's domain.
     * @param code the authorization code from the callback.
     * @param redirectUri the redirect URI the authorization request named; Auth0 compares the two.
     * @param codeVerifier the PKCE verifier whose S256 challenge the authorization request carried.
     * @return the tokens (a demand for a second factor is not expected here, and is returned as such).
     * @throws IdpException for every other answer: {@code invalid_grant} for a code used or expired.
     * @since 0.2
     */
    public TokenGrantResult exchangeCode(String domain, String code, String redirectUri, String codeVerifier) {
        return grants.exchangeCode(domain, code, redirectUri, codeVerifier);
    }

    /**
     * Verifies a one-time password with the {@code mfa-otp} grant.
     *
     * @param domain the tenant's domain.
     * @param mfaToken Auth0's raw {@code mfa_token}.
     * @param otp the code from the authenticator app.
     * @return the tokens, or a demand for a further factor (chained MFA).
     * @throws IdpException for every other answer, such as {@code invalid_grant} for a wrong code.
     */
    public TokenGrantResult verifyOtp(String domain, String mfaToken, String otp) {
        return grants.verifyOtp(domain, mfaToken, otp);
    }

    /**
     * Verifies an out-of-band transaction with the {@code mfa-oob} grant: an SMS, voice or email code, or a
     * push approval (polled).
     *
     * @param domain the tenant's domain.
     * @param mfaToken Auth0's raw {@code mfa_token}.
     * @param oobCode the code of the transaction, from the challenge or enrollment.
     * @param bindingCode the code the user received, or {@code null} or empty for push.
     * @return the tokens, or a demand for a further factor.
     * @throws IdpException for every other answer: {@code authorization_pending} and {@code slow_down} while
     *         a push waits, {@code invalid_grant} for a wrong code or a denied push.
     */
    public TokenGrantResult verifyOob(String domain, String mfaToken, String oobCode, String bindingCode) {
        return grants.verifyOob(domain, mfaToken, oobCode, bindingCode);
    }

    /**
     * Verifies a recovery code with the {@code mfa-recovery-code} grant.
     *
     * @param domain the tenant's domain.
     * @param mfaToken Auth0's raw {@code mfa_token}.
     * @param recoveryCode the recovery code.
     * @return the tokens, with a new recovery code to show, or a demand for a further factor.
     * @throws IdpException for every other answer.
     */
    public TokenGrantResult verifyRecoveryCode(String domain, String mfaToken, String recoveryCode) {
        return grants.verifyRecoveryCode(domain, mfaToken, recoveryCode);
    }

    /**
     * Lists the user's authenticators ({@code GET /mfa/authenticators}).
     *
     * @param domain the tenant's domain.
     * @param mfaToken Auth0's raw {@code mfa_token}, sent as a bearer token.
     * @return the authenticators that have an id and a type; possibly none.
     * @throws IdpException when Auth0 answers with an error or cannot be asked.
     */
    public List<Authenticator> listAuthenticators(String domain, String mfaToken) {
        return mfaApi.listAuthenticators(domain, mfaToken);
    }

    /**
     * Fetches the public keys the tenant signs its ID tokens with ({@code GET /.well-known/jwks.json}), with the
     * same timeouts, size limit and circuit breaker as every other call. Private key parameters, if any were
     * published by mistake, are dropped.
     *
     * @param domain the tenant's domain.
     * @return the key set; keys of types this module does not know are left out.
     * @throws IdpException {@code idp_unavailable} when Auth0 cannot be asked or fails, {@code idp_bad_response}
     *         for an answer that is not a key set.
     */
    public JWKSet keySet(String domain) {
        return keySets.keySet(domain);
    }

    /**
     * Starts an enrollment ({@code POST /mfa/associate}).
     *
     * @param domain the tenant's domain.
     * @param mfaToken Auth0's raw {@code mfa_token}, sent as a bearer token.
     * @param request the factor to enroll.
     * @return what the user needs to confirm it: an OTP secret and QR URI, or an out-of-band code.
     * @throws IdpException when Auth0 answers with an error, or with an authenticator type this module does not
     *         know ({@code idp_bad_response}).
     */
    public EnrollmentResponse associate(String domain, String mfaToken, AssociateRequest request) {
        return mfaApi.associate(domain, mfaToken, request);
    }

    /**
     * Sends a challenge ({@code POST /mfa/challenge}); the client authenticates in the JSON body.
     *
     * @param domain the tenant's domain.
     * @param mfaToken Auth0's raw {@code mfa_token}.
     * @param challengeType {@code otp} or {@code oob}.
     * @param authenticatorId the authenticator, or {@code null} to let Auth0 choose.
     * @return the challenge, with the out-of-band code for {@code oob}.
     * @throws IdpException when Auth0 answers with an error or cannot be asked.
     */
    public ChallengeResponse challenge(String domain, String mfaToken, String challengeType, String authenticatorId) {
        return mfaApi.challenge(domain, mfaToken, challengeType, authenticatorId);
    }

    /**
     * Deletes an authenticator ({@code DELETE /mfa/authenticators/{id}}). Auth0's documentation asks for an access
     * token of the {@code https://{domain}/mfa/} audience with {@code remove:authenticators}; its JavaScript SDK
     * sends the {@code mfa_token}, and so does {@code MfaService.deleteAuthenticator}. An
     * application that holds the documented token passes it here.
     *
     * @param domain the tenant's domain.
     * @param bearerToken the token to send as a bearer token.
     * @param authenticatorId the authenticator to delete.
     * @throws IdpException when Auth0 answers with an error, such as {@code invalid_authenticator} (404).
     */
    public void deleteAuthenticator(String domain, String bearerToken, String authenticatorId) {
        mfaApi.deleteAuthenticator(domain, bearerToken, authenticatorId);
    }

    /**
     * Returns the base URL of a tenant: the configured {@code mfa-stepup.base-url}, or {@code https://{domain}/}.
     *
     * @param domain the tenant's domain, already validated.
     * @return the base URL.
     */
    public URI baseUri(String domain) {
        return clients.baseUri(domain);
    }

    /** Stops the thread pool of the calls, then closes the Rest Client of every tenant. */
    @Override
    public void close() {
        calls.close();
        clients.close();
    }
}
