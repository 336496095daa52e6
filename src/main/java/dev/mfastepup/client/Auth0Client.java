package dev.mfastepup.client;

import dev.mfastepup.Auth0Error;
import dev.mfastepup.ErrorCodes;
import dev.mfastepup.client.model.AssociateRequest;
import dev.mfastepup.client.model.Authenticator;
import dev.mfastepup.client.model.ChallengeRequest;
import dev.mfastepup.client.model.ChallengeResponse;
import dev.mfastepup.client.model.EnrollmentResponse;
import dev.mfastepup.client.model.ErrorResponse;
import dev.mfastepup.client.model.TokenResponse;
import dev.mfastepup.config.MfaStepUpConfig;
import com.nimbusds.jose.jwk.JWKSet;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Form;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

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
 * @since 0.1
 */
public final class Auth0Client implements AutoCloseable {

    /** The grant type of the OTP verification. */
    public static final String GRANT_MFA_OTP = "http://auth0.com/oauth/grant-type/mfa-otp";
    /** The grant type of the out-of-band verification (SMS, voice, email, push). */
    public static final String GRANT_MFA_OOB = "http://auth0.com/oauth/grant-type/mfa-oob";
    /** The grant type of the recovery-code verification. */
    public static final String GRANT_MFA_RECOVERY_CODE = "http://auth0.com/oauth/grant-type/mfa-recovery-code";

    private static final Logger logger = Logger.getLogger(Auth0Client.class.getName());

    private static final String OPERATION_REFRESH = "the refresh-token grant";

    private static final String LOG_IDP_ERROR = "Auth0 answered {0} with HTTP {1} ({2})";
    private static final String LOG_IDP_UNAVAILABLE = "Auth0 could not answer {0}: {1}";

    /** The largest {@code mfa_token} accepted; Auth0's are far smaller, a larger one is not Auth0's. */
    static final int MAX_MFA_TOKEN_LENGTH = 8 * 1024;
    private static final long MAX_EXPIRES_IN_SECONDS = 30L * 24 * 3600;
    private static final int MAX_CACHED_TENANTS = 64;
    private static final Pattern ERROR_CODE = Pattern.compile("[a-z0-9_.-]{1,64}");

    private final MfaStepUpConfig config;
    private final IdpCallExecutor executor;
    private final CircuitBreaker breaker;
    private final Map<URI, Auth0AuthenticationApi> apis = new ConcurrentHashMap<>();

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
     * Creates the client with the clock its circuit breaker reads: after 5 failures in a row, calls to a tenant
     * are refused at once for 30 s (tests move the clock instead of waiting).
     *
     * @param config the module configuration.
     * @param threadFactory makes the threads that carry calls to Auth0.
     * @param clock the clock.
     */
    public Auth0Client(MfaStepUpConfig config, ThreadFactory threadFactory, Clock clock) {
        this.config = Objects.requireNonNull(config, "config cannot be null");
        this.executor = new IdpCallExecutor(threadFactory, config.maxConcurrentCalls(), config.callDeadline());
        this.breaker = new CircuitBreaker(clock);
    }

    // Actions ----------------------------------------------------------------------------------------------------

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
        Form form = new Form()
                .param("grant_type", "refresh_token")
                .param("refresh_token", refreshToken)
                .param("client_id", config.clientId());
        if (audience != null && !audience.isBlank()) {
            form.param("audience", audience);
        }
        if (scope != null && !scope.isBlank()) {
            form.param("scope", scope);
        }
        Optional<String> basic = config.clientSecret().map(this::basicAuthorization);
        return grant(domain, OPERATION_REFRESH, () -> basic.isPresent()
                ? api(domain).token(basic.get(), form) : api(domain).token(form));
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
        return grant(domain, "the mfa-otp grant",
                () -> api(domain).token(mfaGrant(GRANT_MFA_OTP, mfaToken).param("otp", otp)));
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
        Form form = mfaGrant(GRANT_MFA_OOB, mfaToken).param("oob_code", oobCode);
        if (bindingCode != null && !bindingCode.isEmpty()) {
            form.param("binding_code", bindingCode);
        }
        return grant(domain, "the mfa-oob grant", () -> api(domain).token(form));
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
        return grant(domain, "the mfa-recovery-code grant", () -> api(domain)
                .token(mfaGrant(GRANT_MFA_RECOVERY_CODE, mfaToken).param("recovery_code", recoveryCode)));
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
        String operation = "GET /mfa/authenticators";
        List<Authenticator> listed = invoke(domain, operation,
                () -> api(domain).listAuthenticators(bearer(mfaToken)));
        if (listed == null) {
            throw badResponse(operation, "no list");
        }
        return listed.stream().filter(a -> a != null && a.id() != null && a.authenticatorType() != null).toList();
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
        String operation = "GET /.well-known/jwks.json";
        String body = invoke(domain, operation, () -> api(domain).jwks());
        if (body == null || body.isBlank()) {
            throw badResponse(operation, "no key set");
        }
        try {
            return JWKSet.parse(body).toPublicJWKSet();
        } catch (ParseException | RuntimeException malformed) {
            throw badResponse(operation, "a key set that cannot be read", malformed);
        }
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
        String operation = "POST /mfa/associate";
        EnrollmentResponse enrollment = invoke(domain, operation,
                () -> api(domain).associate(bearer(mfaToken), request));
        if (enrollment == null || enrollment.authenticatorType() == null) {
            throw badResponse(operation, "no authenticator type");
        }
        switch (enrollment.authenticatorType()) {
            case "otp" -> {
                if (enrollment.secret() == null || enrollment.barcodeUri() == null) {
                    throw badResponse(operation, "an OTP enrollment without secret or barcode URI");
                }
            }
            case "oob" -> {
                if (enrollment.oobChannel() == null || enrollment.oobCode() == null) {
                    throw badResponse(operation, "an out-of-band enrollment without channel or code");
                }
            }
            default -> throw badResponse(operation, "Unexpected authenticator type: " + safe(enrollment.authenticatorType()));
        }
        return enrollment;
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
        String operation = "POST /mfa/challenge";
        ChallengeRequest request = new ChallengeRequest(mfaToken, config.clientId(), challengeType,
                config.clientSecret().orElse(null), authenticatorId == null || authenticatorId.isEmpty() ? null : authenticatorId);
        ChallengeResponse challenge = invoke(domain, operation, () -> api(domain).challenge(request));
        if (challenge == null || challenge.challengeType() == null) {
            throw badResponse(operation, "no challenge type");
        }
        if ("oob".equals(challenge.challengeType()) && challenge.oobCode() == null) {
            throw badResponse(operation, "an out-of-band challenge without code");
        }
        return challenge;
    }

    /**
     * Deletes an authenticator ({@code DELETE /mfa/authenticators/{id}}). Auth0 asks for an access token of the
     * {@code https://{domain}/mfa/} audience with {@code remove:authenticators}; with an {@code mfa_token} it may
     * answer 401.
     *
     * @param domain the tenant's domain.
     * @param bearerToken the token to send as a bearer token.
     * @param authenticatorId the authenticator to delete.
     * @throws IdpException when Auth0 answers with an error, such as {@code invalid_authenticator} (404).
     */
    public void deleteAuthenticator(String domain, String bearerToken, String authenticatorId) {
        invoke(domain, "DELETE /mfa/authenticators/{id}", () -> {
            api(domain).deleteAuthenticator(bearer(bearerToken), authenticatorId);
            return null;
        });
    }

    /**
     * Returns the base URL of a tenant: the configured {@code mfa-stepup.base-url}, or {@code https://{domain}/}.
     *
     * @param domain the tenant's domain, already validated.
     * @return the base URL.
     */
    public URI baseUri(String domain) {
        return config.baseUrl().orElseGet(() -> URI.create("https://" + domain + "/"));
    }

    @Override
    public void close() {
        executor.close();
        apis.values().forEach(Auth0Client::closeQuietly);
        apis.clear();
    }

    // Helpers ----------------------------------------------------------------------------------------------------

    private Auth0AuthenticationApi api(String domain) {
        URI base = baseUri(domain);
        Auth0AuthenticationApi api = apis.get(base);
        if (api != null) {
            return api;
        }
        if (apis.size() >= MAX_CACHED_TENANTS) {
            // More tenants than expected: build clients afresh rather than grow without bound.
            apis.values().forEach(Auth0Client::closeQuietly);
            apis.clear();
        }
        return apis.computeIfAbsent(base, this::build);
    }

    private Auth0AuthenticationApi build(URI base) {
        return RestClientBuilder.newBuilder()
                .baseUri(base)
                .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .followRedirects(false)
                .property("microprofile.rest.client.disable.default.mapper", true)
                // Streamed bodies: HttpURLConnection silently sends a buffered POST a second time when the
                // connection drops, and a second MFA grant would use up the user's code twice.
                .property("jersey.config.client.request.entity.processing", "CHUNKED")
                .register(new Auth0ErrorMapper())
                .register(new GuardedBodyFilter(config.callDeadline()))
                .register(new TelemetryHeadersFilter())
                .build(Auth0AuthenticationApi.class);
    }

    private Form mfaGrant(String grantType, String mfaToken) {
        Form form = new Form()
                .param("grant_type", grantType)
                .param("client_id", config.clientId())
                .param("mfa_token", mfaToken);
        config.clientSecret().ifPresent(secret -> form.param("client_secret", secret));
        return form;
    }

    private TokenGrantResult grant(String domain, String operation, Supplier<TokenResponse> call) {
        TokenResponse tokens;
        try {
            tokens = invokeRaw(domain, operation, call);
        } catch (Auth0ErrorAnswer answer) {
            ErrorResponse body = answer.body();
            if (body != null && ErrorCodes.MFA_REQUIRED.equals(body.error()) && body.mfaToken() != null
                    && !body.mfaToken().isBlank()) {
                if (body.mfaToken().length() > MAX_MFA_TOKEN_LENGTH) {
                    throw badResponse(operation, "an mfa_token longer than " + MAX_MFA_TOKEN_LENGTH + " characters");
                }
                return new TokenGrantResult.MfaRequired(body.mfaToken(), body.mfaRequirements());
            }
            throw toIdpException(operation, answer);
        }
        return new TokenGrantResult.Granted(checked(operation, tokens));
    }

    private TokenResponse checked(String operation, TokenResponse tokens) {
        if (tokens == null || tokens.accessToken() == null || tokens.accessToken().isBlank()) {
            throw badResponse(operation, "no access token");
        }
        if (tokens.expiresIn() == null || tokens.expiresIn() <= 0 || tokens.expiresIn() > MAX_EXPIRES_IN_SECONDS) {
            throw badResponse(operation, "no usable expires_in");
        }
        if (tokens.tokenType() != null && !"bearer".equals(tokens.tokenType().toLowerCase(Locale.ROOT))) {
            // DPoP is never asked for, so a bound token would be unusable here: fail closed.
            throw badResponse(operation, "token type " + safe(tokens.tokenType()));
        }
        return tokens;
    }

    private <T> T invoke(String domain, String operation, Supplier<T> call) {
        try {
            return invokeRaw(domain, operation, call);
        } catch (Auth0ErrorAnswer answer) {
            throw toIdpException(operation, answer);
        }
    }

    /**
     * Runs the call on the bounded pool, behind the tenant's circuit breaker; error answers come out as
     * {@link Auth0ErrorAnswer}.
     */
    private <T> T invokeRaw(String domain, String operation, Supplier<T> call) {
        CircuitBreaker.Permit permit = breaker.permit(domain, operation);
        try {
            T result = invokeBounded(operation, call);
            permit.answered();
            return result;
        } catch (Auth0ErrorAnswer answer) {
            if (answer.status() >= 500) {
                permit.failed();
            } else {
                permit.answered();
            }
            throw answer;
        } catch (IdpException failure) {
            if (failure.isNotSent()) {
                permit.notMade();
            } else {
                permit.failed();
            }
            throw failure;
        }
    }

    private <T> T invokeBounded(String operation, Supplier<T> call) {
        return executor.call(operation, () -> {
            try {
                return call.get();
            } catch (Auth0ErrorAnswer | IdpException known) {
                throw known;
            } catch (ProcessingException failure) {
                // The client may wrap the error mapper's answer; it is still an answer, not a transport failure.
                Auth0ErrorAnswer answer = cause(failure, Auth0ErrorAnswer.class);
                if (answer != null) {
                    throw answer;
                }
                throw fromProcessingFailure(operation, failure);
            } catch (RuntimeException unexpected) {
                throw unreadable(operation, unexpected);
            }
        });
    }

    private IdpException toIdpException(String operation, Auth0ErrorAnswer answer) {
        if (answer.status() >= 300 && answer.status() < 400) {
            // Never followed (see build): the token, code or secret in the request must not go where it points.
            logger.log(Level.WARNING, LOG_IDP_ERROR, new Object[] {operation, answer.status(), "redirect"});
            return new IdpException(ErrorCodes.IDP_BAD_RESPONSE, answer.status(), null, "Auth0 answered " + operation
                    + " with a redirect (HTTP " + answer.status() + "), which is not followed", null, answer);
        }
        ErrorResponse body = answer.body();
        String error = body == null ? null : body.error();
        String code;
        if (answer.status() >= 500) {
            // Auth0's fault, whatever its body says (server_error, temporarily_unavailable): it says nothing about
            // the user's code or flow, and trying again later may work.
            code = ErrorCodes.IDP_UNAVAILABLE;
        } else if (error != null && ERROR_CODE.matcher(error).matches()) {
            code = error;
        } else if (answer.status() == 401) {
            // Bodies are streamed (see build), and HttpURLConnection drops the body of a 401 to a streamed
            // request. At the token endpoint with Basic authentication a 401 means the client credentials were
            // refused; everywhere else it means Auth0 refused the mfa_token.
            code = (operation.equals(OPERATION_REFRESH) ? Auth0Error.INVALID_CLIENT : Auth0Error.INVALID_TOKEN).code();
        } else if (answer.status() == 429) {
            code = Auth0Error.TOO_MANY_ATTEMPTS.code();
        } else {
            code = ErrorCodes.IDP_BAD_RESPONSE;
        }
        String description = body == null ? null : IdpException.clean(body.errorDescription());
        String message = description != null ? description
                : "Request failed with status " + answer.status() + " (" + operation + ")";
        logger.log(Level.WARNING, LOG_IDP_ERROR, new Object[] {operation, answer.status(), code});
        return new IdpException(code, answer.status(), description, message, answer.retryAfter(), answer);
    }

    private static IdpException fromProcessingFailure(String operation, ProcessingException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof GuardedBodyFilter.AnswerTooLargeException) {
                return badResponse(operation, "an answer over " + GuardedBodyFilter.MAX_BODY_BYTES + " bytes", failure);
            }
            if (cause instanceof GuardedBodyFilter.MalformedAnswerException) {
                return badResponse(operation, "an answer that is not one well-formed JSON value", failure);
            }
            if (cause instanceof SocketTimeoutException || cause instanceof InterruptedIOException) {
                return unavailable(operation, "Auth0 did not answer " + operation + " in time", failure);
            }
            if (cause instanceof ConnectException || cause instanceof UnknownHostException) {
                return unavailable(operation, "Auth0 could not be reached for " + operation, failure);
            }
        }
        if (cause(failure, IOException.class) != null) {
            return unavailable(operation, "The connection to Auth0 failed during " + operation, failure);
        }
        return unreadable(operation, failure);
    }

    private static IdpException unavailable(String operation, String message, Throwable cause) {
        logger.log(Level.WARNING, LOG_IDP_UNAVAILABLE, new Object[] {operation, cause.getClass().getSimpleName()});
        return new IdpException(ErrorCodes.IDP_UNAVAILABLE, 0, null, message, null, cause);
    }

    private static IdpException unreadable(String operation, Throwable cause) {
        return badResponse(operation, "an answer that could not be read", cause);
    }

    private static IdpException badResponse(String operation, String what) {
        return badResponse(operation, what, null);
    }

    private static IdpException badResponse(String operation, String what, Throwable cause) {
        logger.log(Level.WARNING, "Auth0 answered {0} with {1}", new Object[] {operation, what});
        return new IdpException(ErrorCodes.IDP_BAD_RESPONSE, 0, null,
                "Auth0 answered " + operation + " with " + what, null, cause);
    }

    private static <T extends Throwable> T cause(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    private String basicAuthorization(String secret) {
        // RFC 6749 §2.3.1: both parts form-encoded before base64.
        String pair = URLEncoder.encode(config.clientId(), StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    private static String safe(String text) {
        String cleaned = IdpException.clean(text);
        return cleaned == null ? "" : cleaned.replaceAll("[^A-Za-z0-9_.-]", "?");
    }

    private static void closeQuietly(Auth0AuthenticationApi api) {
        if (api instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // closing a client that is no longer used; nothing to do
            }
        }
    }
}
