package dev.mfastepup.emulator;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/**
 * The logic of {@code POST /oauth/token}: client authentication, then the authorization-code, refresh-token,
 * password and MFA grants.
 */
public final class TokenEndpoint {

    /** The MFA grant types. */
    public static final String GRANT_MFA_OTP = "http://auth0.com/oauth/grant-type/mfa-otp";
    /** The out-of-band grant. */
    public static final String GRANT_MFA_OOB = "http://auth0.com/oauth/grant-type/mfa-oob";
    /** The recovery-code grant. */
    public static final String GRANT_MFA_RECOVERY_CODE = "http://auth0.com/oauth/grant-type/mfa-recovery-code";

    /**
     * Returns a short name of a grant type for the timings: the part after the last {@code /} of Auth0's URIs
     * ({@code mfa-otp}), the standard names as they are, {@code other} for anything else (never the caller's text).
     *
     * @param grantType the {@code grant_type} parameter, or {@code null}.
     * @return the name.
     */
    public static String grantName(String grantType) {
        if (grantType == null) {
            return "other";
        }
        return switch (grantType) {
            case "authorization_code", "refresh_token", "password" -> grantType;
            case GRANT_MFA_OTP, GRANT_MFA_OOB, GRANT_MFA_RECOVERY_CODE ->
                    grantType.substring(grantType.lastIndexOf('/') + 1);
            default -> "other";
        };
    }

    /** The life of an authorization code. */
    public static final Duration CODE_LIFETIME = Duration.ofMinutes(5);

    private final TenantState state;
    private final ClientAuthenticator clients;
    private final EmulatedMfaApi mfa;
    private final TokenResponses tokens;
    private final Clock clock;

    /**
     * Creates the endpoint.
     *
     * @param state the tenant state.
     * @param clients the client authenticator.
     * @param mfa the MFA logic.
     * @param tokens the token builder.
     * @param clock the clock.
     */
    public TokenEndpoint(TenantState state, ClientAuthenticator clients, EmulatedMfaApi mfa, TokenResponses tokens,
            Clock clock) {
        this.state = state;
        this.clients = clients;
        this.mfa = mfa;
        this.tokens = tokens;
        this.clock = clock;
    }

    /**
     * Answers a token request.
     *
     * @param issuer the issuer URL.
     * @param authorization the {@code Authorization} header, or {@code null}.
     * @param form the form fields (first value of each).
     * @return the tokens.
     * @throws OAuthError every error answer, including {@code mfa_required}.
     */
    public Map<String, Object> token(String issuer, String authorization, Function<String, String> form) {
        String clientId = clients.authenticate(authorization, form.apply("client_id"), form.apply("client_secret"));
        String grantType = form.apply("grant_type");
        if (grantType == null) {
            throw OAuthError.invalidRequest("Missing required parameter: grant_type");
        }
        return switch (grantType) {
            case "authorization_code" -> authorizationCode(issuer, clientId, form);
            case "refresh_token" -> refresh(issuer, clientId, form);
            case "password" -> password(issuer, clientId, form);
            case GRANT_MFA_OTP -> mfa.verifyOtp(issuer, required(form, "mfa_token"), required(form, "otp"));
            case GRANT_MFA_OOB -> mfa.verifyOob(issuer, required(form, "mfa_token"), required(form, "oob_code"),
                    form.apply("binding_code"));
            case GRANT_MFA_RECOVERY_CODE -> mfa.verifyRecoveryCode(issuer, required(form, "mfa_token"),
                    required(form, "recovery_code"));
            default -> throw new OAuthError(400, "unsupported_grant_type", "Unsupported grant type: " + grantType);
        };
    }

    private static String required(Function<String, String> form, String name) {
        String value = form.apply(name);
        if (value == null || value.isEmpty()) {
            throw OAuthError.invalidRequest("Missing required parameter: " + name);
        }
        return value;
    }

    private Map<String, Object> authorizationCode(String issuer, String clientId, Function<String, String> form) {
        AuthorizationCode code;
        synchronized (state) {
            // Single use: removed whether or not the rest of the request is right.
            code = state.codes().remove(required(form, "code"));
        }
        if (code == null || !clock.instant().isBefore(code.expiresAt()) || !code.clientId().equals(clientId)) {
            throw OAuthError.invalidGrant("Invalid authorization code");
        }
        String redirectUri = form.apply("redirect_uri");
        if (redirectUri != null && !redirectUri.equals(code.redirectUri())) {
            throw OAuthError.invalidGrant("Invalid redirect_uri");
        }
        if (code.codeChallenge() != null
                && !Pkce.matches(form.apply("code_verifier"), code.codeChallenge(), code.codeChallengeMethod())) {
            throw OAuthError.invalidGrant("Failed to verify code verifier");
        }
        DemoUser user = state.user(code.username()).orElseThrow(() -> OAuthError.invalidGrant("Unknown user"))
                .user();
        Map<String, Object> idClaims = LoginClaims.of(code.login(), code.nonce());
        if (TokenResponses.hasScope(code.scope(), "openid")) {
            // Only a token that has an ID token uses up the test hooks' changes.
            synchronized (state) {
                state.idTokenTampering().applyOnce(idClaims, clock.instant());
            }
        }
        return tokens.issueAfterLogin(issuer, user, clientId, code.audience(), code.scope(), idClaims);
    }

    private Map<String, Object> refresh(String issuer, String clientId, Function<String, String> form) {
        String refreshToken = required(form, "refresh_token");
        RefreshGrant grant;
        synchronized (state) {
            grant = state.refreshTokens().get(refreshToken);
        }
        if (grant == null || !grant.clientId().equals(clientId)) {
            throw OAuthError.invalidGrant("Unknown or invalid refresh token.");
        }
        String audience = blankToNull(form.apply("audience"));
        String scope = blankToNull(form.apply("scope"));
        Map<String, Object> body = mfa.issueOrRequireMfa(issuer, grant.username(), clientId,
                audience != null ? audience : grant.audience(), scope != null ? scope : grant.scope(), grant.scope());
        synchronized (state) {
            // Rotation: the used refresh token stops working once a new one has been handed out.
            state.refreshTokens().remove(refreshToken);
        }
        return body;
    }

    private Map<String, Object> password(String issuer, String clientId, Function<String, String> form) {
        String username = required(form, "username");
        String password = required(form, "password");
        UserAccount account = state.user(username)
                .filter(a -> a.user().password().equals(password))
                .orElseThrow(() -> OAuthError.invalidGrant("Wrong email or password."));
        return mfa.issueOrRequireMfa(issuer, account.user().username(), clientId, blankToNull(form.apply("audience")),
                blankToNull(form.apply("scope")), null);
    }

    /**
     * Stores a new authorization code after a login at {@code /authorize}.
     *
     * @param username the user.
     * @param clientId the client.
     * @param redirectUri the redirect URI.
     * @param scope the scope.
     * @param audience the audience, or {@code null}.
     * @param nonce the nonce, or {@code null}.
     * @param codeChallenge the PKCE challenge, or {@code null}.
     * @param method the PKCE method, or {@code null}.
     * @param login what the login established, for the ID token.
     * @return the code.
     */
    public String newCode(String username, String clientId, String redirectUri, String scope, String audience,
            String nonce, String codeChallenge, String method, LoginFacts login) {
        String code = Randoms.marked("emu-code-", 24);
        synchronized (state) {
            state.codes().put(code, new AuthorizationCode(code, username, clientId, redirectUri, scope,
                    blankToNull(audience), blankToNull(nonce), blankToNull(codeChallenge), blankToNull(method),
                    clock.instant().plus(CODE_LIFETIME), login));
        }
        return code;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
