package dev.mfastepup.client.model;

import jakarta.json.bind.annotation.JsonbProperty;

/**
 * The answer of {@code POST /mfa/challenge}.
 *
 * @param challengeType {@code otp} or {@code oob}.
 * @param oobCode the code that identifies the out-of-band transaction (SMS, voice, email, push), or {@code null}.
 * @param bindingMethod {@code prompt} when the user must type the code Auth0 sent, or {@code null} (push).
 * @since 0.1
 */
public record ChallengeResponse(
        @JsonbProperty("challenge_type") String challengeType,
        @JsonbProperty("oob_code") String oobCode,
        @JsonbProperty("binding_method") String bindingMethod) {

    /** Leaves the out-of-band code out. */
    @Override
    public String toString() {
        return "ChallengeResponse[challengeType=" + challengeType + ", bindingMethod=" + bindingMethod + "]";
    }
}
