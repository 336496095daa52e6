package dev.mfastepup.client.model;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;
import java.util.List;

/**
 * The body of {@code POST /mfa/associate}, as both reference SDKs send it: no client credentials, the
 * {@code mfa_token} goes in the {@code Authorization} header. Absent values are left out of the JSON.
 *
 * @param authenticatorTypes {@code ["otp"]} or {@code ["oob"]}.
 * @param oobChannels the channel of an {@code oob} enrollment: {@code sms}, {@code voice}, {@code email} or
 *        {@code auth0}; {@code null} for OTP.
 * @param phoneNumber the E.164 phone number for {@code sms} and {@code voice}, else {@code null}.
 * @param email the address for {@code email}, or {@code null} to use the user's own.
 * @since 0.1
 */
@JsonbNillable(false)
public record AssociateRequest(
        @JsonbProperty("authenticator_types") List<String> authenticatorTypes,
        @JsonbProperty("oob_channels") List<String> oobChannels,
        @JsonbProperty("phone_number") String phoneNumber,
        @JsonbProperty("email") String email) {

    /** Leaves the phone number and the address out; they are personal data. */
    @Override
    public String toString() {
        return "AssociateRequest[authenticatorTypes=" + authenticatorTypes + ", oobChannels=" + oobChannels + "]";
    }
}
