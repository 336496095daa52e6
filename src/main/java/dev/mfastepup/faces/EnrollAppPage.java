package dev.mfastepup.faces;

import dev.mfastepup.pages.QrCodes;
import dev.mfastepup.service.Enrollment;
import dev.mfastepup.service.Verification;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

/**
 * {@code /mfa/enroll-app.xhtml}: setting up an authenticator app. The QR code and the secret are shown in the
 * response to the post that started the enrollment and kept nowhere, not in the session, not in the view state;
 * after that the page only asks for the first code.
 *
 * @since 0.1
 */
@Named
@RequestScoped
public class EnrollAppPage extends CodeEntryPage {

    private Enrollment enrollment;

    void show(String flowId, Enrollment started) {
        setFlowId(flowId);
        this.enrollment = started;
    }

    /** @return whether the QR code can be shown (only in the response that started the enrollment). */
    public boolean isSecretShown() {
        return enrollment != null && enrollment.barcodeUri() != null;
    }

    /** @return the QR code as a {@code data:} URI. */
    public String getQrCode() {
        return QrCodes.pngDataUri(enrollment.barcodeUri());
    }

    /** @return the secret in groups of four, for typing it in by hand. */
    public String getSecret() {
        return enrollment.secret() == null ? "" : QrCodes.grouped(enrollment.secret());
    }

    /**
     * Confirms the enrollment with the first code of the app.
     *
     * @return the next page, or {@code null} to stay or after a redirect.
     */
    public String verify() {
        return verifyWith(new Verification.Otp(getCode()));
    }
}
