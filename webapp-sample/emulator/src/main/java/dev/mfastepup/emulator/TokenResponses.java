package dev.mfastepup.emulator;

import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the body of a successful token answer, and stores the refresh token it hands out.
 */
public final class TokenResponses {

    private final TenantState state;
    private final TokenIssuer issuer;
    private final Clock clock;

    /**
     * Creates the builder.
     *
     * @param state the tenant state (refresh tokens are stored there).
     * @param issuer the signer.
     * @param clock the clock.
     */
    public TokenResponses(TenantState state, TokenIssuer issuer, Clock clock) {
        this.state = state;
        this.issuer = issuer;
        this.clock = clock;
    }

    /**
     * Issues tokens. An ID token comes with the {@code openid} scope, a refresh token with {@code offline_access}
     * (or when {@code refreshScope} is given, for a rotated refresh token).
     *
     * @param issuerUrl the issuer URL.
     * @param user the user.
     * @param clientId the client.
     * @param audience the audience, or {@code null}.
     * @param scope the scope, or {@code null}.
     * @param nonce the nonce, or {@code null}.
     * @param refreshScope the scope for a new refresh token regardless of {@code scope}, or {@code null}.
     * @return the JSON body.
     */
    public Map<String, Object> issue(String issuerUrl, DemoUser user, String clientId, String audience, String scope,
            String nonce, String refreshScope) {
        return issueTokens(issuerUrl, user, clientId, audience, scope,
                nonce == null || nonce.isBlank() ? Map.of() : Map.of("nonce", nonce), Map.of(), refreshScope);
    }

    /**
     * Issues the tokens of the authorization-code grant, whose ID token says how the user logged in. The access
     * token says it too ({@code auth_time}, and {@code amr} and {@code acr} after a second factor), as a tenant's
     * Action can add them for its APIs, so that a resource server can demand a recent or stronger login with an
     * RFC 9470 challenge; tokens of the other grants carry neither.
     *
     * @param issuerUrl the issuer URL.
     * @param user the user.
     * @param clientId the client.
     * @param audience the audience, or {@code null}.
     * @param scope the scope, or {@code null}.
     * @param idClaims the ID token's claims beyond the profile ({@link LoginClaims}).
     * @return the JSON body.
     */
    public Map<String, Object> issueAfterLogin(String issuerUrl, DemoUser user, String clientId, String audience,
            String scope, Map<String, Object> idClaims) {
        Map<String, Object> loginClaims = new LinkedHashMap<>(idClaims);
        loginClaims.remove("nonce");
        return issueTokens(issuerUrl, user, clientId, audience, scope, idClaims, loginClaims, null);
    }

    private Map<String, Object> issueTokens(String issuerUrl, DemoUser user, String clientId, String audience,
            String scope, Map<String, Object> idClaims, Map<String, Object> accessClaims, String refreshScope) {
        var now = clock.instant();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", issuer.accessToken(issuerUrl, user, clientId, audience, scope, accessClaims, now));
        if (hasScope(scope, "openid")) {
            body.put("id_token", issuer.idToken(issuerUrl, user, clientId, idClaims, now));
        }
        String grantScope = refreshScope != null ? refreshScope : (hasScope(scope, "offline_access") ? scope : null);
        if (grantScope != null) {
            String refreshToken = Randoms.marked("emu-rt-", 32);
            synchronized (state) {
                state.refreshTokens().put(refreshToken, new RefreshGrant(user.username(), clientId, grantScope, audience));
            }
            body.put("refresh_token", refreshToken);
        }
        if (scope != null && !scope.isBlank()) {
            body.put("scope", scope);
        }
        body.put("expires_in", TokenIssuer.TOKEN_LIFETIME.toSeconds());
        body.put("token_type", "Bearer");
        return body;
    }

    /**
     * Tells whether a space-separated scope holds a value.
     *
     * @param scope the scope, or {@code null}.
     * @param value the value.
     * @return whether it is there.
     */
    public static boolean hasScope(String scope, String value) {
        return scope != null && Arrays.asList(scope.trim().split("\\s+")).contains(value);
    }
}
