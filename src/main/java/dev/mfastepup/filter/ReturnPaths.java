package dev.mfastepup.filter;

import dev.mfastepup.session.PendingStepUp.ReturnTo;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a user returns once a step-up is done, and the one check for every path that will end up in a redirect.
 *
 * <p>The result is always a context-relative path (it starts with exactly one {@code /}), never a URL: the
 * origin is the application's own, so a return path cannot lead anywhere else. Anything that does not pass
 * {@link #safePath(String)} becomes the context root {@value #ROOT}.
 *
 * <ul>
 * <li>A page navigation by {@code GET} or {@code HEAD} returns to the same path and query.</li>
 * <li>Any other method is never replayed, since replaying would carry out a cross-site form post once the victim
 * completes MFA. The user returns to the page they came from, taken from a same-origin {@code Referer} under the
 * context path, and is asked to repeat the action.</li>
 * <li>A fetch, an XHR or a Faces ajax request returns to the page that made it (its {@code Referer}) as well.
 * Its own URL would show the user a JSON or XML body.</li>
 * </ul>
 *
 * <p>The container's {@code ;jsessionid=} and the parameters of an OAuth 2.0 authorization response
 * ({@code code} with {@code state}, which Jakarta Security appends after its login) are never kept.</p>
 *
 * @since 0.1
 */
public final class ReturnPaths {

    // Constants --------------------------------------------------------------------------------------------------

    /** The context root: where a user goes when no safe return path is known. */
    public static final String ROOT = "/";

    /** The longest return path, query included, that is kept. */
    public static final int MAX_LENGTH = 2048;

    private static final String HEADER_REFERER = "Referer";

    /** More layers of percent-encoding than this are no accident; such a path is refused. */
    private static final int MAX_DECODING_ROUNDS = 3;

    /** The container's session id in the URL; it does not belong in the session itself. */
    private static final Pattern SESSION_ID_PARAMETER = Pattern.compile(";jsessionid=[^/;?]*",
            Pattern.CASE_INSENSITIVE);

    // Constructors -----------------------------------------------------------------------------------------------

    private ReturnPaths() {
        // static only
    }

    // Actions ----------------------------------------------------------------------------------------------------

    /**
     * Returns where a page navigation returns to after step-up.
     *
     * @param request the request that needed the step-up.
     * @return the return path; the context root when no safe one is known.
     */
    public static ReturnTo of(HttpServletRequest request) {
        return of(request, CallerKind.PAGE);
    }

    /**
     * Returns where the user returns to after step-up, for a caller of the given kind.
     *
     * @param request the request that needed the step-up.
     * @param kind who made the request.
     * @return for a page {@code GET} or {@code HEAD}, the request's own path and query; otherwise the path of a
     *         same-origin {@code Referer} under the context path, with {@code repeatAction} set when the method was
     *         not {@code GET} or {@code HEAD}; the context root when no safe path is known.
     */
    public static ReturnTo of(HttpServletRequest request, CallerKind kind) {
        boolean safeMethod = isSafeMethod(request.getMethod());
        if (kind == CallerKind.PAGE && safeMethod) {
            return new ReturnTo(requestPath(request).orElse(ROOT), false);
        }
        return new ReturnTo(refererPath(request).orElse(ROOT), !safeMethod);
    }

    /**
     * Checks a context-relative path (with an optional query) that will become a redirect. It passes only when no
     * browser or server can read it as a URL of another origin, before or after percent-decoding or Unicode
     * normalization.
     *
     * <ul>
     * <li>It starts with exactly one {@code /}, is at most {@value #MAX_LENGTH} characters long, and holds only
     * visible ASCII without {@code \ " # < >} (so no scheme, no control character, no CR or LF).</li>
     * <li>Each {@code %} of the path starts a valid escape. The path, decoded (repeatedly, for double encoding)
     * as UTF-8 and NFKC-normalized, still does not start with {@code //} and has no backslash, no control or
     * format character, and no {@code .} or {@code ..} segment.</li>
     * </ul>
     *
     * <p>The query is kept in its encoded form, so an encoded CR or LF in it cannot reach a header.
     *
     * @param path a context-relative path such as {@code /reports?id=7}.
     * @return the path, unchanged, when it is safe; empty otherwise.
     */
    public static Optional<String> safePath(String path) {
        // "//host" and its encoded forms are refused below, once decoded.
        if (path == null || path.isEmpty() || path.length() > MAX_LENGTH || path.charAt(0) != '/') {
            return Optional.empty();
        }
        for (int i = 0; i < path.length(); i++) {
            if (!isAllowed(path.charAt(i))) {
                return Optional.empty();
            }
        }
        int query = path.indexOf('?');
        String pathPart = query == -1 ? path : path.substring(0, query);
        if (!hasValidEscapes(pathPart)) {
            return Optional.empty();
        }
        Optional<String> decoded = decodeFully(pathPart);
        if (decoded.isEmpty() || !isSafeDecoded(Normalizer.normalize(decoded.get(), Normalizer.Form.NFKC))) {
            return Optional.empty();
        }
        return Optional.of(path);
    }

    // Helpers ----------------------------------------------------------------------------------------------------

    /**
     * The context-relative path and query of the request, from the raw request URI: it keeps the user's own
     * encoding, which the container's decoded paths would lose. For a forwarded request, the one the browser made.
     */
    static Optional<String> requestPath(HttpServletRequest request) {
        String uri;
        String contextPath;
        String query;
        if (request.getAttribute(RequestDispatcher.FORWARD_REQUEST_URI) instanceof String forwardedUri) {
            uri = forwardedUri;
            contextPath = (String) request.getAttribute(RequestDispatcher.FORWARD_CONTEXT_PATH);
            query = (String) request.getAttribute(RequestDispatcher.FORWARD_QUERY_STRING);
        } else {
            uri = request.getRequestURI();
            contextPath = request.getContextPath();
            query = request.getQueryString();
        }
        if (uri == null || contextPath == null || !isUnder(uri, contextPath)) {
            return Optional.empty();
        }
        return withQuery(uri.substring(contextPath.length()), query);
    }

    /** The context-relative path and query of a same-origin {@code Referer} under the context path. */
    static Optional<String> refererPath(HttpServletRequest request) {
        String referer = request.getHeader(HEADER_REFERER);
        // A long Referer is refused by safePath's length limit, once its path is taken out.
        if (referer == null) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(referer);
        } catch (URISyntaxException notAUri) {
            return Optional.empty();
        }
        if (!isSameOrigin(uri, request)) {
            return Optional.empty();
        }
        // An absolute, hierarchical URI (isSameOrigin) has a raw path, possibly empty.
        String contextPath = request.getContextPath();
        String path = uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (!isUnder(path, contextPath)) {
            return Optional.empty();
        }
        return withQuery(path.substring(contextPath.length()), uri.getRawQuery());
    }

    /** Whether a raw path is the context path or below it ({@code /apple} is not below {@code /app}). */
    private static boolean isUnder(String path, String contextPath) {
        return path.equals(contextPath) || path.startsWith(contextPath + "/");
    }

    private static Optional<String> withQuery(String path, String rawQuery) {
        String relative = SESSION_ID_PARAMETER.matcher(path.isEmpty() ? ROOT : path).replaceAll("");
        String query = AuthorizationResponseParameters.strip(rawQuery);
        return safePath(query == null || query.isEmpty() ? relative : relative + '?' + query);
    }

    private static boolean isSameOrigin(URI uri, HttpServletRequest request) {
        if (!uri.isAbsolute() || uri.isOpaque() || uri.getHost() == null || uri.getRawUserInfo() != null
                || request.getScheme() == null || request.getServerName() == null) {
            return false;
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        return scheme.equals(request.getScheme().toLowerCase(Locale.ROOT))
                && bare(uri.getHost()).equalsIgnoreCase(bare(request.getServerName()))
                && port(scheme, uri.getPort()) == port(scheme, request.getServerPort());
    }

    private static String bare(String host) {
        // IPv6 literals come with or without brackets, depending on who reports them.
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static int port(String scheme, int port) {
        if (port != -1) {
            return port;
        }
        return "https".equals(scheme) ? 443 : "http".equals(scheme) ? 80 : -1;
    }

    private static boolean isSafeMethod(String method) {
        return "GET".equalsIgnoreCase(method) || "HEAD".equalsIgnoreCase(method);
    }

    /** Visible ASCII, without the characters a browser always escapes, the fragment mark and the backslash. */
    private static boolean isAllowed(char c) {
        return c > 0x20 && c < 0x7F && c != '\\' && c != '"' && c != '#' && c != '<' && c != '>';
    }

    private static boolean hasValidEscapes(String path) {
        for (int i = path.indexOf('%'); i != -1; i = path.indexOf('%', i + 1)) {
            if (i + 2 >= path.length() || !isHex(path.charAt(i + 1)) || !isHex(path.charAt(i + 2))) {
                return false;
            }
        }
        return true;
    }

    private static Optional<String> decodeFully(String path) {
        String current = path;
        for (int round = 0; round <= MAX_DECODING_ROUNDS; round++) {
            Optional<String> decoded = decodeOnce(current);
            if (decoded.isEmpty() || decoded.get().equals(current)) {
                return decoded;
            }
            current = decoded.get();
        }
        return Optional.empty();
    }

    /** Decodes every valid {@code %XX}; the bytes must form UTF-8 (an overlong {@code /} does not). */
    private static Optional<String> decodeOnce(String value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.length());
        int text = 0;
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) == '%' && i + 2 < value.length() && isHex(value.charAt(i + 1))
                    && isHex(value.charAt(i + 2))) {
                // Text between escapes is encoded in runs, so that surrogate pairs stay whole.
                bytes.writeBytes(value.substring(text, i).getBytes(StandardCharsets.UTF_8));
                bytes.write(Character.digit(value.charAt(i + 1), 16) << 4 | Character.digit(value.charAt(i + 2), 16));
                i += 2;
                text = i + 1;
            }
        }
        bytes.writeBytes(value.substring(text).getBytes(StandardCharsets.UTF_8));
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString());
        } catch (CharacterCodingException notUtf8) {
            return Optional.empty();
        }
    }

    private static boolean isSafeDecoded(String decoded) {
        if (decoded.isEmpty() || decoded.charAt(0) != '/' || decoded.startsWith("//") || decoded.contains("\\")) {
            return false;
        }
        // The decoder refuses lone surrogates, so code points are whole characters here.
        if (decoded.codePoints().anyMatch(ReturnPaths::isInvisible)) {
            return false;
        }
        for (String segment : decoded.split("/", -1)) {
            // Some servers read "..;x" as "..": the path parameter does not count.
            String name = segment.split(";", 2)[0];
            if (name.equals(".") || name.equals("..")) {
                return false;
            }
        }
        return true;
    }

    private static boolean isInvisible(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }

    private static boolean isHex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }
}
