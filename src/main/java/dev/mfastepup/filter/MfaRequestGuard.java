package dev.mfastepup.filter;

import dev.mfastepup.event.SecurityLog;
import jakarta.inject.Inject;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.logging.Level;

/**
 * Turns away the requests that nothing of the module may serve, before anything reads them.
 *
 * <p>On every path that {@link MfaStepUpFilter} covers, and on the MFA pages, it refuses a request whose session id
 * came in its URL ({@code ;jsessionid=}) although the application tracks sessions by cookie only ({@code 400},
 * SEC-09, see {@link SessionIdInUrl}). {@link MfaStepUpFilter} asks this guard first thing, so the rule comes with
 * the filter's own mapping and the application adds nothing for it; such a refusal is logged as
 * {@code mfa.session_id_in_url}.
 *
 * <p>On the MFA pages it also turns away, before Faces reads anything, the requests that no form of theirs can
 * send:
 * <ul>
 * <li>another method than GET, HEAD and POST ({@code 405});</li>
 * <li>a body larger than any form of these pages ({@code 413});</li>
 * <li>form fields or a view state in the query string ({@code 400}): a code typed by the user never travels in a
 * URL, where logs, proxies and the browser history would keep it, and a GET never changes anything;</li>
 * <li>a post the browser marks as coming from another site ({@code 403});</li>
 * <li>a post whose body is not a URL-encoded form ({@code 415});</li>
 * <li>a query string or a form whose parameters the container cannot decode ({@code 400}): Open Liberty's web
 * container fails every parameter lookup of a request with a broken percent-encoding, where Payara's skips the
 * pair, and Faces would answer with a server error. The parameters are read as UTF-8, the pages' own encoding,
 * unless the request or the application names another: Faces would set the same before reading them, and does not
 * try to once an encoding is set.</li>
 * </ul>
 * It answers {@code 404} for a page of the set the application did not choose ({@link PageSet#refuses(String)}):
 * the Faces pages' sources must not be served as files where Faces does not run them, nor a JSP view without the
 * servlet that prepares it.
 * The answer is a short text that says what was wrong; nothing is read from the session and nothing is sent to
 * Auth0.
 *
 * <p>It is a servlet filter, not a Faces listener, because the Faces servlet never sees some of these requests: the
 * container answers a {@code PATCH} itself, with its own error page that names the server. The jar's
 * {@code ServletContainerInitializer} maps it to {@code /mfa/*}, so it needs no entry in the application's
 * {@code web.xml}; it touches no page outside {@code /mfa/}. The initializer also leaves the pages' security
 * headers under {@link #ATTRIBUTE_PAGE_HEADERS}, and a refusal of a page request carries them.
 *
 * @since 0.1
 */
public class MfaRequestGuard implements Filter {

    // Constants --------------------------------------------------------------------------------------------------

    /** The largest body a form of the MFA pages sends, with room for a large view state: 64 KB. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    /**
     * The application attribute that holds the {@link PageHeaders} of the MFA pages. The Faces part of the module
     * sets it when the application starts, before this guard starts.
     */
    public static final String ATTRIBUTE_PAGE_HEADERS = MfaRequestGuard.class.getName() + ".PAGE_HEADERS";

    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST");
    private static final String FORM = "application/x-www-form-urlencoded";
    /** The id of the one form on every MFA page, the prefix of its fields' names. */
    private static final String FORM_ID = "mfa";

    /** Sets no header: the pages' headers were not provided. */
    private static final PageHeaders NO_PAGE_HEADERS = (request, response) -> { };

    // Properties -------------------------------------------------------------------------------------------------

    private PageHeaders pageHeaders = NO_PAGE_HEADERS;

    /** The chosen set of pages; the container injects it, and a guard made without it takes the Faces pages. */
    @Inject
    PageSet pages;

    // Actions ----------------------------------------------------------------------------------------------------

    /**
     * Takes the pages' security headers from the application attribute {@link #ATTRIBUTE_PAGE_HEADERS}.
     *
     * @param config the guard's configuration.
     */
    @Override
    public void init(FilterConfig config) {
        if (config.getServletContext().getAttribute(ATTRIBUTE_PAGE_HEADERS) instanceof PageHeaders headers) {
            pageHeaders = headers;
        }
    }

    /**
     * Refuses a request to an MFA page that no form of theirs can send, and lets any other through.
     *
     * @param request the request.
     * @param response the response.
     * @param chain the rest of the chain.
     * @throws IOException from the chain, or when the refusal cannot be written.
     * @throws ServletException from the chain.
     */
    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request instanceof HttpServletRequest http && response instanceof HttpServletResponse answer
                && MfaPages.isMfaPagePath(http)) {
            Refusal refusal = (pages == null ? PageSet.FACES : pages).refuses(MfaPages.contextRelativePath(http))
                    ? new Refusal(HttpServletResponse.SC_NOT_FOUND, "There is no such page.") : refusal(http);
            if (refusal != null) {
                refuse(http, answer, refusal);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /**
     * Refuses a request of a path that {@link MfaStepUpFilter} covers when its session id came in its URL, and
     * logs it.
     *
     * @param request the request.
     * @param response the response.
     * @return {@code true} when it refused the request, {@code false} when the request goes on.
     * @throws IOException when the refusal cannot be written.
     */
    static boolean refusedSessionIdInUrl(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (!SessionIdInUrl.isRefused(request)) {
            return false;
        }
        SecurityLog.record(Level.WARNING, "mfa.session_id_in_url", request, null, null);
        StepUpResponder.refuse(response, HttpServletResponse.SC_BAD_REQUEST, SessionIdInUrl.MESSAGE);
        return true;
    }

    /** Sets the MFA pages' security headers on a response; the Faces part of the module provides them. */
    @FunctionalInterface
    public interface PageHeaders {

        /**
         * Sets the headers.
         *
         * @param request the request, for whether it came over HTTPS.
         * @param response the response, not yet committed.
         */
        void apply(HttpServletRequest request, HttpServletResponse response);
    }

    // Helpers ----------------------------------------------------------------------------------------------------

    /** The status and the text of a refusal. */
    record Refusal(int status, String message) {
    }

    /** Returns the refusal of a request no MFA page accepts, or {@code null} for any other. */
    static Refusal refusal(HttpServletRequest request) {
        if (SessionIdInUrl.isRefused(request)) {
            return new Refusal(400, SessionIdInUrl.MESSAGE);
        }
        String method = request.getMethod();
        if (!METHODS.contains(method)) {
            return new Refusal(405, "These pages accept GET and POST only.");
        }
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            return new Refusal(413, "The form sent is larger than these pages accept.");
        }
        if (carriesFormFields(request.getQueryString())) {
            return new Refusal(400, "These pages take codes and form fields in the body of a POST only.");
        }
        if ("POST".equals(method)) {
            if (crossSite(request)) {
                return new Refusal(403, "These pages accept forms from their own pages only.");
            }
            String type = request.getContentType();
            String mediaType = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
            if (!FORM.equals(mediaType)) {
                return new Refusal(415, "These pages accept forms sent by their own buttons only.");
            }
        }
        if (!parametersReadable(request)) {
            return new Refusal(400, "The form or the address sent is not validly URL-encoded.");
        }
        return null;
    }

    /** Tells whether the container can decode the request's parameters, read as the pages' forms are encoded. */
    private static boolean parametersReadable(HttpServletRequest request) {
        try {
            if (request.getCharacterEncoding() == null) {
                request.setCharacterEncoding(StandardCharsets.UTF_8.name());
            }
            request.getParameterMap();
            return true;
        } catch (IllegalArgumentException | UnsupportedEncodingException unreadable) {
            return false;
        }
    }

    /**
     * Tells whether the browser says that a post comes from another site (SEC-14, a second line behind the Faces
     * view state, which is the CSRF token): a {@code Sec-Fetch-Site} other than {@code same-origin}. Browsers set
     * that header themselves, and a page cannot forge it. The {@code Origin} is no help here: the pages' own
     * {@code Referrer-Policy: no-referrer} makes browsers send {@code Origin: null} on their posts, and proxies in
     * front of legacy servers often rewrite the {@code Host} it would be compared with. A request without the
     * header (an older browser, a test client) is left to the view state.
     */
    private static boolean crossSite(HttpServletRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        return site != null && !"same-origin".equalsIgnoreCase(site.strip());
    }

    /**
     * Tells whether a query string names a field of the pages' form ({@code mfa}, {@code mfa:code}, ...) or a
     * Faces parameter such as the view state, which would make Faces take a GET for a form post.
     */
    private static boolean carriesFormFields(String query) {
        if (query == null) {
            return false;
        }
        for (String pair : query.split("&")) {
            String name = pair.split("=", 2)[0];
            try {
                name = URLDecoder.decode(name, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException brokenEncoding) {
                return true;
            }
            if (name.equals(FORM_ID) || name.startsWith(FORM_ID + ":") || name.startsWith("jakarta.faces.")) {
                return true;
            }
        }
        return false;
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, Refusal refusal)
            throws IOException {
        pageHeaders.apply(request, response);
        response.setStatus(refusal.status());
        if (refusal.status() == 413) {
            // The body is not read, so the connection cannot carry another request.
            response.setHeader("Connection", "close");
        }
        if (refusal.status() == 405) {
            response.setHeader("Allow", "GET, HEAD, POST");
        }
        response.setContentType("text/plain;charset=UTF-8");
        byte[] body = refusal.message().getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
