package dev.mfastepup.jsp;

import dev.mfastepup.pages.QrCodes;
import dev.mfastepup.service.Enrollment;
import dev.mfastepup.service.Verification;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * {@code /mfa/enroll-app}: setting up an authenticator app. The QR code and the secret are shown in the answer to
 * the post that started the enrollment and kept nowhere, not in the session, not in the form; after that the page
 * only asks for the first code.
 */
@ApplicationScoped
class JspEnrollApp implements JspPage {

    private JspCode code;

    JspEnrollApp() {
        // for CDI's proxy
    }

    @Inject
    JspEnrollApp(JspCode code) {
        this.code = code;
    }

    @Override
    public void show(JspExchange page) {
        render(page, null);
    }

    @Override
    public void act(JspExchange page) {
        String typed = page.param(JspCode.CODE_INPUT);
        String shown = code.verify(page, new Verification.Otp(typed), typed, "error.code");
        if (!page.answered()) {
            page.set("code", shown);
            render(page, null);
        }
    }

    /** Renders the page; with the QR code and the secret only in the answer that started the enrollment. */
    void render(JspExchange page, Enrollment started) {
        boolean secretShown = started != null && started.barcodeUri() != null;
        page.set("secretShown", secretShown);
        if (secretShown) {
            page.set("qrCode", QrCodes.pngDataUri(started.barcodeUri()));
            page.set("secret", started.secret() == null ? "" : QrCodes.grouped(started.secret()));
        }
        page.render("enroll-app");
    }
}
