package dev.mfastepup.service;

import dev.mfastepup.Factor;
import java.util.List;

/**
 * An enrollment started: what the user needs to confirm it. Show the secret, the QR code and the recovery codes
 * once, on a page that is not cached; this module keeps none of them.
 *
 * @param factor the factor being enrolled.
 * @param secret the OTP secret (base32) for manual entry, or {@code null}.
 * @param barcodeUri the {@code otpauth://} URI to show as a QR code (OTP and push), or {@code null}.
 * @param bindingCodeRequired {@code true} when the user must type the code Auth0 sent (SMS, voice, email).
 * @param recoveryCodes recovery codes issued with a first enrollment; possibly empty.
 * @since 0.1
 */
public record Enrollment(Factor factor, String secret, String barcodeUri, boolean bindingCodeRequired,
        List<String> recoveryCodes) {

    /**
     * Copies the recovery codes, so that the record is immutable.
     *
     * @param factor the factor being enrolled.
     * @param secret the OTP secret (base32) for manual entry, or {@code null}.
     * @param barcodeUri the {@code otpauth://} URI to show as a QR code (OTP and push), or {@code null}.
     * @param bindingCodeRequired {@code true} when the user must type the code Auth0 sent (SMS, voice, email).
     * @param recoveryCodes recovery codes issued with a first enrollment; possibly empty.
     */
    public Enrollment {
        recoveryCodes = recoveryCodes == null ? List.of() : List.copyOf(recoveryCodes);
    }

    /** Leaves the secret, the URI and the recovery codes out. */
    @Override
    public String toString() {
        return "Enrollment[factor=" + factor + ", bindingCodeRequired=" + bindingCodeRequired
                + ", recoveryCodes=" + recoveryCodes.size() + "]";
    }
}
