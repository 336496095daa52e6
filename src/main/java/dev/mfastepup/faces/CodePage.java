package dev.mfastepup.faces;

import dev.mfastepup.Factor;
import dev.mfastepup.config.StepUpLimits;
import dev.mfastepup.filter.MfaPages;
import dev.mfastepup.service.StepUpFlow;
import dev.mfastepup.service.Verification;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code /mfa/code.xhtml}: asks for the six-digit code of the pending factor: from the authenticator app, or the
 * one Auth0 sent by SMS, voice or email (with a resend after a cooldown).
 *
 * @since 0.1
 */
@Named
@RequestScoped
public class CodePage extends CodeEntryPage {

    @Inject
    StepUpLimits limits;

    /** @return the factor whose code is asked for; OTP when none is pending. */
    public Factor getFactor() {
        return flow().flatMap(StepUpFlow::pending).filter(f -> f != Factor.PUSH && f != Factor.RECOVERY_CODE)
                .orElse(Factor.OTP);
    }

    /** @return whether this confirms a new enrollment rather than a challenge. */
    public boolean isEnrolling() {
        return flow().map(StepUpFlow::enrolling).orElse(false);
    }

    /** @return whether "send a new code" is offered: for a challenge by SMS, voice or email. */
    public boolean isResendOffered() {
        return getFactor().deliversCode() && !isEnrolling();
    }

    /** @return the seconds until a new code may be sent, 0 when it may be sent now. */
    public long getResendWaitSeconds() {
        Instant sent = flow().map(StepUpFlow::challengeSentAt).orElse(null);
        if (sent == null) {
            return 0;
        }
        long wait = limits.resendCooldown().minus(Duration.between(sent, Instant.now())).toSeconds();
        return Math.max(0, wait);
    }

    /** @return the text of the resend button, with the seconds to wait when there are any. */
    public String getResendLabel() {
        long wait = getResendWaitSeconds();
        return wait > 0 ? locale.text("code.resendIn", wait) : locale.text("code.resend");
    }

    /**
     * Verifies the code.
     *
     * @return the next page, or {@code null} to stay or after a redirect.
     */
    public String verify() {
        return verifyWith(getFactor() == Factor.OTP ? new Verification.Otp(getCode())
                : new Verification.OutOfBandCode(getCode()));
    }

    /**
     * Sends the code again.
     *
     * @return {@code null}: the page shows again with a message.
     */
    public String resend() {
        try {
            mfa.resend(getFlowId());
            MfaNavigation.redirect(MfaPages.PATH + "code.xhtml?flow="
                    + MfaNavigation.encode(getFlowId()) + "&resent=1");
        } catch (RuntimeException failure) {
            fail(failure, null);
        }
        return null;
    }

}
