package dev.mfastepup.filter;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.when;

import dev.mfastepup.TestRequests;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds a {@link TestRequests} request with a method, a raw URI, a query and headers, as a browser on
 * {@code https://app.example.com} would send it. Request attributes are backed by a real map.
 */
final class WebRequests {

    static final String SCHEME = "https";
    static final String HOST = "app.example.com";
    static final int PORT = 443;

    private final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private String method = "GET";
    private String contextPath = "/app";
    private String rawPath = "/";
    private String servletPath;
    private String query;
    private boolean session = true;

    private WebRequests() {
    }

    /** @return a GET of the context root of {@code /app}. */
    static WebRequests get() {
        return new WebRequests();
    }

    /**
     * @param path the context-relative raw path.
     * @return a GET of the path under {@code /app}.
     */
    static WebRequests get(String path) {
        return new WebRequests().path(path);
    }

    /**
     * @param path the context-relative raw path.
     * @return a POST to the path under {@code /app}.
     */
    static WebRequests post(String path) {
        return new WebRequests().method("POST").path(path);
    }

    WebRequests method(String value) {
        method = value;
        return this;
    }

    /** The raw context-relative path; the servlet path is the same unless set. */
    WebRequests path(String value) {
        rawPath = value;
        return this;
    }

    /** The decoded path the container dispatches on, when it differs from the raw path. */
    WebRequests servletPath(String value) {
        servletPath = value;
        return this;
    }

    WebRequests contextPath(String value) {
        contextPath = value;
        return this;
    }

    WebRequests query(String value) {
        query = value;
        return this;
    }

    WebRequests header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    WebRequests referer(String value) {
        return header("Referer", value);
    }

    WebRequests withoutSession() {
        session = false;
        return this;
    }

    TestRequests build() {
        TestRequests web = session ? TestRequests.withSession() : TestRequests.withoutSession();
        HttpServletRequest request = web.request();
        Map<String, Object> attributes = new ConcurrentHashMap<>();
        when(request.getMethod()).thenReturn(method);
        when(request.getContextPath()).thenReturn(contextPath);
        when(request.getRequestURI()).thenReturn(contextPath + rawPath);
        when(request.getServletPath()).thenReturn(servletPath != null ? servletPath : rawPath);
        when(request.getPathInfo()).thenReturn(null);
        when(request.getQueryString()).thenReturn(query);
        when(request.getScheme()).thenReturn(SCHEME);
        when(request.getServerName()).thenReturn(HOST);
        when(request.getServerPort()).thenReturn(PORT);
        when(request.getHeader(anyString())).thenAnswer(i -> headers.get(i.<String>getArgument(0)));
        when(request.getAttribute(anyString())).thenAnswer(i -> attributes.get(i.<String>getArgument(0)));
        doAnswer(i -> {
            if (i.getArgument(1) == null) {
                attributes.remove(i.<String>getArgument(0));
            } else {
                attributes.put(i.getArgument(0), i.getArgument(1));
            }
            return null;
        }).when(request).setAttribute(anyString(), any());
        return web;
    }

    HttpServletRequest request() {
        return build().request();
    }
}
