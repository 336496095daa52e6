package dev.mfastepup.client;

import dev.mfastepup.client.model.ErrorResponse;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

/**
 * The one place where an error answer of Auth0 becomes an exception.
 *
 * <p>Every status outside 2xx is an error, 3xx included (redirects are never followed: a token must not be sent
 * to wherever a redirect points). The body is read through {@link GuardedBodyFilter}, so at most
 * {@value GuardedBodyFilter#MAX_BODY_BYTES} bytes and never past the call's deadline. A JSON object body gives
 * Auth0's {@code error} and {@code error_description}; anything else (a gateway's HTML page, an empty body, JSON
 * that is not an object) gives an answer that names only the status, never a parser message.
 */
public final class Auth0ErrorMapper implements ResponseExceptionMapper<RuntimeException> {

    private static final Logger logger = Logger.getLogger(Auth0ErrorMapper.class.getName());

    private static final String LOG_UNREADABLE_BODY = "Auth0 answered HTTP {0} with a body that is not a JSON object";

    private static final Jsonb JSONB = JsonbBuilder.create();

    @Override
    public boolean handles(int status, MultivaluedMap<String, Object> headers) {
        return status < 200 || status >= 300;
    }

    @Override
    public RuntimeException toThrowable(Response response) {
        int status = response.getStatus();
        if (status >= 300 && status < 400) {
            // A redirect is not Auth0's answer: its body is left unread, so that it can never pass for one.
            return new Auth0ErrorAnswer(status, null, null);
        }
        return new Auth0ErrorAnswer(status, readBody(response), retryAfter(response));
    }

    @Override
    public int getPriority() {
        // Before the default mapper, which is switched off anyway (see TenantRestClients).
        return 100;
    }

    private static ErrorResponse readBody(Response response) {
        String body;
        try {
            // An answer without a body reads as no bytes, which parse() takes for no JSON object.
            body = new String(response.readEntity(byte[].class), StandardCharsets.UTF_8);
        } catch (RuntimeException unreadable) {
            // Too large, too slow or cut off: the status alone has to do.
            logger.log(Level.FINE, LOG_UNREADABLE_BODY, response.getStatus());
            return null;
        }
        return parse(body, response.getStatus());
    }

    static ErrorResponse parse(String body, int status) {
        // Anything but a JSON object (an array, a string, an HTML page) fails to bind, or binds to null.
        try {
            return JSONB.fromJson(body, ErrorResponse.class);
        } catch (RuntimeException notJson) {
            logger.log(Level.FINE, LOG_UNREADABLE_BODY, status);
            return null;
        }
    }

    private static Duration retryAfter(Response response) {
        String value = response.getHeaderString(HttpHeaders.RETRY_AFTER);
        if (value == null || !value.strip().matches("[0-9]{1,6}")) {
            return null;
        }
        return Duration.ofSeconds(Long.parseLong(value.strip()));
    }
}
