package dev.mfastepup.filter;

import jakarta.servlet.SessionTrackingMode;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Recognizes a request whose session id came in its URL ({@code ;jsessionid=}) although the application tracks
 * sessions by cookie only. Payara honours such an id even under {@code <tracking-mode>COOKIE</tracking-mode>}: a
 * signed-in, stepped-up session would then open for anyone holding a link with its id (from a {@code Referer}, a
 * proxy log, a pasted URL). {@link MfaRequestGuard} refuses these requests instead (SEC-09), on every path that
 * {@link MfaStepUpFilter} covers and on the MFA pages.
 *
 * @since 0.1
 */
public final class SessionIdInUrl {

    /** What the refusal says, in words a person can act on. */
    public static final String MESSAGE = "This address carries a session id (;jsessionid=), which this application"
            + " does not accept; open it without that part.";

    private SessionIdInUrl() {
    }

    /**
     * @param request the request.
     * @return {@code true} when its session id came in the URL and the application does not track sessions by
     *         URL.
     */
    public static boolean isRefused(HttpServletRequest request) {
        return request.isRequestedSessionIdFromURL()
                && !request.getServletContext().getEffectiveSessionTrackingModes().contains(SessionTrackingMode.URL);
    }
}
