package dev.mfastepup.filter;

import dev.mfastepup.Auth0Error;
import dev.mfastepup.event.SecurityLog;
import dev.mfastepup.token.InsufficientUserAuthenticationException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Writes the filter's answers: "step up first" and "step-up cannot go on", each in the form its caller can act
 * on. No answer carries a token; the only id in them is the opaque flow id. Every answer forbids caching.
 *
 * <p>Bodies are pure ASCII (anything else is escaped), so they come out right whatever encoding the application
 * may already have fixed on the response.
 *
 * @since 0.1
 */
final class StepUpResponder {

    // Constants --------------------------------------------------------------------------------------------------

    static final String HEADER_CACHE_CONTROL = "Cache-Control";
    static final String HEADER_PRAGMA = "Pragma";
    static final String HEADER_LOCATION = "Location";
    static final String HEADER_WWW_AUTHENTICATE = "WWW-Authenticate";
    static final String HEADER_CONTENT_TYPE_OPTIONS = "X-Content-Type-Options";

    static final String CONTENT_TYPE_JSON = "application/json;charset=UTF-8";
    static final String CONTENT_TYPE_XML = "text/xml;charset=UTF-8";
    static final String CONTENT_TYPE_TEXT = "text/plain;charset=UTF-8";

    /** The {@code error} of the JSON answer to an API caller that has to step up. */
    static final String CODE_MFA_REQUIRED = Auth0Error.MFA_REQUIRED.code();
    /** Said to API callers, in the JSON body and the Bearer challenge. */
    static final String DESCRIPTION_MFA_REQUIRED = "Multi-factor authentication is required";

    /** RFC 9470: the access token was not obtained with strong enough authentication. */
    static final String CHALLENGE_MFA_REQUIRED = "Bearer error=\"insufficient_user_authentication\", "
            + "error_description=\"" + DESCRIPTION_MFA_REQUIRED + "\"";

    /** What may go into a quoted header parameter: visible ASCII and spaces, without quotes or backslashes. */
    private static final Pattern QUOTABLE = Pattern.compile("[\\x20\\x21\\x23-\\x5B\\x5D-\\x7E]{1,512}");

    private static final String PARTIAL_RESPONSE_REDIRECT = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<partial-response><redirect url=\"%s\"></redirect></partial-response>";

    // Constructors -----------------------------------------------------------------------------------------------

    private StepUpResponder() {
        // static only
    }

    // Actions ----------------------------------------------------------------------------------------------------

    /**
     * Sends the caller to the start page of a step-up flow: {@code 303} for a page, a {@code partial-response}
     * redirect for Faces ajax, {@code 401} with JSON and an RFC 9470 Bearer challenge for an API caller.
     *
     * @param request the request.
     * @param response the response; not committed.
     * @param pages the pages users are sent to.
     * @param kind who made the request.
     * @param flowId the opaque flow id.
     * @throws IOException when the answer cannot be written.
     */
    static void stepUp(HttpServletRequest request, HttpServletResponse response, PageSet pages, CallerKind kind,
            String flowId) throws IOException {
        String url = pages.startUrl(contextPath(request), flowId);
        reset(response);
        switch (kind) {
            case PAGE -> redirect(response, url);
            case FACES_AJAX -> facesRedirect(response, url);
            case API -> {
                response.setHeader(HEADER_WWW_AUTHENTICATE, CHALLENGE_MFA_REQUIRED);
                write(response, HttpServletResponse.SC_UNAUTHORIZED, CONTENT_TYPE_JSON,
                        "{\"error\":" + json(CODE_MFA_REQUIRED)
                        + ",\"error_description\":" + json(DESCRIPTION_MFA_REQUIRED)
                        + ",\"mfa_url\":" + json(url)
                        + ",\"flow_id\":" + json(flowId) + "}");
            }
        }
    }

    /**
     * Tells the caller why the step-up cannot go on: a page goes ({@code 303}) to the module's error page, which
     * says it in the user's language and answers with the failure's status; Faces ajax gets a
     * {@code partial-response} redirect there; an API caller the failure's status with JSON.
     *
     * @param request the request.
     * @param response the response; not committed.
     * @param pages the pages users are sent to.
     * @param kind who made the request.
     * @param failure what went wrong.
     * @throws IOException when the answer cannot be written.
     */
    static void failure(HttpServletRequest request, HttpServletResponse response, PageSet pages, CallerKind kind,
            Failure failure) throws IOException {
        String contextPath = contextPath(request);
        reset(response);
        if (failure.status == HttpServletResponse.SC_UNAUTHORIZED && kind == CallerKind.API) {
            // A 401 has to name a way to authenticate (RFC 9110, section 15.5.2).
            response.setHeader(HEADER_WWW_AUTHENTICATE, "Bearer error=\"invalid_token\", error_description=\""
                    + failure.description + "\"");
        }
        switch (kind) {
            case PAGE -> redirect(response, pages.errorUrl(contextPath, failure.reason,
                    SecurityLog.correlation(request)));
            case FACES_AJAX -> facesRedirect(response, pages.errorUrl(contextPath, failure.reason,
                    SecurityLog.correlation(request)));
            case API -> write(response, failure.status, CONTENT_TYPE_JSON,
                    "{\"error\":" + json(failure.code) + ",\"error_description\":" + json(failure.description) + "}");
        }
    }

    /**
     * Sends a page or a Faces ajax request away to another site: to Auth0's Universal Login ({@code 303}, or a
     * {@code partial-response} redirect).
     *
     * @param response the response; not committed.
     * @param kind a page or Faces ajax.
     * @param url the absolute URL.
     * @throws IOException when the answer cannot be written.
     */
    static void leave(HttpServletResponse response, CallerKind kind, String url) throws IOException {
        reset(response);
        if (kind == CallerKind.FACES_AJAX) {
            facesRedirect(response, url);
        } else {
            redirect(response, url);
        }
    }

    /**
     * Tells an API caller, with {@code 401} and an RFC 9470 challenge, what authentication its user must give:
     * the {@code acr_values} and {@code max_age} of the demand, in the challenge and in the JSON body. Values that
     * would not fit in a quoted header parameter are left out.
     *
     * @param response the response; not committed.
     * @param demand what is asked for.
     * @throws IOException when the answer cannot be written.
     */
    static void insufficientAuthentication(HttpServletResponse response, InsufficientUserAuthenticationException demand)
            throws IOException {
        reset(response);
        StringBuilder challenge = new StringBuilder(CHALLENGE_MFA_REQUIRED);
        StringBuilder body = new StringBuilder("{\"error\":" + json(InsufficientUserAuthenticationException.CODE)
                + ",\"error_description\":" + json(DESCRIPTION_MFA_REQUIRED));
        demand.acrValues().filter(acr -> QUOTABLE.matcher(acr).matches()).ifPresent(acr -> {
            challenge.append(", acr_values=\"").append(acr).append('"');
            body.append(",\"acr_values\":").append(json(acr));
        });
        demand.maxAge().ifPresent(maxAge -> {
            challenge.append(", max_age=").append(maxAge.toSeconds());
            body.append(",\"max_age\":").append(maxAge.toSeconds());
        });
        response.setHeader(HEADER_WWW_AUTHENTICATE, challenge.toString());
        write(response, HttpServletResponse.SC_UNAUTHORIZED, CONTENT_TYPE_JSON, body.append('}').toString());
    }

    /**
     * Refuses a request before the application sees it, with a short ASCII text that says why; never cached.
     *
     * @param response the response.
     * @param status the status, a 4xx.
     * @param text what the refusal says.
     * @throws IOException when the answer cannot be written.
     */
    static void refuse(HttpServletResponse response, int status, String text) throws IOException {
        reset(response);
        write(response, status, CONTENT_TYPE_TEXT, text);
    }

    // Helpers ----------------------------------------------------------------------------------------------------

    private static String contextPath(HttpServletRequest request) {
        return request.getContextPath();
    }

    /** Drops what the application may have buffered; its headers stay, a new session's cookie among them. */
    private static void reset(HttpServletResponse response) {
        response.resetBuffer();
        response.setHeader(HEADER_CACHE_CONTROL, "no-store");
        response.setHeader(HEADER_PRAGMA, "no-cache");
    }

    private static void redirect(HttpServletResponse response, String url) {
        // Relative, so that the origin is never taken from a Host header; 303 turns a POST into a GET.
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader(HEADER_LOCATION, url);
        response.setContentLength(0);
    }

    private static void facesRedirect(HttpServletResponse response, String url) throws IOException {
        // Faces ajax only acts on a 200 partial-response; it then sets window.location itself.
        write(response, HttpServletResponse.SC_OK, CONTENT_TYPE_XML, String.format(PARTIAL_RESPONSE_REDIRECT,
                xml(url)));
    }

    private static void write(HttpServletResponse response, int status, String contentType, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
        response.setStatus(status);
        response.setContentType(contentType);
        response.setHeader(HEADER_CONTENT_TYPE_OPTIONS, "nosniff");
        response.setContentLength(bytes.length);
        try {
            response.getOutputStream().write(bytes);
        } catch (IllegalStateException writerTaken) {
            // The application already asked for the writer; the body is ASCII, so any encoding will do.
            response.getWriter().write(body);
        }
    }

    /** Escapes for an XML attribute value or text; non-ASCII as character references. */
    static String xml(String value) {
        StringBuilder escaped = new StringBuilder(value.length() + 16);
        value.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> {
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7F) {
                        escaped.append("&#xFFFD;");
                    } else if (c > 0x7E) {
                        escaped.append("&#x").append(Integer.toHexString(c).toUpperCase(Locale.ROOT))
                                .append(';');
                    } else {
                        escaped.appendCodePoint(c);
                    }
                }
            }
        });
        return escaped.toString();
    }

    /** Returns a JSON string literal; non-ASCII, and {@code < > &} for good measure, as {@code \\uXXXX}. */
    static String json(String value) {
        StringBuilder literal = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> literal.append("\\\"");
                case '\\' -> literal.append("\\\\");
                case '\n' -> literal.append("\\n");
                case '\r' -> literal.append("\\r");
                case '\t' -> literal.append("\\t");
                default -> {
                    if (c < 0x20 || c > 0x7E || c == '<' || c == '>' || c == '&') {
                        literal.append(String.format("\\u%04x", (int) c));
                    } else {
                        literal.append(c);
                    }
                }
            }
        }
        return literal.append('"').toString();
    }

    // Nested types -----------------------------------------------------------------------------------------------

    /** Why a step-up cannot go on, with what each kind of caller is told. */
    enum Failure {

        /** Auth0 asked for a second factor again right after one was given. */
        LOOP(HttpServletResponse.SC_BAD_GATEWAY, MfaPages.REASON_LOOP, "step_up_loop",
                "Multi-factor authentication was requested again right after it was completed; try again later"),

        /** Auth0 could not be reached or did not answer usefully. */
        UNAVAILABLE(HttpServletResponse.SC_SERVICE_UNAVAILABLE, MfaPages.REASON_UNAVAILABLE,
                Auth0Error.TEMPORARILY_UNAVAILABLE.code(), "The identity provider is unavailable; try again later"),

        /** The sign-in can no longer get tokens: no refresh token, or a revoked or expired one. */
        SIGN_IN(HttpServletResponse.SC_UNAUTHORIZED, MfaPages.REASON_SIGN_IN, Auth0Error.LOGIN_REQUIRED.code(),
                "The sign-in has expired or was revoked; sign in again"),

        /** A recent or stronger factor was asked for, and the road that could prove it is off. */
        NOT_PROVEN(HttpServletResponse.SC_FORBIDDEN, MfaPages.REASON_NOT_PROVEN,
                InsufficientUserAuthenticationException.CODE,
                "A stronger or more recent authentication is required, and cannot be asked for here");

        final int status;
        final String reason;
        final String code;
        final String description;

        Failure(int status, String reason, String code, String description) {
            this.status = status;
            this.reason = reason;
            this.code = code;
            this.description = description;
        }
    }
}
