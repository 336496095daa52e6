package dev.mfastepup.emulator;

import java.time.Instant;

/**
 * An authorization code waiting to be exchanged, with what {@code /authorize} was asked.
 *
 * @param code the code.
 * @param username the user who logged in.
 * @param clientId the client.
 * @param redirectUri the redirect URI, which the token request must repeat.
 * @param scope the scope.
 * @param audience the audience, or {@code null}.
 * @param nonce the nonce for the ID token, or {@code null}.
 * @param codeChallenge the PKCE challenge, or {@code null}.
 * @param codeChallengeMethod the PKCE method, or {@code null}.
 * @param expiresAt when it stops working.
 * @param login what the login established, for the ID token's {@code auth_time}, {@code amr} and {@code acr}.
 */
public record AuthorizationCode(String code, String username, String clientId, String redirectUri, String scope,
        String audience, String nonce, String codeChallenge, String codeChallengeMethod, Instant expiresAt,
        LoginFacts login) {
}
