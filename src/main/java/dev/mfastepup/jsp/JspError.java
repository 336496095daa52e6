package dev.mfastepup.jsp;

import dev.mfastepup.filter.PageSet;
import dev.mfastepup.hosted.UniversalLoginServlet;
import dev.mfastepup.pages.ErrorDetails;
import dev.mfastepup.pages.ErrorReason;
import dev.mfastepup.service.UniversalLoginStepUp;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * {@code /mfa/error?reason=...}: says what happened in words a person understands, with a deliberate status code,
 * and offers a way on: start again, try another method, or verify through Universal Login. What it shows is read by
 * {@link ErrorDetails}, as the Faces set's error page reads it.
 */
@ApplicationScoped
class JspError implements JspPage {

    private UniversalLoginStepUp universalLogin;

    JspError() {
        // for CDI's proxy
    }

    @Inject
    JspError(UniversalLoginStepUp universalLogin) {
        this.universalLogin = universalLogin;
    }

    @Override
    public boolean ofAFlow() {
        return false;
    }

    @Override
    public void show(JspExchange page) {
        render(page, ErrorDetails.read(page::param));
    }

    /** Refuses a post without this session's and flow's token: nothing of it was read or done. */
    void refuseForm(JspExchange page) {
        render(page, new ErrorDetails(ErrorReason.FORM, true, "/", null, null));
    }

    private void render(JspExchange page, ErrorDetails details) {
        page.status(details.status());
        Integer minutes = details.minutes();
        if (minutes != null) {
            page.header("Retry-After", Long.toString(minutes * 60L));
        }
        String contextPath = page.request().getContextPath();
        String key = "error." + details.reason().parameter();
        page.set("reason", details.reason().parameter());
        page.set("title", page.texts().text(key + ".title"));
        page.set("heading", page.texts().text(key + ".title"));
        // The lead is a pattern: {0} the detail, {1} the minutes as a number for the plural forms.
        page.set("lead", page.texts().text(key + ".lead", details.detail() == null ? "" : details.detail(),
                minutes == null ? 0 : minutes));
        page.set("action", page.texts().text(key + ".action"));
        page.set("returnUrl", contextPath + details.returnPath());
        page.set("anotherUrl", details.anotherMethodOffered()
                ? contextPath + PageSet.JSP.startPage() + "?flow=" + JspExchange.encode(details.detail()) : null);
        page.set("universalLoginUrl", details.expiredFlow().filter(universalLogin::canTakeOver)
                .map(flow -> contextPath + UniversalLoginServlet.startPath(flow)).orElse(null));
        page.set("reference", details.reference() == null ? null
                : page.texts().text("error.reference", details.reference()));
        page.render("error", null);
    }
}
