package dev.mfastepup.filter;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Where the bundled MFA pages live and the parameters they take; {@link PageSet} makes the URLs of the chosen set.
 * The filter sends users there; the pages use the same constants to read their parameters.
 *
 * <p>Only an opaque flow id ever appears in these URLs, never a token.
 *
 * @since 0.1
 */
public final class MfaPages {

    // Constants --------------------------------------------------------------------------------------------------

    /** The context-relative folder of the MFA pages; every request under it is one of theirs. */
    public static final String PATH = "/mfa/";

    /** The request parameter that carries the flow id to every page of a flow. */
    public static final String PARAM_FLOW = "flow";

    /** The Faces resource library of the pages' style sheet and script. */
    public static final String RESOURCE_LIBRARY = "mfa";

    private static final String FACES_RESOURCES = "/jakarta.faces.resource/";

    /**
     * The request parameter that carries the reason to the error page; one of {@value #REASON_LOOP},
     * {@value #REASON_UNAVAILABLE}, {@value #REASON_SIGN_IN} and the other {@code REASON_*} constants.
     */
    public static final String PARAM_REASON = "reason";

    /**
     * The error page's parameter with the failing request's correlation id ({@code c-} and 12 hex digits), which
     * the page shows so that a user can quote it and an operator find the request's lines in the security log.
     */
    public static final String PARAM_REFERENCE = "ref";

    /** Auth0 asked for a second factor again right after the user gave one; the filter stopped the loop. */
    public static final String REASON_LOOP = "loop";

    /** Auth0 could not be reached or did not answer usefully; trying again later may work. */
    public static final String REASON_UNAVAILABLE = "unavailable";

    /** The user's sign-in can no longer get tokens (no or a revoked refresh token); they have to sign in again. */
    public static final String REASON_SIGN_IN = "signin";

    /** The answer of a step-up matched no request of this session (used, expired, another session's). */
    public static final String REASON_INVALID = "invalid";

    /** The token named another user or was not the tenant's; the session was ended. */
    public static final String REASON_IDENTITY = "identity";

    /** Universal Login answered without proving a recent second factor; nothing changed. */
    public static final String REASON_NOT_PROVEN = "not-proven";

    // Constructors -----------------------------------------------------------------------------------------------

    private MfaPages() {
        // constants and static helpers only
    }

    // Actions ----------------------------------------------------------------------------------------------------

    /**
     * Tells whether a request is for one of the MFA pages (or a file beside them, or the style sheet or script Faces
     * serves for them), judged by the path the container dispatches on: decoded and normalized, so that
     * {@code /mfa/../reports} is not taken for an MFA page.
     *
     * @param request the request.
     * @return {@code true} when its context-relative path starts with {@value #PATH}, or it is a Faces resource of
     *         the library {@value #RESOURCE_LIBRARY}.
     */
    public static boolean isMfaPage(HttpServletRequest request) {
        String path = contextRelativePath(request);
        // The pages' style sheet and script must not need a token: a declarative mapping to /* would otherwise
        // send the request for mfa.css itself to the MFA pages.
        return path.startsWith(PATH) || path.startsWith(FACES_RESOURCES)
                && RESOURCE_LIBRARY.equals(request.getParameter("ln"));
    }

    /**
     * Tells whether a request is for one of the MFA pages themselves, under {@value #PATH}, judged like
     * {@link #isMfaPage(HttpServletRequest)} but without the Faces resources and without reading a parameter.
     *
     * @param request the request.
     * @return {@code true} when its context-relative path starts with {@value #PATH}.
     */
    public static boolean isMfaPagePath(HttpServletRequest request) {
        return contextRelativePath(request).startsWith(PATH);
    }

    // Helpers ----------------------------------------------------------------------------------------------------

    /**
     * Returns the decoded, normalized, context-relative path the container matched the request on (servlet path
     * plus path info): the one that says which resource runs, unlike the raw request URI.
     */
    static String contextRelativePath(HttpServletRequest request) {
        String servletPath = request.getServletPath();
        String pathInfo = request.getPathInfo();
        // The servlet path is never null ("" for a "/*" mapping); the path info is null when there is none.
        return servletPath + (pathInfo == null ? "" : pathInfo);
    }
}
