package dev.mfastepup.sample.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The sample and the Auth0 emulator on one Payara Micro, as {@code webapp-sample/run} starts them, on a free port of
 * 127.0.0.1. Started once per test JVM and stopped when it ends; its console goes to {@code target/e2e/payara.log}.
 */
final class SampleServer {

    private static final Path WORK = Path.of("target", "e2e");
    private static SampleServer running;

    private final Process process;
    private final int port;

    private SampleServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Returns the running server, starting it on first use. */
    static synchronized SampleServer get() {
        if (running == null) {
            running = start();
            Runtime.getRuntime().addShutdownHook(new Thread(running::stop));
        }
        return running;
    }

    /** The sample's base URL, such as {@code http://localhost:41234/}. */
    String base() {
        return "http://localhost:" + port + "/";
    }

    /** The emulator's base URL. */
    String emulator() {
        return base() + "emulator/";
    }

    /** Sends a request to the emulator's test hooks and returns the body; fails the test on a status over 299. */
    String hook(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(emulator() + "__test/" + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() > 299) {
                throw new AssertionError(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The module's pages the tests go through: {@code faces} (the default) or {@code jsp} (system property). */
    static String pages() {
        return System.getProperty("sample.pages", "faces");
    }

    private static SampleServer start() {
        try {
            Files.createDirectories(WORK.resolve("tmp"));
            int port = freePort();
            Path properties = WORK.resolve("system.properties");
            // The same keys webapp-sample/run leaves at their defaults, moved to this port.
            Files.writeString(properties, "mfa-stepup.domain=localhost\\:" + port + "\n"
                    + "mfa-stepup.base-url=http\\://localhost\\:" + port + "/emulator/\n"
                    + "mfa-stepup.pages=" + pages() + "\n");
            // The module logs at its finest level here, so that the canary check after the tests (bin/canary-check)
            // sees everything it could ever write.
            Path postBoot = WORK.resolve("postboot.asadmin");
            Files.writeString(postBoot, "set-log-levels dev.mfastepup=FINEST\n");
            Path root = WORK.resolve("root-" + System.nanoTime());
            List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Djava.io.tmpdir=" + WORK.resolve("tmp").toAbsolutePath(),
                    "-jar", required("payara.microJar"), "--nohazelcast", "--disablephonehome",
                    "--port", Integer.toString(port), "--rootdir", root.toAbsolutePath().toString(),
                    "--systemproperties", properties.toAbsolutePath().toString(),
                    "--postbootcommandfile", postBoot.toAbsolutePath().toString(),
                    "--deploy", required("emulator.war"), "--deploy", required("sample.war"));
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(WORK.resolve("payara.log").toFile()).start();
            SampleServer server = new SampleServer(process, port);
            server.awaitReady();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        Instant deadline = Instant.now().plusSeconds(180);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Payara Micro exited; see " + WORK.resolve("payara.log"));
            }
            try {
                int discovery = http.send(HttpRequest.newBuilder(URI.create(emulator()
                        + ".well-known/openid-configuration")).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                int sample = http.send(HttpRequest.newBuilder(URI.create(base() + "home")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (discovery == 200 && sample > 0 && sample < 500) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        stop();
        throw new IllegalStateException("The sample did not start within 180 s; see " + WORK.resolve("payara.log"));
    }

    private void stop() {
        process.destroy();
        try {
            if (!process.waitFor(Duration.ofSeconds(20).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || !Files.isRegularFile(Path.of(value))) {
            throw new IllegalStateException("System property " + property + " must name a file (run with mvn verify,"
                    + " after building the emulator: bin/test does both), but is " + value);
        }
        return Path.of(value).toAbsolutePath().toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
