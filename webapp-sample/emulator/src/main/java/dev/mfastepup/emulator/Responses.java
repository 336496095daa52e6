package dev.mfastepup.emulator;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Common answer shapes.
 */
final class Responses {

    private Responses() {
    }

    /** A JSON answer that no cache may keep, as Auth0 marks token answers. */
    static Response json(Object body) {
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).header("Cache-Control", "no-store")
                .header("Pragma", "no-cache").build();
    }

    /** An HTML page. */
    static Response html(int status, String page) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(page)
                .header("Cache-Control", "no-store").build();
    }

    /**
     * Adds query parameters to a URL. By hand rather than with {@code UriBuilder}, which would read braces in a
     * client's {@code state} as template variables.
     */
    static java.net.URI withQuery(String base, String... pairs) {
        StringBuilder out = new StringBuilder(base);
        char separator = base.contains("?") ? '&' : '?';
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] == null) {
                continue;
            }
            out.append(separator).append(pairs[i]).append('=')
                    .append(java.net.URLEncoder.encode(pairs[i + 1], java.nio.charset.StandardCharsets.UTF_8));
            separator = '&';
        }
        return java.net.URI.create(out.toString());
    }

    /** Reads a bearer token, or throws Auth0's 401. */
    static String bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                || authorization.substring(7).isBlank()) {
            throw new OAuthError(401, "invalid_token", "Invalid MFA token");
        }
        return authorization.substring(7).trim();
    }
}
