package dev.mfastepup.jsp;

import dev.mfastepup.filter.ReturnPaths;
import dev.mfastepup.session.PendingStepUp.ReturnTo;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code /mfa/recovery-code}: the new recovery code is shown once, in the answer to the verification that produced
 * it ({@link JspExchange#onVerified}); this page's form goes on only after the user confirmed they saved it. Asked
 * for directly, it says the code is no longer shown.
 */
@ApplicationScoped
class JspRecoveryCode implements JspPage {

    @Override
    public boolean ofAFlow() {
        return false;
    }

    @Override
    public void show(JspExchange page) {
        page.set("recoveryCode", null);
        page.set("returnPath", "/");
        page.set("repeatAction", false);
        page.render("recovery-code", "");
    }

    @Override
    public void act(JspExchange page) {
        String path = ReturnPaths.safePath(page.param("return")).orElse("/");
        page.finish(new ReturnTo(path, "true".equals(page.param("repeat"))));
    }
}
