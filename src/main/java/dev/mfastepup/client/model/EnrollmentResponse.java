package dev.mfastepup.client.model;

import jakarta.json.bind.annotation.JsonbCreator;
import jakarta.json.bind.annotation.JsonbProperty;
import java.util.List;

/**
 * The answer of {@code POST /mfa/associate}.
 *
 * <p>For OTP it carries the shared {@code secret} and an {@code otpauth://} {@code barcode_uri}; for an
 * out-of-band channel an {@code oob_code} (and {@code binding_method: "prompt"} when the user must type the code
 * Auth0 sent); for push also a {@code barcode_uri} for the Guardian app. {@code recovery_codes} come only with the
 * user's first enrollment.
 *
 * @param authenticatorType {@code otp} or {@code oob}.
 * @param secret the OTP secret (base32), or {@code null}.
 * @param barcodeUri the {@code otpauth://} URI to show as a QR code, or {@code null}.
 * @param oobChannel the out-of-band channel, or {@code null}.
 * @param oobCode the code that identifies this out-of-band transaction, or {@code null}.
 * @param bindingMethod {@code prompt} when a binding code must be entered, or {@code null}.
 * @param recoveryCodes the recovery codes to show once, or {@code null}.
 * @param id the id of the new authenticator, when Auth0 sends it, or {@code null}.
 * @since 0.1
 */
public record EnrollmentResponse(
        @JsonbProperty("authenticator_type") String authenticatorType,
        @JsonbProperty("secret") String secret,
        @JsonbProperty("barcode_uri") String barcodeUri,
        @JsonbProperty("oob_channel") String oobChannel,
        @JsonbProperty("oob_code") String oobCode,
        @JsonbProperty("binding_method") String bindingMethod,
        @JsonbProperty("recovery_codes") List<String> recoveryCodes,
        @JsonbProperty("id") String id) {

    /**
     * Copies the recovery codes, so that the record is immutable.
     *
     * @param authenticatorType {@code otp} or {@code oob}.
     * @param secret the OTP secret (base32), or {@code null}.
     * @param barcodeUri the {@code otpauth://} URI to show as a QR code, or {@code null}.
     * @param oobChannel the out-of-band channel, or {@code null}.
     * @param oobCode the code that identifies this out-of-band transaction, or {@code null}.
     * @param bindingMethod {@code prompt} when a binding code must be entered, or {@code null}.
     * @param recoveryCodes the recovery codes to show once, or {@code null}.
     * @param id the id of the new authenticator, when Auth0 sends it, or {@code null}.
     */
    public EnrollmentResponse {
        recoveryCodes = recoveryCodes == null ? null : List.copyOf(recoveryCodes);
    }

    /**
     * Reads the answer as Auth0 sends it: the channel as {@code oob_channel} (its guides) or {@code oob_channels}
     * (its API reference's name for it elsewhere), each as a string or an array.
     *
     * @param authenticatorType {@code otp} or {@code oob}.
     * @param secret the OTP secret.
     * @param barcodeUri the URI to show as a QR code.
     * @param oobChannel {@code oob_channel} as sent: a string, an array of strings, or {@code null}.
     * @param oobChannels {@code oob_channels} as sent: an array of strings, a string, or {@code null}.
     * @param oobCode the out-of-band transaction's code.
     * @param bindingMethod {@code prompt} or {@code null}.
     * @param recoveryCodes the recovery codes.
     * @param id the new authenticator's id.
     * @return the answer, with the first channel sent.
     */
    @JsonbCreator
    public static EnrollmentResponse read(@JsonbProperty("authenticator_type") String authenticatorType,
            @JsonbProperty("secret") String secret, @JsonbProperty("barcode_uri") String barcodeUri,
            @JsonbProperty("oob_channel") Object oobChannel, @JsonbProperty("oob_channels") Object oobChannels,
            @JsonbProperty("oob_code") String oobCode, @JsonbProperty("binding_method") String bindingMethod,
            @JsonbProperty("recovery_codes") List<String> recoveryCodes, @JsonbProperty("id") String id) {
        return new EnrollmentResponse(authenticatorType, secret, barcodeUri, Channels.first(oobChannel, oobChannels),
                oobCode, bindingMethod, recoveryCodes, id);
    }

    /** Leaves the secret, the barcode URI, the out-of-band code and the recovery codes out. */
    @Override
    public String toString() {
        return "EnrollmentResponse[authenticatorType=" + authenticatorType + ", oobChannel=" + oobChannel
                + ", bindingMethod=" + bindingMethod + ", recoveryCodes="
                + (recoveryCodes == null ? 0 : recoveryCodes.size()) + "]";
    }
}
