package dev.mfastepup.benchmarks;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The emulator's test hooks and its password grant, for the client loop's preparation and bookkeeping: never on
 * the measured path. Uses the JDK's own HTTP client, so that nothing here shares a connection or a thread with the
 * library's client.
 */
final class ClientLoopEmulator {

    /** The emulator's demo client. */
    static final String CLIENT_ID = "sample-app";
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final SecureRandom RANDOM = new SecureRandom();
    static final String CLIENT_SECRET = "sample-app-secret-not-for-production";
    private static final String PASSWORD = "loop-password";
    /** Users per {@code POST /__test/users}. */
    private static final int BATCH = 500;
    /** Password grants in flight at once while preparing users. */
    private static final int PARALLEL_GRANTS = 4;

    /**
     * A user ready for one loop: created with an authenticator app, signed in with the password grant.
     *
     * @param username the emulator user.
     * @param subject its {@code sub}, {@code auth0|<username>}.
     * @param refreshToken the refresh token of its sign-in.
     * @param secret its authenticator app's secret.
     */
    record User(String username, String subject, String refreshToken, String secret) {
    }

    /** One endpoint's figures: answered requests and the emulator's time on them. */
    record Timing(long requests, long nanos) {
        Timing minus(Timing before) {
            return before == null ? this : new Timing(requests - before.requests, nanos - before.nanos);
        }
    }

    private final URI base;
    private final String prefix;
    private final HttpClient http;
    /** Daemon threads that send the password grants, a few at once. */
    private final ExecutorService signIns = Executors.newFixedThreadPool(PARALLEL_GRANTS, task -> {
        Thread thread = new Thread(task, "client-loop-sign-in");
        thread.setDaemon(true);
        return thread;
    });
    private int created;

    /**
     * @param base the emulator's base URL, ending with a slash.
     * @param prefix the prefix of this run's usernames.
     */
    ClientLoopEmulator(URI base, String prefix) {
        this.base = base;
        this.prefix = prefix;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** @return how many users this run created so far. */
    int created() {
        return created;
    }

    /**
     * Creates users with an authenticator app and signs each in with the password grant
     * ({@code openid offline_access}), to get their refresh tokens.
     *
     * @param count how many.
     * @return the users, in creation order.
     */
    List<User> prepareUsers(int count) throws IOException, InterruptedException {
        List<User> ready = new ArrayList<>(count);
        for (int done = 0; done < count; done += BATCH) {
            int n = Math.min(BATCH, count - done);
            List<String> names = new ArrayList<>(n);
            List<String> secrets = new ArrayList<>(n);
            StringBuilder json = new StringBuilder("[");
            for (int i = 0; i < n; i++) {
                String name = prefix + "-" + (++created);
                String secret = newSecret();
                names.add(name);
                secrets.add(secret);
                json.append(i == 0 ? "" : ",").append("{\"username\":\"").append(name).append("\",\"password\":\"")
                        .append(PASSWORD).append("\",\"otp_secret\":\"").append(secret)
                        .append("\"}");
            }
            json.append(']');
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(base.resolve("__test/users"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 204) {
                throw new IOException("POST __test/users answered " + answer.statusCode() + ": " + answer.body()
                        + " (is this the mfa-stepup emulator, with its test hooks on?)");
            }
            ready.addAll(signIn(names, secrets));
        }
        return ready;
    }

    private List<User> signIn(List<String> names, List<String> secrets) throws IOException, InterruptedException {
        List<Future<HttpResponse<String>>> answers = new ArrayList<>(names.size());
        for (String name : names) {
            String form = "grant_type=password&username=" + encode(name) + "&password=" + encode(PASSWORD)
                    + "&client_id=" + encode(CLIENT_ID) + "&client_secret=" + encode(CLIENT_SECRET)
                    + "&scope=" + encode("openid offline_access");
            HttpRequest request = HttpRequest.newBuilder(base.resolve("oauth/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build();
            answers.add(signIns.submit(() -> http.send(request, HttpResponse.BodyHandlers.ofString())));
        }
        List<User> users = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            HttpResponse<String> answer;
            try {
                answer = answers.get(i).get();
            } catch (ExecutionException failed) {
                throw new IOException("the password grant of " + names.get(i) + " failed", failed.getCause());
            }
            if (answer.statusCode() != 200) {
                throw new IOException("the password grant of " + names.get(i) + " answered " + answer.statusCode()
                        + ": " + answer.body());
            }
            JsonObject body = parse(answer.body());
            String refreshToken = body.getString("refresh_token", null);
            if (refreshToken == null) {
                throw new IOException("the password grant of " + names.get(i) + " gave no refresh token");
            }
            users.add(new User(names.get(i), "auth0|" + names.get(i), refreshToken, secrets.get(i)));
        }
        return users;
    }

    /**
     * Reads {@code GET /__test/timings}: per endpoint, the requests answered and the time spent on them.
     *
     * @return the figures, sorted by endpoint.
     */
    Map<String, Timing> timings() throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(base.resolve("__test/timings")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IOException("GET __test/timings answered " + answer.statusCode()
                    + " (an emulator without timings is too old for this report)");
        }
        Map<String, Timing> timings = new TreeMap<>();
        for (Map.Entry<String, JsonValue> entry : parse(answer.body()).entrySet()) {
            JsonObject figures = entry.getValue().asJsonObject();
            timings.put(entry.getKey(), new Timing(figures.getJsonNumber("requests").longValue(),
                    figures.getJsonNumber("nanos").longValue()));
        }
        return timings;
    }

    /**
     * The difference of two readings of {@link #timings()}.
     *
     * @param before the earlier reading.
     * @param after the later reading.
     * @return per endpoint that answered anything in between, its requests and time.
     */
    static Map<String, Timing> delta(Map<String, Timing> before, Map<String, Timing> after) {
        Map<String, Timing> delta = new TreeMap<>();
        after.forEach((endpoint, timing) -> {
            Timing between = timing.minus(before.get(endpoint));
            if (between.requests() != 0) {
                delta.put(endpoint, between);
            }
        });
        return delta;
    }

    private static JsonObject parse(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** @return a new authenticator-app secret: 32 Base32 characters, 160 random bits. */
    private static String newSecret() {
        StringBuilder secret = new StringBuilder(32);
        for (int i = 0; i < 32; i++) {
            secret.append(BASE32.charAt(RANDOM.nextInt(BASE32.length())));
        }
        return secret.toString();
    }
}
