package dev.mfastepup.benchmarks.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The emulator's test hooks that a load test needs: new users with an authenticator app, and the time the emulator
 * spent on its own answers.
 */
final class EmulatorHooks {

    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    /** One endpoint of {@code GET /__test/timings}: {@code "key":{"nanos":n,"requests":r}} in either order. */
    private static final Pattern TIMING = Pattern.compile(
            "\"([^\"]+)\":\\{\"(nanos|requests)\":(\\d+),\"(nanos|requests)\":(\\d+)}");

    private final HttpClient http;
    private final URI emulator;
    private final String prefix;
    private final SecureRandom random = new SecureRandom();
    private long created;

    EmulatorHooks(HttpClient http, URI emulator, String prefix) {
        this.http = http;
        this.emulator = emulator;
        this.prefix = prefix;
    }

    /** Requests and total time of one endpoint. */
    record Timing(long requests, long nanos) {
        Timing minus(Timing earlier) {
            return new Timing(requests - earlier.requests, nanos - earlier.nanos);
        }
    }

    /**
     * Creates users at the emulator, each with its own random TOTP secret.
     *
     * @param count how many.
     * @return them.
     */
    synchronized List<LoadUser> createUsers(int count) throws IOException, InterruptedException {
        List<LoadUser> users = new ArrayList<>(count);
        StringJoiner json = new StringJoiner(",", "[", "]");
        for (int i = 0; i < count; i++) {
            LoadUser user = new LoadUser(prefix + "-" + (++created), "pw-" + secret(8), secret(32));
            users.add(user);
            json.add("{\"username\":\"" + user.username() + "\",\"password\":\"" + user.password()
                    + "\",\"otp_secret\":\"" + user.otpSecret() + "\"}");
        }
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(emulator.resolve("__test/users"))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.toString())).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != 204) {
            throw new IOException("the emulator did not add the users: HTTP " + response.statusCode()
                    + " (are its test hooks on?)");
        }
        return users;
    }

    /** @return the emulator's own time per endpoint since it started counting. */
    Map<String, Timing> timings() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(emulator.resolve("__test/timings"))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("the emulator did not report its timings: HTTP " + response.statusCode());
        }
        Map<String, Timing> timings = new TreeMap<>();
        Matcher entry = TIMING.matcher(response.body());
        while (entry.find()) {
            long first = Long.parseLong(entry.group(3));
            long second = Long.parseLong(entry.group(5));
            timings.put(entry.group(1), "nanos".equals(entry.group(2)) ? new Timing(second, first)
                    : new Timing(first, second));
        }
        return timings;
    }

    private String secret(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(BASE32.charAt(random.nextInt(32)));
        }
        return text.toString();
    }
}
