package dev.mfastepup.emulator;

import com.nimbusds.jwt.JWTClaimsSet;
import java.text.ParseException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;

/**
 * {@code DELETE /mfa/authenticators/{id}} under either of the two rules Auth0's sources give: its JavaScript SDK
 * sends the {@code mfa_token}; its documentation asks for an access token of the MFA API's audience
 * ({@code https://{domain}/mfa/}) with the scope {@code remove:authenticators}, which a user gets only after MFA.
 * {@link EmulatorSettings#removalNeedsMfaApiToken()} chooses; under the documented rule an {@code mfa_token} is
 * refused with {@code insufficient_scope}, one of the codes of Auth0's MFA error reference.
 */
public final class AuthenticatorRemoval {

    /** The scope Auth0's documentation asks for. */
    static final String SCOPE = "remove:authenticators";

    private final EmulatedMfaApi mfa;
    private final TenantState state;
    private final TokenIssuer tokens;
    private final Clock clock;
    private final boolean needsMfaApiToken;

    AuthenticatorRemoval(EmulatedMfaApi mfa, TenantState state, TokenIssuer tokens, Clock clock,
            boolean needsMfaApiToken) {
        this.mfa = mfa;
        this.state = state;
        this.tokens = tokens;
        this.clock = clock;
        this.needsMfaApiToken = needsMfaApiToken;
    }

    /**
     * Deletes an authenticator and its twin.
     *
     * @param issuer the issuer URL; the MFA API's audience is below it.
     * @param bearer the bearer token.
     * @param id the authenticator id.
     * @throws OAuthError {@code invalid_token} (401) for a token of neither kind, {@code insufficient_scope} (403)
     *         for an {@code mfa_token} or an access token without the audience and scope, under the documented
     *         rule; {@code invalid_authenticator} (404) when the user has no such authenticator.
     */
    public void delete(String issuer, String bearer, String id) {
        if (!needsMfaApiToken) {
            mfa.delete(bearer, id);
            return;
        }
        Optional<JWTClaimsSet> claims = bearer == null ? Optional.empty() : tokens.verify(bearer, clock.instant());
        if (claims.isEmpty()) {
            mfa.transaction(bearer);
            throw new OAuthError(403, "insufficient_scope", "An mfa_token cannot remove authenticators: an access"
                    + " token for " + issuer + "mfa/ with the scope " + SCOPE + " is required");
        }
        if (!claims.get().getAudience().contains(issuer + "mfa/") || !hasScope(claims.get())) {
            throw new OAuthError(403, "insufficient_scope", "The access token needs the audience " + issuer
                    + "mfa/ and the scope " + SCOPE);
        }
        String subject = claims.get().getSubject();
        UserAccount account = state.users().stream().filter(u -> u.user().sub().equals(subject)).findFirst()
                .orElseThrow(() -> new OAuthError(401, "invalid_token", "Unknown user"));
        mfa.delete(account, id);
    }

    private static boolean hasScope(JWTClaimsSet claims) {
        try {
            String scope = claims.getStringClaim("scope");
            return scope != null && Arrays.asList(scope.split(" ")).contains(SCOPE);
        } catch (ParseException notText) {
            return false;
        }
    }
}
