package dev.mfastepup.it;

import dev.mfastepup.filter.PageSet;
import dev.mfastepup.testing.Canaries;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One user's browser against the test servlet: it keeps the session cookie between calls. The session ids it
 * receives and the codes it sends are recorded as canaries ({@link Canaries}).
 */
final class Browser {

    private static final String SESSION_COOKIE = "JSESSIONID";
    private static final Pattern FLOW_IN_LOCATION = Pattern.compile("/mfa/(?:index\\.xhtml|start)\\?flow=([A-Za-z0-9_-]{22})");

    private final URL base;
    private final BrowserCookies cookies;
    private final HttpClient http;
    private final List<HttpResponse<String>> received;
    private PageSet pages = PageSet.FACES;

    Browser(URL base) {
        this(base, (javax.net.ssl.SSLContext) null);
    }

    /**
     * Makes the first call to Auth0 of a fresh deployment, as a user of its own, and does not check its answer:
     * that call builds the REST client and loads its classes, which on a busy machine can take longer than the
     * deadline of a call to Auth0.
     *
     * @param browser a browser of the application, not signed in yet.
     */
    static void warmUp(Browser browser) {
        browser.call("login", "sub", "auth0|warm-up", "rt", "RT-WARM-UP");
        browser.call("token", "audience", "https://warm-up.example.com");
    }

    /**
     * Like {@link #warmUp(Browser)}, and then asks for a token again (five times at most) until the application
     * answers {@code 401} because the stub asks for a step-up: for tests whose stub is stubbed by now and whose
     * deadline is short.
     *
     * @param browser a browser of the application, not signed in yet.
     */
    static void warmUpUntilTheStubAsksForAStepUp(Browser browser) {
        warmUp(browser);
        boolean reached = false;
        for (int i = 0; i < 5 && !reached; i++) {
            reached = browser.call("token", "audience", "https://reports.example.com").status() == 401;
        }
        if (!reached) {
            throw new AssertionError("the application does not reach the Auth0 stub");
        }
    }

    /**
     * A browser for an {@code https} base URL, trusting what the given TLS context trusts.
     *
     * @param base the application's base URL.
     * @param tls the TLS context, or {@code null} for the JDK's default.
     */
    Browser(URL base, javax.net.ssl.SSLContext tls) {
        this.base = base;
        this.cookies = new BrowserCookies();
        // HTTP/1.1 as browsers speak it over plain http: no browser upgrades to cleartext HTTP/2 (h2c), and Payara
        // Micro's h2c refuses some header values with RST_STREAM and answers later streams 431.
        HttpClient.Builder builder = HttpClient.newBuilder();
        if (tls != null) {
            builder.sslContext(tls);
        }
        this.http = builder
                .version(HttpClient.Version.HTTP_1_1)
                .cookieHandler(cookies)
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.received = Collections.synchronizedList(new ArrayList<>());
    }

    private Browser(URL base, Browser same) {
        this.base = base;
        this.cookies = same.cookies;
        this.http = same.http;
        this.received = same.received;
        this.pages = same.pages;
    }

    /**
     * Uses the addresses of a set of pages in {@link #codePage}; the Faces pages otherwise.
     *
     * @param set the set the application chose.
     * @return this browser.
     */
    Browser on(PageSet set) {
        this.pages = set;
        return this;
    }

    /**
     * Returns the address of a page of the set below the application, such as {@code mfa/code.xhtml}.
     *
     * @param name the page, as the Faces pages name their files ({@code index} is the start page of either set).
     * @return the path, without a leading slash.
     */
    String page(String name) {
        return pages.page(name).substring(1);
    }

    /**
     * The same browser, with the same cookies, at another server of a cluster: as a load balancer without sticky
     * sessions would send the next request there. (Cookies do not depend on the port.)
     *
     * @param otherBase the application's base URL on the other server.
     * @return the browser there.
     */
    Browser at(URL otherBase) {
        return new Browser(otherBase, this);
    }

    /**
     * Calls a path of the test servlet.
     *
     * @param path such as {@code token}.
     * @param parameters names and values, alternating; they are URL-encoded here.
     * @return the answer.
     */
    Answer call(String path, String... parameters) {
        StringBuilder query = new StringBuilder();
        for (int i = 0; i + 1 < parameters.length; i += 2) {
            if (parameters[i].toLowerCase(Locale.ROOT).contains("code")) {
                Canaries.typed(parameters[i + 1]);
            }
            query.append(query.length() == 0 ? "?" : "&")
                    .append(URLEncoder.encode(parameters[i], StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(parameters[i + 1], StandardCharsets.UTF_8));
        }
        URI uri = URI.create(base.toExternalForm() + path + query);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build();
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            received.add(response);
            recordSessionIds();
            return new Answer(response.statusCode(), response.body(),
                    Duration.ofNanos(System.nanoTime() - started));
        } catch (IOException e) {
            throw new AssertionError("GET " + uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * Sends any request, with the session cookie, following no redirect.
     *
     * @param path the path below the application, with its query.
     * @param request the request, without its URI.
     * @return the response.
     */
    HttpResponse<String> exchange(String path, HttpRequest.Builder request) {
        URI uri = URI.create(base.toExternalForm() + path);
        try {
            HttpResponse<String> response = http.send(request.uri(uri).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            received.add(response);
            recordSessionIds();
            return response;
        } catch (IOException e) {
            throw new AssertionError(uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * Opens a page that must answer 200 and reads its form {@code mfa}.
     *
     * @param path the path below the application, with its query.
     * @return the form.
     */
    FacesForm form(String path) {
        HttpResponse<String> page = exchange(path, HttpRequest.newBuilder().GET());
        if (page.statusCode() != 200) {
            throw new AssertionError(path + " answered " + page.statusCode() + ": " + page.body());
        }
        return FacesForm.of(page.body());
    }

    /**
     * Posts a form to its action, as the browser does when one of its buttons is pressed.
     *
     * @param form the form.
     * @param body the URL-encoded body, from {@link FacesForm#body(String...)}.
     * @param headers more headers: names and values, alternating.
     * @return the response.
     */
    HttpResponse<String> submit(FacesForm form, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder()
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return exchange(form.action().substring(base.getPath().length()), request);
    }

    /**
     * Opens a page that needs a step-up, as a browser navigates, and reads the flow id of the MFA page it is sent
     * to; fails when it is sent anywhere else.
     *
     * @param path the path below the application, with its query.
     * @return the flow id.
     */
    String startFlow(String path) {
        HttpResponse<String> answer = exchange(path, HttpRequest.newBuilder().header("Accept", "text/html").GET());
        Matcher flow = FLOW_IN_LOCATION.matcher(answer.headers().firstValue("Location").orElse(""));
        if (!flow.find()) {
            throw new AssertionError(path + " answered " + answer.statusCode() + " " + answer.headers().map());
        }
        return flow.group(1);
    }

    /**
     * Chooses an authenticator on the start page of a flow, then opens the code page.
     *
     * @param flow the flow id.
     * @param authenticatorId the authenticator to choose.
     * @return the code page's form.
     */
    FacesForm codePage(String flow, String authenticatorId) {
        FacesForm start = form(page("index") + "?flow=" + flow);
        HttpResponse<String> chosen = submit(start, start.body("mfa:authenticator", authenticatorId,
                "mfa:continue", "x"));
        if (chosen.statusCode() != 303) {
            throw new AssertionError("choosing " + authenticatorId + " answered " + chosen.statusCode() + ": "
                    + chosen.body());
        }
        return form(page("code") + "?flow=" + flow);
    }

    /**
     * Returns every response this browser received so far, in order: what a network capture would show.
     *
     * @return a copy of the list.
     */
    List<HttpResponse<String>> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /**
     * Returns the current session cookie.
     *
     * @return its value, if the server set one.
     */
    Optional<String> sessionId() {
        return cookies.copy().stream()
                .filter(c -> SESSION_COOKIE.equals(c.getName()))
                .map(HttpCookie::getValue)
                .findFirst();
    }

    /** Every session id the server gave this browser is a canary for the search of the logs (SEC-31). */
    private void recordSessionIds() {
        cookies.copy().stream().filter(c -> SESSION_COOKIE.equals(c.getName()))
                .forEach(c -> Canaries.session(c.getValue()));
    }

    /**
     * An answer of the test servlet.
     *
     * @param status the HTTP status.
     * @param body the body as sent.
     * @param took how long the call took.
     */
    record Answer(int status, String body, Duration took) {

        /**
         * Parses the body.
         *
         * @return the JSON object.
         */
        JsonObject json() {
            try (JsonReader reader = Json.createReader(new StringReader(body))) {
                return reader.readObject();
            }
        }

        /**
         * Returns the error code of a failure answer.
         *
         * @return the {@code code} member.
         */
        String code() {
            return json().getString("code");
        }

        @Override
        public String toString() {
            return "HTTP " + status + " " + body;
        }
    }
}
