package dev.mfastepup.faces;

import dev.mfastepup.event.SecurityLog;
import dev.mfastepup.filter.MfaPages;
import dev.mfastepup.filter.PageSet;
import dev.mfastepup.filter.ReturnPaths;
import dev.mfastepup.hosted.UniversalLoginServlet;
import dev.mfastepup.pages.ErrorReason;
import dev.mfastepup.pages.PageLinks;
import dev.mfastepup.session.PendingStepUp.ReturnTo;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Moves the user between the MFA pages and back to the application, always with {@code 303 See Other} after a
 * form post, always to a context-relative path checked by {@link ReturnPaths#safePath(String)}.
 */
final class MfaNavigation {

    private MfaNavigation() {
        // static only
    }

    /** Goes to a page of the module for a flow, such as {@code code.xhtml}. */
    static void toPage(String page, String flowId) {
        redirect(MfaPages.PATH + page + "?" + MfaPages.PARAM_FLOW + "=" + encode(flowId));
    }

    /** Goes to the error page, with where "start again" leads. */
    static void toError(ErrorReason reason, ReturnTo returnTo, String detail) {
        HttpServletRequest request = (HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext()
                .getRequest();
        // Context-relative: redirect() adds the context path.
        redirect(PageLinks.error(PageSet.FACES, reason, returnTo, detail, SecurityLog.correlation(request)));
    }

    /** Goes on through Universal Login for a flow: its start address, which sends the browser on to Auth0. */
    static void toUniversalLogin(String flowId) {
        redirect(UniversalLoginServlet.startPath(flowId));
    }


    /** Redirects to a context-relative path with 303 and ends the Faces lifecycle. */
    static void redirect(String contextRelativePath) {
        String safe = ReturnPaths.safePath(contextRelativePath).orElse("/");
        FacesContext faces = FacesContext.getCurrentInstance();
        ExternalContext external = faces.getExternalContext();
        HttpServletResponse response = (HttpServletResponse) external.getResponse();
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        // Not encodeRedirectURL: a session id must never travel in a URL.
        response.setHeader("Location", external.getRequestContextPath() + safe);
        faces.responseComplete();
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
