package dev.mfastepup.client;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends every request of the Rest Client itself, on Java's {@link HttpClient}, and hands Auth0's answer back
 * through {@link ClientRequestContext#abortWith(Response)}: the Rest Client implementation (Jersey on Payara,
 * RESTEasy on WildFly and Open Liberty) still maps the interface, the JSON-B types, the filters and the error
 * mapper, but never opens a connection of its own. That makes three properties the same on every server:
 *
 * <ul>
 *   <li><b>No request is ever sent twice.</b> {@code HttpURLConnection}, under Jersey's default connector, sends a
 *       buffered POST again when a kept-alive connection drops after the request went out, and a second MFA grant
 *       would use up the user's code. Java's {@code HttpClient} retries only GET and HEAD, unless the JVM is started
 *       with {@code -Djdk.httpclient.enableAllMethodRetry}, which this transport refuses.</li>
 *   <li><b>Every answer's body is read</b>, whatever the method and status: {@code HttpURLConnection} drops the body
 *       of a 401 to a streamed POST, and {@code expired_token} would read as a bare 401.</li>
 *   <li><b>One bound in time and size</b>: the call deadline covers the whole exchange, from sending to the last
 *       byte; a body over {@link GuardedBodyFilter#MAX_BODY_BYTES} is cut off and the connection closed.</li>
 * </ul>
 *
 * <p>Bodies are sent with a known length (no chunking) over HTTP/1.1 with keep-alive; redirects are never followed.
 * It is registered last among the request filters, so that it sends what the others put on the request.
 */
final class SendOnceTransport implements ClientRequestFilter {

    /** Runs after every other request filter: it is the one that sends. */
    static final int PRIORITY = Integer.MAX_VALUE;

    static final String RETRY_ALL_METHODS = "jdk.httpclient.enableAllMethodRetry";

    /** Headers Java's HttpClient sets itself and refuses from callers, or that describe a body it frames itself. */
    private static final Set<String> NOT_COPIED = Set.of("connection", "content-length", "expect", "host", "upgrade",
            "transfer-encoding", "keep-alive", "content-type");

    private static final Jsonb JSONB = JsonbBuilder.create();

    private final HttpClient http;
    private final Duration answerTimeout;
    private final Duration callDeadline;

    /**
     * Creates the transport.
     *
     * @param connectTimeout how long opening a connection may take.
     * @param readTimeout how long the answer may take to begin, once the request is sent.
     * @param callDeadline how long one exchange may take in all.
     * @throws IllegalStateException when the JVM lets Java's HttpClient send a POST again.
     */
    SendOnceTransport(Duration connectTimeout, Duration readTimeout, Duration callDeadline) {
        if (Boolean.getBoolean(RETRY_ALL_METHODS)) {
            throw new IllegalStateException("The JVM runs with -D" + RETRY_ALL_METHODS + "=true, which makes Java's"
                    + " HttpClient send a POST again after a dropped connection; an MFA grant sent twice uses up the"
                    + " user's code. Remove that system property to use mfa-stepup.");
        }
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout)
                .build();
        this.answerTimeout = readTimeout.compareTo(callDeadline) < 0 ? readTimeout : callDeadline;
        this.callDeadline = callDeadline;
    }

    @Override
    public void filter(ClientRequestContext request) throws IOException {
        HttpRequest.Builder out = HttpRequest.newBuilder(request.getUri()).timeout(answerTimeout);
        request.getStringHeaders().forEach((name, values) -> {
            if (!NOT_COPIED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> out.header(name, value));
            }
        });
        if (request.hasEntity()) {
            out.header(HttpHeaders.CONTENT_TYPE, request.getMediaType().toString());
            out.method(request.getMethod(), HttpRequest.BodyPublishers.ofByteArray(body(request.getEntity())));
        } else {
            out.method(request.getMethod(), HttpRequest.BodyPublishers.noBody());
        }
        request.abortWith(toResponse(exchange(out.build())));
    }

    /** Sends the request once and waits for the whole answer, within the call deadline. */
    private HttpResponse<byte[]> exchange(HttpRequest request) throws IOException {
        CompletableFuture<HttpResponse<byte[]>> answer = http.sendAsync(request,
                info -> new CappedBodySubscriber(GuardedBodyFilter.MAX_BODY_BYTES, info.statusCode()));
        try {
            return answer.get(callDeadline.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException late) {
            answer.cancel(true); // closes the connection: the rest of a late answer is never read
            throw new HttpTimeoutException("Auth0's answer did not arrive within the call deadline");
        } catch (InterruptedException interrupted) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for Auth0's answer");
        } catch (ExecutionException failed) {
            Throwable cause = failed.getCause();
            if (cause instanceof ConnectException && cause.getCause() instanceof UnresolvedAddressException) {
                // Said as the rest of Java says it, so that an unknown host reads as one, not as a refusal.
                UnknownHostException unknown = new UnknownHostException(request.uri().getHost());
                unknown.initCause(cause);
                throw unknown;
            }
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException(cause);
        }
    }

    /**
     * The answer as the Rest Client reads it. Java's HttpClient may hand header names over in lower case, as
     * HTTP/2 writes them, and not every Rest Client looks headers up without regard to case (Payara's Jersey took
     * a JSON answer for {@code application/octet-stream}): the media type is set as such, and every other header
     * under its usual spelling ({@code Retry-After}).
     */
    private static Response toResponse(HttpResponse<byte[]> answer) {
        Response.ResponseBuilder response = Response.status(answer.statusCode());
        answer.headers().firstValue(HttpHeaders.CONTENT_TYPE).ifPresent(response::type);
        for (Map.Entry<String, List<String>> header : answer.headers().map().entrySet()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!name.startsWith(":") && !NOT_COPIED.contains(name)) {
                header.getValue().forEach(value -> response.header(usualSpelling(name), value));
            }
        }
        byte[] body = answer.body();
        if (body.length > 0) {
            response.entity(body);
        }
        return response.build();
    }

    /** A header name as HTTP/1.1 usually spells it: {@code retry-after} becomes {@code Retry-After}. */
    static String usualSpelling(String lowerCaseName) {
        StringBuilder spelled = new StringBuilder(lowerCaseName.length());
        boolean startOfWord = true;
        for (char c : lowerCaseName.toCharArray()) {
            spelled.append(startOfWord ? Character.toUpperCase(c) : c);
            startOfWord = c == '-';
        }
        return spelled.toString();
    }

    /** The request body: a form URL-encoded, a string as UTF-8, anything else as JSON. */
    private static byte[] body(Object entity) {
        if (entity instanceof Form form) {
            StringJoiner encoded = new StringJoiner("&");
            form.asMap().forEach((name, values) -> values.forEach(value -> encoded.add(
                    URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                            + URLEncoder.encode(value, StandardCharsets.UTF_8))));
            return encoded.toString().getBytes(StandardCharsets.UTF_8);
        }
        if (entity instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        return JSONB.toJson(entity).getBytes(StandardCharsets.UTF_8);
    }
}
