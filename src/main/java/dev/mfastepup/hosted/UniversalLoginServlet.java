package dev.mfastepup.hosted;

import dev.mfastepup.MfaTokenInvalidException;
import dev.mfastepup.event.SecurityLog;
import dev.mfastepup.filter.MfaPages;
import dev.mfastepup.filter.PageSet;
import dev.mfastepup.filter.ReturnPaths;
import dev.mfastepup.service.HostedOutcome;
import dev.mfastepup.service.UniversalLoginStepUp;
import dev.mfastepup.session.PendingStepUp.ReturnTo;
import dev.mfastepup.telemetry.ModuleTelemetry;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The two addresses of the step-up through Universal Login, below the MFA pages:
 * <ul>
 * <li>{@value #START} {@code ?flow=<id>}, the link the start page offers: sends the browser ({@code 303}) to
 * Auth0's {@code /authorize} for that flow's audience and scope;</li>
 * <li>{@value UniversalLoginStepUp#CALLBACK_PATH}, where Auth0 sends the browser back: on success to the page the
 * step-up was for; otherwise to the MFA error page, which says what happened and how to go on.</li>
 * </ul>
 * Both answer {@code 404} while the road is off ({@value dev.mfastepup.config.UniversalLoginConfig#KEY_ENABLED}).
 * Only GET is served: both are navigations, and neither reads a form. Neither answer is cached, and neither sends
 * a {@code Referer} on: the callback's URL carries Auth0's code, which is also kept out of the server's span of the
 * request (MicroProfile Telemetry records the query). The module's jar registers this servlet itself
 * ({@link dev.mfastepup.faces.MfaPagesInitializer}), and the MFA pages' request guard covers it.
 *
 * @since 0.2
 */
public class UniversalLoginServlet extends HttpServlet {

    /** The URL pattern the servlet is registered with. */
    public static final String PATTERN = "/mfa/universal-login/*";
    /** The start address below the context path. */
    public static final String START = "/mfa/universal-login/start";

    private static final long serialVersionUID = 1L;

    /**
     * The start address of a flow, for a link or a redirect.
     *
     * @param flowId the flow's id.
     * @return {@value #START} with the flow in its query, below the context path.
     */
    public static String startPath(String flowId) {
        return START + "?" + MfaPages.PARAM_FLOW + "=" + URLEncoder.encode(flowId, StandardCharsets.UTF_8);
    }

    @Inject
    transient UniversalLoginStepUp stepUp;

    @Inject
    transient ModuleTelemetry telemetry;

    @Inject
    transient PageSet pages;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Referrer-Policy", "no-referrer");
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        if (!stepUp.enabled()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
        } else if (START.equals(path)) {
            start(request, response);
        } else if (UniversalLoginStepUp.CALLBACK_PATH.equals(path)) {
            callback(request, response);
        } else {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
        }
    }

    private void start(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String flowId = request.getParameter(MfaPages.PARAM_FLOW);
        try {
            redirect(response, stepUp.begin(flowId).toString());
        } catch (MfaTokenInvalidException noSuchFlow) {
            redirect(response, errorUrl(request, MfaPages.REASON_INVALID, null));
        }
    }

    private void callback(HttpServletRequest request, HttpServletResponse response) throws IOException {
        telemetry.redactQuery(request);
        HostedOutcome outcome = stepUp.complete(request.getParameter("code"), request.getParameter("state"),
                request.getParameter("error"));
        ReturnTo returnTo = outcome.returnTo();
        String reason = switch (outcome.kind()) {
            case COMPLETED -> null;
            case INVALID -> MfaPages.REASON_INVALID;
            case NOT_PROVEN -> MfaPages.REASON_NOT_PROVEN;
            case UNAVAILABLE -> MfaPages.REASON_UNAVAILABLE;
            case IDENTITY -> MfaPages.REASON_IDENTITY;
        };
        if (reason == null) {
            String path = returnTo == null ? "/" : ReturnPaths.safePath(returnTo.path()).orElse("/");
            redirect(response, request.getContextPath() + path);
        } else {
            redirect(response, errorUrl(request, reason, returnTo));
        }
    }

    private String errorUrl(HttpServletRequest request, String reason, ReturnTo returnTo) {
        StringBuilder url = new StringBuilder(pages.errorUrl(request.getContextPath(), reason,
                SecurityLog.correlation(request)));
        if (returnTo != null) {
            url.append("&return=").append(URLEncoder.encode(returnTo.path(), StandardCharsets.UTF_8));
        }
        return url.toString();
    }

    /** A {@code 303}: the next request is a GET, whatever this one was. */
    private static void redirect(HttpServletResponse response, String location) {
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", location);
    }
}
