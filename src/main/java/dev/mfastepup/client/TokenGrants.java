package dev.mfastepup.client;

import dev.mfastepup.Auth0Error;
import dev.mfastepup.ErrorCodes;
import dev.mfastepup.client.model.ErrorResponse;
import dev.mfastepup.client.model.TokenResponse;
import dev.mfastepup.config.MfaStepUpConfig;
import jakarta.ws.rs.core.Form;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The grants of Auth0's token endpoint ({@code POST /oauth/token}): the refresh-token grant, the MFA grants
 * (otp, oob, recovery code) and the authorization-code grant of a step-up through Universal Login, with the form
 * bodies and client authentication of Auth0's server SDKs.
 *
 * <p>An answer is either tokens that can be used (an access token, a bearer token type, a plausible
 * {@code expires_in}) or Auth0's {@code mfa_required} with an {@code mfa_token} of at most
 * {@value #MAX_MFA_TOKEN_LENGTH} characters; everything else is an {@link IdpException}.
 */
final class TokenGrants {

    static final String GRANT_MFA_OTP = "http://auth0.com/oauth/grant-type/mfa-otp";
    static final String GRANT_MFA_OOB = "http://auth0.com/oauth/grant-type/mfa-oob";
    static final String GRANT_MFA_RECOVERY_CODE = "http://auth0.com/oauth/grant-type/mfa-recovery-code";

    /** The largest {@code mfa_token} accepted; Auth0's are far smaller, a larger one is not Auth0's. */
    static final int MAX_MFA_TOKEN_LENGTH = 8 * 1024;
    private static final long MAX_EXPIRES_IN_SECONDS = 30L * 24 * 3600;

    private static final String OPERATION_REFRESH = "the refresh-token grant";

    private final MfaStepUpConfig config;
    private final TenantRestClients clients;
    private final GuardedCalls calls;

    TokenGrants(MfaStepUpConfig config, TenantRestClients clients, GuardedCalls calls) {
        this.config = config;
        this.clients = clients;
        this.calls = calls;
    }

    /** The refresh-token grant, authenticating with HTTP Basic as Auth0's Python SDK does. */
    TokenGrantResult refresh(String domain, String refreshToken, String audience, String scope) {
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
        // A bare 401 here means the client credentials were refused, not a token.
        return grant(domain, OPERATION_REFRESH, Auth0Error.INVALID_CLIENT, () -> basic.isPresent()
                ? clients.api(domain).token(basic.get(), form) : clients.api(domain).token(form));
    }

    /**
     * The authorization-code grant that ends a step-up through Universal Login, with the PKCE verifier and
     * HTTP Basic client authentication (as the refresh grant). A bare 401 means the client credentials were refused.
     */
    TokenGrantResult exchangeCode(String domain, String code, String redirectUri, String codeVerifier) {
        Form form = new Form()
                .param("grant_type", "authorization_code")
                .param("code", code)
                .param("redirect_uri", redirectUri)
                .param("code_verifier", codeVerifier)
                .param("client_id", config.clientId());
        Optional<String> basic = config.clientSecret().map(this::basicAuthorization);
        return grant(domain, "the authorization-code grant", Auth0Error.INVALID_CLIENT, () -> basic.isPresent()
                ? clients.api(domain).token(basic.get(), form) : clients.api(domain).token(form));
    }

    /** The {@code mfa-otp} grant. */
    TokenGrantResult verifyOtp(String domain, String mfaToken, String otp) {
        return mfaGrant(domain, "the mfa-otp grant",
                mfaGrantForm(GRANT_MFA_OTP, mfaToken).param("otp", otp));
    }

    /** The {@code mfa-oob} grant; the binding code is left out when {@code null} or empty (a push). */
    TokenGrantResult verifyOob(String domain, String mfaToken, String oobCode, String bindingCode) {
        Form form = mfaGrantForm(GRANT_MFA_OOB, mfaToken).param("oob_code", oobCode);
        if (bindingCode != null && !bindingCode.isEmpty()) {
            form.param("binding_code", bindingCode);
        }
        return mfaGrant(domain, "the mfa-oob grant", form);
    }

    /** The {@code mfa-recovery-code} grant. */
    TokenGrantResult verifyRecoveryCode(String domain, String mfaToken, String recoveryCode) {
        return mfaGrant(domain, "the mfa-recovery-code grant",
                mfaGrantForm(GRANT_MFA_RECOVERY_CODE, mfaToken).param("recovery_code", recoveryCode));
    }

    // Helpers ----------------------------------------------------------------------------------------------------

    private Form mfaGrantForm(String grantType, String mfaToken) {
        Form form = new Form()
                .param("grant_type", grantType)
                .param("client_id", config.clientId())
                .param("mfa_token", mfaToken);
        config.clientSecret().ifPresent(secret -> form.param("client_secret", secret));
        return form;
    }

    private TokenGrantResult mfaGrant(String domain, String operation, Form form) {
        // A bare 401 to an MFA grant means Auth0 refused the mfa_token.
        return grant(domain, operation, Auth0Error.INVALID_TOKEN, () -> clients.api(domain).token(form));
    }

    private TokenGrantResult grant(String domain, String operation, Auth0Error unauthorized,
            Supplier<TokenResponse> call) {
        TokenResponse tokens;
        try {
            tokens = calls.callOrErrorAnswer(domain, "POST", Auth0Call.TOKEN, operation, call);
        } catch (Auth0ErrorAnswer answer) {
            ErrorResponse body = answer.body();
            if (body != null && ErrorCodes.MFA_REQUIRED.equals(body.error()) && body.mfaToken() != null
                    && !body.mfaToken().isBlank()) {
                if (body.mfaToken().length() > MAX_MFA_TOKEN_LENGTH) {
                    throw IdpFailures.badResponse(operation,
                            "an mfa_token longer than " + MAX_MFA_TOKEN_LENGTH + " characters");
                }
                return new TokenGrantResult.MfaRequired(body.mfaToken(), body.mfaRequirements());
            }
            throw IdpFailures.fromErrorAnswer(operation, answer, unauthorized);
        }
        return new TokenGrantResult.Granted(checked(operation, tokens));
    }

    private static TokenResponse checked(String operation, TokenResponse tokens) {
        if (tokens == null || tokens.accessToken() == null || tokens.accessToken().isBlank()) {
            throw IdpFailures.badResponse(operation, "no access token");
        }
        if (tokens.expiresIn() == null || tokens.expiresIn() <= 0 || tokens.expiresIn() > MAX_EXPIRES_IN_SECONDS) {
            throw IdpFailures.badResponse(operation, "no usable expires_in");
        }
        if (tokens.tokenType() != null && !"bearer".equals(tokens.tokenType().toLowerCase(Locale.ROOT))) {
            // DPoP is never asked for, so a bound token would be unusable here: fail closed.
            throw IdpFailures.badResponse(operation, "token type " + IdpFailures.safe(tokens.tokenType()));
        }
        return tokens;
    }

    private String basicAuthorization(String secret) {
        // RFC 6749 §2.3.1: both parts form-encoded before base64.
        String pair = URLEncoder.encode(config.clientId(), StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }
}
