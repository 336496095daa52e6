package dev.mfastepup.faces;

import dev.mfastepup.hosted.UniversalLoginServlet;
import dev.mfastepup.pages.ErrorDetails;
import dev.mfastepup.service.UniversalLoginStepUp;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;

/**
 * {@code /mfa/error.xhtml?reason=...}: says what happened in words a person understands, with a deliberate status
 * code, and offers a way on: start again (back to the page that asked for the step-up), try another method, or
 * sign in again. What it shows is read by {@link ErrorDetails}, as the JSP set's error page reads it.
 *
 * @since 0.1
 */
@Named
@RequestScoped
public class ErrorPage {

    @Inject
    UniversalLoginStepUp universalLogin;

    private ErrorDetails details;
    private String universalLoginUrl;

    /** The view action: reads the reason and sets the status. */
    public void load() {
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        Map<String, String> params = external.getRequestParameterMap();
        details = ErrorDetails.read(params::get);
        HttpServletResponse response = (HttpServletResponse) external.getResponse();
        response.setStatus(details.status());
        Integer minutes = details.minutes();
        if (minutes != null) {
            response.setHeader("Retry-After", Long.toString(minutes * 60L));
        }
        // Once per request: the page asks for it twice (whether to show the link, and the link).
        details.expiredFlow().filter(universalLogin::canTakeOver).ifPresent(flow ->
                universalLoginUrl = external.getRequestContextPath() + UniversalLoginServlet.startPath(flow));
    }

    /** @return the reason, as the key suffix of its texts, such as {@code expired}. */
    public String getReason() {
        return details.reason().parameter();
    }

    /** @return the context path plus where "start again" leads. */
    public String getReturnUrl() {
        return FacesContext.getCurrentInstance().getExternalContext().getRequestContextPath() + details.returnPath();
    }

    /**
     * @return the minutes to wait when locked, or the flow id when the push was denied or the flow expired (when
     *         Universal Login can take over); else {@code null}.
     */
    public String getDetail() {
        return details.detail();
    }

    /**
     * @return the correlation id of the request that failed, for the user to quote and the operator to find in
     *         the security log; {@code null} when the link carried none (or not one of this module's).
     */
    public String getReference() {
        return details.reference();
    }

    /** @return the minutes to wait when locked, as a number for the texts' plural forms; else {@code null}. */
    public Integer getMinutes() {
        return details.minutes();
    }

    /** @return whether "try another method" can lead back into the same flow. */
    public boolean isAnotherMethodOffered() {
        return details.anotherMethodOffered();
    }

    /**
     * Returns the link to go on through Universal Login when the flow's {@code mfa_token} expired: that road needs
     * none, and the session still knows the flow's audience, scope and page.
     *
     * @return the URL, or {@code null} when it is not offered.
     */
    public String getUniversalLoginUrl() {
        return universalLoginUrl;
    }
}
