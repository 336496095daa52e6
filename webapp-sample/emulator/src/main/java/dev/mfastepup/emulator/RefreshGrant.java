package dev.mfastepup.emulator;

/**
 * What a refresh token was issued for.
 *
 * @param username the user.
 * @param clientId the client.
 * @param scope the scope of the original grant.
 * @param audience the audience of the original grant, or {@code null}.
 */
public record RefreshGrant(String username, String clientId, String scope, String audience) {
}
