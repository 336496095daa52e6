package dev.mfastepup.jsp;

import dev.mfastepup.Factor;
import dev.mfastepup.pages.PageFailures;
import dev.mfastepup.pages.QrCodes;
import dev.mfastepup.service.Enrollment;
import dev.mfastepup.service.MfaAuthenticator;
import dev.mfastepup.service.MfaService;
import dev.mfastepup.service.StepUpFlow;
import dev.mfastepup.service.Verification;
import dev.mfastepup.service.VerifyResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * {@code /mfa/push}: waits for the user to approve the push notification in the Guardian app. The page checks
 * every 5 seconds with the pages' small script (5 more on each {@code slow_down}); its button does the same
 * without script. During a push enrollment it first shows the QR code for the Guardian app.
 */
@ApplicationScoped
class JspPush implements JspPage {

    private MfaService mfa;
    private PageFailures failures;

    JspPush() {
        // for CDI's proxy
    }

    @Inject
    JspPush(MfaService mfa, PageFailures failures) {
        this.mfa = mfa;
        this.failures = failures;
    }

    @Override
    public void show(JspExchange page) {
        render(page, null, null);
    }

    @Override
    public void act(JspExchange page) {
        if (page.pressed("mfa:another")) {
            page.toPage("index", page.flowId());
        } else if (page.pressed("mfa:code")) {
            enterCode(page);
        } else {
            check(page);
        }
    }

    /** Asks whether the push was approved; keeps waiting, moves on, or shows why not. */
    private void check(JspExchange page) {
        try {
            VerifyResult result = mfa.verify(page.flowId(), new Verification.PushApproval());
            if (result instanceof VerifyResult.Pending pending) {
                render(page, null, pending.retryIn());
            } else {
                page.onVerified(result);
            }
        } catch (RuntimeException failure) {
            page.show(failures.answerPushCheck(failure, new PageFailures.Step(page.flowId(), page.returnTo(), null,
                    "error.code", page.request())));
            if (!page.answered()) {
                render(page, null, null);
            }
        }
    }

    /** Switches to the six-digit code the Guardian app also shows. */
    private void enterCode(JspExchange page) {
        try {
            mfa.challenge(page.flowId(), new MfaAuthenticator(null, Factor.OTP, "otp", null));
            page.toPage("code", page.flowId());
        } catch (RuntimeException failure) {
            page.fail(failure, null, "error.code");
            if (!page.answered()) {
                render(page, null, null);
            }
        }
    }

    /** Renders the waiting page; with the Guardian app's QR code only in the answer that started the enrollment. */
    void render(JspExchange page, Enrollment started, Duration pollIn) {
        boolean qrShown = started != null && started.barcodeUri() != null;
        page.set("qrShown", qrShown);
        if (qrShown) {
            page.set("qrCode", QrCodes.pngDataUri(started.barcodeUri()));
        }
        page.set("enrolling", started != null || page.flow().map(StepUpFlow::enrolling).orElse(false));
        long seconds = pollIn != null ? Math.max(1, pollIn.toSeconds()) : page.flow().map(StepUpFlow::pollInterval)
                .orElse(Duration.ofSeconds(MfaService.PUSH_POLL_INTERVAL_SECONDS)).toSeconds();
        page.set("pollSeconds", seconds);
        page.render("push");
    }

    /** Renders the enrollment's waiting page with its QR code. */
    void render(JspExchange page, Enrollment started) {
        render(page, started, null);
    }
}
