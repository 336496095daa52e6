package dev.mfastepup.client.model;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * The body of {@code POST /mfa/challenge}: the client authenticates in the body, with no {@code Authorization}
 * header. Absent values are left out of the JSON.
 *
 * @param mfaToken Auth0's raw {@code mfa_token}.
 * @param clientId the client id.
 * @param challengeType {@code otp} or {@code oob}.
 * @param clientSecret the client secret, or {@code null} for a public client.
 * @param authenticatorId the authenticator to challenge, or {@code null} to let Auth0 choose.
 * @since 0.1
 */
@JsonbNillable(false)
@JsonbPropertyOrder({"mfaToken", "clientId", "challengeType", "clientSecret", "authenticatorId"})
public record ChallengeRequest(
        @JsonbProperty("mfa_token") String mfaToken,
        @JsonbProperty("client_id") String clientId,
        @JsonbProperty("challenge_type") String challengeType,
        @JsonbProperty("client_secret") String clientSecret,
        @JsonbProperty("authenticator_id") String authenticatorId) {

    /** Leaves the token and the client secret out. */
    @Override
    public String toString() {
        return "ChallengeRequest[clientId=" + clientId + ", challengeType=" + challengeType
                + ", authenticatorId=" + authenticatorId + "]";
    }
}
