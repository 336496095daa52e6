package dev.mfastepup.jsp;

import dev.mfastepup.Factor;
import dev.mfastepup.config.StepUpLimits;
import dev.mfastepup.filter.PageSet;
import dev.mfastepup.pages.FailureAnswer;
import dev.mfastepup.pages.PageFailures;
import dev.mfastepup.service.MfaService;
import dev.mfastepup.service.StepUpFlow;
import dev.mfastepup.service.Verification;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code /mfa/code}: asks for the six-digit code of the pending factor: from the authenticator app, or the one
 * Auth0 sent by SMS, voice or email (with a resend after a cooldown). Also the verification of the other pages
 * where a code is typed ({@link #verify}).
 */
@ApplicationScoped
class JspCode implements JspPage {

    /** The name of the input where a code is typed, as the Faces pages name it. */
    static final String CODE_INPUT = "mfa:" + PageFailures.CODE_FIELD;

    private MfaService mfa;
    private StepUpLimits limits;

    JspCode() {
        // for CDI's proxy
    }

    @Inject
    JspCode(MfaService mfa, StepUpLimits limits) {
        this.mfa = mfa;
        this.limits = limits;
    }

    @Override
    public void show(JspExchange page) {
        render(page, "");
    }

    @Override
    public void act(JspExchange page) {
        String code = page.param(CODE_INPUT);
        if (page.pressed("mfa:another")) {
            page.toPage("index", page.flowId());
        } else if (page.pressed("mfa:resend")) {
            // As a disabled button of the Faces pages, a press before the cooldown is over (or where there is no
            // resend) does nothing: the page shows again.
            if (resendOffered(page) && resendWaitSeconds(page) == 0) {
                resend(page);
            }
        } else {
            code = verify(page, factor(page) == Factor.OTP ? new Verification.Otp(code)
                    : new Verification.OutOfBandCode(code), code, "error.code");
        }
        if (!page.answered()) {
            render(page, code);
        }
    }

    private void resend(JspExchange page) {
        try {
            mfa.resend(page.flowId());
            page.redirect(PageSet.JSP.page("code") + "?flow=" + JspExchange.encode(page.flowId()) + "&resent=1");
        } catch (RuntimeException failure) {
            page.fail(failure, null, "error.code");
        }
    }

    /**
     * Verifies a code typed on a page and moves on; a failure shows on the page. Returns what the field shows
     * again: the code for a try again, or nothing when Auth0 may have used it up (its answer was lost).
     */
    String verify(JspExchange page, Verification verification, String typed, String inputErrorKey) {
        try {
            page.onVerified(mfa.verify(page.flowId(), verification));
            return typed;
        } catch (RuntimeException failure) {
            FailureAnswer answer = page.fail(failure, PageFailures.CODE_FIELD, inputErrorKey);
            return answer instanceof FailureAnswer.Stay stay && stay.codeUsedUp() ? "" : typed;
        }
    }

    private void render(JspExchange page, String code) {
        Factor factor = factor(page);
        long wait = resendWaitSeconds(page);
        page.set("factor", factor.wireName());
        page.set("code", code == null ? "" : code);
        page.set("resent", "1".equals(page.param("resent")) && !page.answered());
        page.set("resendOffered", resendOffered(page));
        page.set("resendWaitSeconds", wait);
        page.set("resendLabel", wait > 0 ? page.texts().text("code.resendIn", wait) : page.texts().text("code.resend"));
        page.render("code");
    }

    /** The factor whose code is asked for; OTP when none is pending. */
    private static Factor factor(JspExchange page) {
        return page.flow().flatMap(StepUpFlow::pending).filter(f -> f != Factor.PUSH && f != Factor.RECOVERY_CODE)
                .orElse(Factor.OTP);
    }

    /** "Send a new code" is offered for a challenge by SMS, voice or email. */
    private static boolean resendOffered(JspExchange page) {
        return factor(page).deliversCode() && !page.flow().map(StepUpFlow::enrolling).orElse(false);
    }

    private long resendWaitSeconds(JspExchange page) {
        Instant sent = page.flow().map(StepUpFlow::challengeSentAt).orElse(null);
        if (sent == null) {
            return 0;
        }
        return Math.max(0, limits.resendCooldown().minus(Duration.between(sent, Instant.now())).toSeconds());
    }
}
