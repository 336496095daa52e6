package dev.mfastepup.filter;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;

/**
 * Who made a request, as far as the answer to a step-up is concerned: a browser that can follow a redirect to a
 * page, the Faces ajax script that needs a {@code partial-response}, or a script or client that needs a status
 * code and JSON.
 *
 * @since 0.1
 */
public enum CallerKind {

    /** A page navigation: it receives {@code 303 See Other} to the MFA pages. */
    PAGE,

    /** A Faces ajax request ({@code Faces-Request: partial/ajax}): it receives a {@code partial-response} redirect. */
    FACES_AJAX,

    /** A fetch, an XHR or an API client: it receives {@code 401} with a JSON body and a Bearer challenge. */
    API;

    // Constants --------------------------------------------------------------------------------------------------

    private static final String HEADER_FACES_REQUEST = "Faces-Request";
    private static final String HEADER_REQUESTED_WITH = "X-Requested-With";
    private static final String HEADER_FETCH_DEST = "Sec-Fetch-Dest";
    private static final String HEADER_ACCEPT = "Accept";
    private static final String FACES_AJAX_REQUEST = "partial/ajax";
    private static final String XML_HTTP_REQUEST = "XMLHttpRequest";
    private static final String FETCH_DEST_EMPTY = "empty";
    private static final String FETCH_DEST_DOCUMENT = "document";
    private static final String MEDIA_TYPE_JSON = "application/json";
    private static final String MEDIA_TYPE_HTML = "text/html";

    // Actions ----------------------------------------------------------------------------------------------------

    /**
     * Tells who made a request, in this order:
     * <ol>
     * <li>{@link #FACES_AJAX} for the header {@code Faces-Request: partial/ajax} (Faces ajax is an XHR too, so this
     * comes first);</li>
     * <li>{@link #API} for {@code X-Requested-With: XMLHttpRequest}, for {@code Sec-Fetch-Dest: empty} (what
     * browsers send for fetch and XHR), for an {@code Accept} header that names {@code application/json} and not
     * {@code text/html}, or for a context-relative path under one of the API prefixes;</li>
     * <li>{@link #PAGE} otherwise.</li>
     * </ol>
     *
     * @param request the request.
     * @param apiPathPrefixes context-relative path prefixes of API resources, such as {@code /api/}. A prefix
     *        matches whole segments: {@code /api} matches {@code /api} and {@code /api/x}, not {@code /apiary}.
     * @return the kind of caller.
     */
    public static CallerKind of(HttpServletRequest request, List<String> apiPathPrefixes) {
        if (FACES_AJAX_REQUEST.equalsIgnoreCase(trim(request.getHeader(HEADER_FACES_REQUEST)))) {
            return FACES_AJAX;
        }
        if (XML_HTTP_REQUEST.equalsIgnoreCase(trim(request.getHeader(HEADER_REQUESTED_WITH)))
                || FETCH_DEST_EMPTY.equalsIgnoreCase(trim(request.getHeader(HEADER_FETCH_DEST)))
                || acceptsJsonNotHtml(request.getHeader(HEADER_ACCEPT))
                || isUnder(MfaPages.contextRelativePath(request), apiPathPrefixes)) {
            return API;
        }
        return PAGE;
    }

    /**
     * Tells whether a page request is the browser loading a document (a navigation, in this tab or another), not
     * an image, a script or a style sheet that a page asked for: {@code Sec-Fetch-Dest: document}, or, from a
     * browser without Fetch Metadata, an {@code Accept} header that names {@code text/html}.
     *
     * @param request the request.
     * @return {@code true} for a document.
     */
    static boolean isDocument(HttpServletRequest request) {
        String fetchDest = request.getHeader(HEADER_FETCH_DEST);
        if (fetchDest != null) {
            return FETCH_DEST_DOCUMENT.equalsIgnoreCase(fetchDest.strip());
        }
        // Browsers without Fetch Metadata: only a navigation asks for HTML (images, scripts, styles do not).
        String accept = request.getHeader(HEADER_ACCEPT);
        return accept != null && accept.toLowerCase(Locale.ROOT).contains(MEDIA_TYPE_HTML);
    }

    // Helpers ----------------------------------------------------------------------------------------------------

    private static boolean acceptsJsonNotHtml(String accept) {
        if (accept == null) {
            return false;
        }
        boolean json = false;
        for (String range : accept.split(",")) {
            String mediaType = trim(range.split(";", 2)[0]).toLowerCase(Locale.ROOT);
            if (mediaType.equals(MEDIA_TYPE_HTML)) {
                return false;
            }
            json |= mediaType.equals(MEDIA_TYPE_JSON);
        }
        return json;
    }

    private static boolean isUnder(String path, List<String> prefixes) {
        for (String prefix : prefixes) {
            if (path.startsWith(prefix) && (prefix.endsWith("/") || path.length() == prefix.length()
                    || path.charAt(prefix.length()) == '/')) {
                return true;
            }
        }
        return false;
    }

    private static String trim(String value) {
        return value == null ? "" : value.strip();
    }
}
