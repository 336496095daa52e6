package dev.mfastepup.jsp;

import dev.mfastepup.service.Verification;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@code /mfa/recovery}: signs in with a recovery code. Auth0 answers with a new code, shown once next. */
@ApplicationScoped
class JspRecovery implements JspPage {

    private JspCode code;

    JspRecovery() {
        // for CDI's proxy
    }

    @Inject
    JspRecovery(JspCode code) {
        this.code = code;
    }

    @Override
    public void show(JspExchange page) {
        page.set("code", "");
        page.render("recovery");
    }

    @Override
    public void act(JspExchange page) {
        if (page.pressed("mfa:another")) {
            page.toPage("index", page.flowId());
            return;
        }
        String typed = page.param(JspCode.CODE_INPUT);
        String shown = code.verify(page, new Verification.RecoveryCode(typed), typed, "error.recoveryCode");
        if (!page.answered()) {
            page.set("code", shown);
            page.render("recovery");
        }
    }
}
