package dev.mfastepup.faces;

import dev.mfastepup.Factor;
import dev.mfastepup.pages.QrCodes;
import dev.mfastepup.service.Enrollment;
import dev.mfastepup.service.MfaAuthenticator;
import dev.mfastepup.service.MfaService;
import dev.mfastepup.service.StepUpFlow;
import dev.mfastepup.service.Verification;
import dev.mfastepup.service.VerifyResult;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import java.time.Duration;

/**
 * {@code /mfa/push.xhtml}: waits for the user to approve the push notification in the Guardian app. The page
 * checks every 5 seconds with a small script (5 more on each {@code slow_down}); a button does the same without
 * script. During a push enrollment it first shows the QR code for the Guardian app.
 *
 * @since 0.1
 */
@Named
@RequestScoped
public class PushPage extends MfaPageBean {

    private Enrollment enrollment;
    private Duration pollIn;

    void showEnrollment(String flowId, Enrollment started) {
        setFlowId(flowId);
        this.enrollment = started;
    }

    /** @return whether the Guardian app's QR code is shown (only in the response that started the enrollment). */
    public boolean isQrShown() {
        return enrollment != null && enrollment.barcodeUri() != null;
    }

    /** @return the QR code as a {@code data:} URI. */
    public String getQrCode() {
        return QrCodes.pngDataUri(enrollment.barcodeUri());
    }

    /** @return whether this is a push enrollment rather than a challenge. */
    public boolean isEnrolling() {
        return enrollment != null || flow().map(StepUpFlow::enrolling).orElse(false);
    }

    /** @return the seconds the script waits before it checks again. */
    public long getPollSeconds() {
        if (pollIn != null) {
            return Math.max(1, pollIn.toSeconds());
        }
        return flow().map(StepUpFlow::pollInterval).orElse(Duration.ofSeconds(MfaService.PUSH_POLL_INTERVAL_SECONDS))
                .toSeconds();
    }

    /**
     * Asks whether the push was approved.
     *
     * @return the next page, or {@code null} to keep waiting or after a redirect.
     */
    public String check() {
        try {
            VerifyResult result = mfa.verify(getFlowId(), new Verification.PushApproval());
            if (result instanceof VerifyResult.Pending pending) {
                pollIn = pending.retryIn();
                return null;
            }
            return onVerified(result);
        } catch (RuntimeException failure) {
            show(failures.answerPushCheck(failure, step(null)));
            return null;
        }
    }

    /**
     * Switches to the six-digit code the Guardian app also shows.
     *
     * @return {@code null}: the user is redirected.
     */
    public String enterCode() {
        try {
            mfa.challenge(getFlowId(), new MfaAuthenticator(null, Factor.OTP, "otp", null));
            MfaNavigation.toPage("code.xhtml", getFlowId());
        } catch (RuntimeException failure) {
            fail(failure, null);
        }
        return null;
    }

}
