package dev.mfastepup.jsp;

import dev.mfastepup.filter.ReturnPaths;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code /mfa/done?return=...}: after a step-up that interrupted a form post. The post is never replayed (an
 * attacker's cross-site post must not run once the user completed MFA); the user goes back to the page and repeats
 * the action.
 */
@ApplicationScoped
class JspDone implements JspPage {

    @Override
    public boolean ofAFlow() {
        return false;
    }

    @Override
    public void show(JspExchange page) {
        page.set("returnUrl", page.request().getContextPath()
                + ReturnPaths.safePath(page.param("return")).orElse("/"));
        page.render("done", null);
    }
}
