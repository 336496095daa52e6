package dev.mfastepup.faces;

import dev.mfastepup.faces.MfaNavigation.Reason;
import dev.mfastepup.filter.MfaPages;
import dev.mfastepup.filter.ReturnPaths;
import dev.mfastepup.hosted.UniversalLoginServlet;
import dev.mfastepup.service.UniversalLoginStepUp;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /mfa/error.xhtml?reason=...}: says what happened in words a person understands, with a deliberate status
 * code, and offers a way on: start again (back to the page that asked for the step-up), try another method, or
 * sign in again.
 *
 * @since 0.1
 */
@Named
@RequestScoped
public class ErrorPage {

    @Inject
    UniversalLoginStepUp universalLogin;

    private Reason reason;
    private String returnPath;
    private String detail;
    private String reference;
    private String universalLoginUrl;

    /** The view action: reads the reason and sets the status. */
    public void load() {
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        Map<String, String> params = external.getRequestParameterMap();
        String name = params.getOrDefault("reason", "").toUpperCase(Locale.ROOT).replace('-', '_');
        Optional<Reason> known = Arrays.stream(Reason.values()).filter(r -> r.name().equals(name)).findFirst();
        reason = known.orElse(Reason.FAILED);
        returnPath = ReturnPaths.safePath(params.get("return")).orElse("/");
        String rawDetail = params.get("detail");
        detail = rawDetail != null && rawDetail.matches("[A-Za-z0-9_-]{1,40}") ? rawDetail : null;
        String rawReference = params.get(MfaPages.PARAM_REFERENCE);
        reference = rawReference != null && rawReference.matches("c-[0-9a-f]{12}") ? rawReference : null;
        HttpServletResponse response = (HttpServletResponse) external.getResponse();
        // A reason this page does not know comes from a link someone made up, not from the module: 400.
        response.setStatus(known.isPresent() ? status(reason) : HttpServletResponse.SC_BAD_REQUEST);
        Integer minutes = getMinutes();
        if (minutes != null) {
            response.setHeader("Retry-After", Long.toString(minutes * 60L));
        }
        // Once per request: the page asks for it twice (whether to show the link, and the link).
        if (reason == Reason.EXPIRED && detail != null && universalLogin.canTakeOver(detail)) {
            universalLoginUrl = external.getRequestContextPath() + UniversalLoginServlet.startPath(detail);
        }
    }

    /** @return the reason, as the key suffix of its texts, such as {@code expired}. */
    public String getReason() {
        return reason.parameter();
    }

    /** @return the context path plus where "start again" leads. */
    public String getReturnUrl() {
        return FacesContext.getCurrentInstance().getExternalContext().getRequestContextPath() + returnPath;
    }

    /**
     * @return the minutes to wait when locked, or the flow id when the push was denied or the flow expired (when
     *         Universal Login can take over); else {@code null}.
     */
    public String getDetail() {
        return detail;
    }

    /**
     * @return the correlation id of the request that failed, for the user to quote and the operator to find in
     *         the security log; {@code null} when the link carried none (or not one of this module's).
     */
    public String getReference() {
        return reference;
    }

    /** @return the minutes to wait when locked, as a number for the texts' plural forms; else {@code null}. */
    public Integer getMinutes() {
        boolean minutes = reason == Reason.LOCKED && detail != null && detail.matches("[0-9]{1,6}");
        return minutes ? Integer.valueOf(detail) : null;
    }

    /** @return whether "try another method" can lead back into the same flow. */
    public boolean isAnotherMethodOffered() {
        return reason == Reason.DENIED && detail != null;
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

    static int status(Reason reason) {
        return switch (reason) {
            case EXPIRED, INVALID -> HttpServletResponse.SC_GONE;
            case LOCKED -> 429;
            case UNAVAILABLE -> HttpServletResponse.SC_SERVICE_UNAVAILABLE;
            case LOOP -> HttpServletResponse.SC_BAD_GATEWAY;
            case DENIED, IDENTITY, NO_FACTOR, NOT_PROVEN -> HttpServletResponse.SC_FORBIDDEN;
            case SIGNIN -> HttpServletResponse.SC_UNAUTHORIZED;
            case CANCELLED -> HttpServletResponse.SC_OK;
            case FAILED -> HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
        };
    }
}
