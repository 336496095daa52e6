package dev.mfastepup.client.model;

import jakarta.json.bind.annotation.JsonbProperty;

/**
 * An error answer of any Auth0 endpoint: {@code {"error": "...", "error_description": "..."}}, with the
 * {@code mfa_token} and {@code mfa_requirements} of an {@code mfa_required} answer.
 *
 * @param error Auth0's error code, such as {@code invalid_grant}, or {@code null}.
 * @param errorDescription Auth0's text, or {@code null}.
 * @param mfaToken the raw {@code mfa_token} of an {@code mfa_required} answer, or {@code null}.
 * @param mfaRequirements the requirements of an {@code mfa_required} answer, or {@code null}.
 * @since 0.1
 */
public record ErrorResponse(
        @JsonbProperty("error") String error,
        @JsonbProperty("error_description") String errorDescription,
        @JsonbProperty("mfa_token") String mfaToken,
        @JsonbProperty("mfa_requirements") MfaRequirements mfaRequirements) {

    /** Leaves the token out. */
    @Override
    public String toString() {
        return "ErrorResponse[error=" + error + ", errorDescription=" + errorDescription
                + ", mfaToken=" + (mfaToken != null) + ", mfaRequirements=" + mfaRequirements + "]";
    }
}
