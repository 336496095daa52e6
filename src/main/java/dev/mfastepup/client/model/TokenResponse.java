package dev.mfastepup.client.model;

import jakarta.json.bind.annotation.JsonbProperty;

/**
 * A successful answer of {@code POST /oauth/token}: to the refresh-token grant or to one of the MFA grants.
 *
 * @param accessToken the access token.
 * @param tokenType the token type, {@code Bearer} unless DPoP is in use.
 * @param expiresIn the lifetime of the access token in seconds.
 * @param idToken an ID token, when the scope asked for {@code openid}, or {@code null}.
 * @param refreshToken a new (rotated) refresh token, or {@code null}.
 * @param scope the granted scope, or {@code null} when it equals the requested one.
 * @param recoveryCode a new recovery code replacing the one just used (or issued with a first enrollment), or
 *        {@code null}; it must be shown to the user once.
 * @since 0.1
 */
public record TokenResponse(
        @JsonbProperty("access_token") String accessToken,
        @JsonbProperty("token_type") String tokenType,
        @JsonbProperty("expires_in") Long expiresIn,
        @JsonbProperty("id_token") String idToken,
        @JsonbProperty("refresh_token") String refreshToken,
        @JsonbProperty("scope") String scope,
        @JsonbProperty("recovery_code") String recoveryCode) {

    /** Leaves every token and code out. */
    @Override
    public String toString() {
        return "TokenResponse[tokenType=" + tokenType + ", expiresIn=" + expiresIn + ", scope=" + scope
                + ", idToken=" + (idToken != null) + ", refreshToken=" + (refreshToken != null)
                + ", recoveryCode=" + (recoveryCode != null) + "]";
    }
}
