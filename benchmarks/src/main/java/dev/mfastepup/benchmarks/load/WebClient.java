package dev.mfastepup.benchmarks.load;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * What a browser does for one virtual user, without the browser: its own cookies, redirects followed by hand (so
 * that each hop can be checked), forms posted URL-encoded. Not thread-safe: one per virtual user. Every instance
 * shares one {@link HttpClient}, so that connections are pooled as a load generator should.
 */
final class WebClient {

    private static final int MAX_REDIRECTS = 10;

    private final HttpClient http;
    private final Duration timeout;
    /** Cookies by "host:port", then by name; paths and expiry dates are not needed by these two servers. */
    private final Map<String, Map<String, String>> cookies = new HashMap<>();

    WebClient(HttpClient http, Duration timeout) {
        this.http = http;
        this.timeout = timeout;
    }

    /** A page at the end of its redirects. */
    record Page(int status, URI uri, String body, List<URI> redirects) {
    }

    /** Thrown when an answer is not what a browser would go on with; the message names the step, never a value. */
    static final class UnexpectedAnswer extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnexpectedAnswer(String message) {
            super(message, null, false, false);
        }
    }

    Page get(URI uri) throws IOException, InterruptedException {
        return follow(HttpRequest.newBuilder(uri).GET(), uri);
    }

    Page post(URI uri, Map<String, String> form) throws IOException, InterruptedException {
        StringJoiner body = new StringJoiner("&");
        form.forEach((name, value) -> body.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return follow(HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())), uri);
    }

    private Page follow(HttpRequest.Builder first, URI firstUri) throws IOException, InterruptedException {
        HttpRequest.Builder builder = first;
        URI uri = firstUri;
        List<URI> redirects = new java.util.ArrayList<>();
        for (int hop = 0; ; hop++) {
            HttpResponse<String> response = send(builder, uri);
            int status = response.statusCode();
            if (status < 300 || status >= 400 || status == 304) {
                return new Page(status, uri, response.body(), redirects);
            }
            if (hop == MAX_REDIRECTS) {
                throw new UnexpectedAnswer("more than " + MAX_REDIRECTS + " redirects");
            }
            String location = response.headers().firstValue("Location")
                    .orElseThrow(() -> new UnexpectedAnswer("a redirect without Location"));
            uri = uri.resolve(location);
            redirects.add(uri);
            builder = HttpRequest.newBuilder(uri).GET();
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder builder, URI uri) throws IOException, InterruptedException {
        Map<String, String> jar = cookies.computeIfAbsent(origin(uri), k -> new HashMap<>());
        if (!jar.isEmpty()) {
            StringJoiner header = new StringJoiner("; ");
            jar.forEach((name, value) -> header.add(name + "=" + value));
            builder.header("Cookie", header.toString());
        }
        HttpResponse<String> response = http.send(builder.timeout(timeout).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        for (String setCookie : response.headers().allValues("Set-Cookie")) {
            keep(jar, setCookie);
        }
        return response;
    }

    /** @return the value of a cookie this user holds for the origin of the URI, or {@code null}. */
    String cookie(URI uri, String name) {
        return cookies.getOrDefault(origin(uri), Map.of()).get(name);
    }

    private static void keep(Map<String, String> jar, String setCookie) {
        String[] parts = setCookie.split(";");
        int equals = parts[0].indexOf('=');
        if (equals <= 0) {
            return;
        }
        String name = parts[0].substring(0, equals).trim();
        String value = parts[0].substring(equals + 1).trim();
        boolean removed = value.isEmpty();
        for (int i = 1; i < parts.length; i++) {
            String attribute = parts[i].trim().toLowerCase(Locale.ROOT);
            if (attribute.equals("max-age=0") || attribute.startsWith("expires=thu, 01 jan 1970")) {
                removed = true;
            }
        }
        if (removed) {
            jar.remove(name);
        } else {
            jar.put(name, value);
        }
    }

    private static String origin(URI uri) {
        return uri.getHost() + ":" + uri.getPort();
    }
}
