package dev.mfastepup.benchmarks;

import dev.mfastepup.client.Auth0Client;
import dev.mfastepup.client.TenantDomains;
import dev.mfastepup.config.LimitsStore;
import dev.mfastepup.config.MfaStepUpConfig;
import dev.mfastepup.config.MfaStepUpConfigReader;
import dev.mfastepup.crypto.ContextSealer;
import dev.mfastepup.session.StepUpFlows;
import dev.mfastepup.token.RefreshTokenSource;
import dev.mfastepup.token.SessionCredentials;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Issue 5, item 5: list → challenge → verify loops per second of {@code MfaService} against the project's Auth0
 * emulator over real HTTP, with 1 and with 4 threads, so that the library's client (Jersey's MicroProfile Rest
 * Client, as Payara ships it, with JSON-B, over the module's transport on Java's HttpClient) can be compared with
 * other clients of the same emulator. Writes a
 * markdown fragment and prints its table.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.mfastepup.benchmarks.ClientLoopReport \
 *     --emulator http://localhost:8091/emulator/ --out client-loop.md [--tsv FILE] [--title HEADING] [--smoke]
 * </pre>
 *
 * <p>{@code --title} replaces the fragment's heading ({@value #TITLE}), for a file that holds several runs;
 * {@code --tsv} also writes one tab-separated line per thread count: threads, loops/s, p50, p95 and p99 (ms),
 * failed loops (in and outside the window) and loops in the window, for {@code benchmarks/client-loop} to compare
 * runs.
 *
 * <p>Exits with 1 when any loop failed (in or outside the measured window) or none completed, with 2 when the
 * run itself could not be done.
 */
public final class ClientLoopReport {

    private static final int[] THREADS = {1, 4};
    /** The fragment's heading unless {@code --title} says otherwise. */
    static final String TITLE = "## Client loop (issue 5, item 5)";
    /** Kept, so that the level set below stays set. */
    private static final Logger LIBRARY_LOGGER = Logger.getLogger("dev.mfastepup");

    private ClientLoopReport() {
    }

    /**
     * Runs the report.
     *
     * @param args {@code --emulator URL --out FILE [--tsv FILE] [--title HEADING] [--smoke]}.
     */
    public static void main(String[] args) throws Exception {
        URI emulatorUrl = null;
        Path out = null;
        Path tsv = null;
        String title = TITLE;
        boolean smoke = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--emulator" -> emulatorUrl = URI.create(value(args, ++i, "--emulator"));
                case "--out" -> out = Path.of(value(args, ++i, "--out"));
                case "--tsv" -> tsv = Path.of(value(args, ++i, "--tsv"));
                case "--title" -> title = value(args, ++i, "--title");
                case "--smoke" -> smoke = true;
                default -> usage("unknown argument: " + args[i]);
            }
        }
        if (emulatorUrl == null || out == null) {
            usage("--emulator and --out are required");
        }
        if (!emulatorUrl.toString().endsWith("/")) {
            emulatorUrl = URI.create(emulatorUrl + "/");
        }
        Duration warmup = smoke ? Duration.ofSeconds(2) : Duration.ofSeconds(10);
        Duration measure = smoke ? Duration.ofSeconds(3) : Duration.ofSeconds(30);
        // Before the first thread count: the JIT needs thousands of loops, more than 10 s of one thread give.
        Duration jvmWarmup = smoke ? Duration.ofSeconds(1) : Duration.ofSeconds(20);
        int firstUsers = smoke ? 300 : 2000;
        int minBatch = smoke ? 200 : 1000;

        // Two INFO lines per flow (started, completed) would flood the console; warnings and errors stay on.
        LIBRARY_LOGGER.setLevel(Level.WARNING);

        String prefix = "loop-" + HexFormat.of().formatHex(SecureRandom.getSeed(4));
        ClientLoopEmulator emulator = new ClientLoopEmulator(emulatorUrl, prefix);
        emulator.timings(); // fails early, and clearly, when the URL is not an emulator with its hooks
        boolean local = isLocal(emulatorUrl);
        int port = emulatorUrl.getPort() > 0 ? emulatorUrl.getPort() : "https".equals(emulatorUrl.getScheme()) ? 443 : 80;
        ClientLoopProbe probe = new ClientLoopProbe(port, local);

        MfaStepUpConfig config = new MfaStepUpConfig(Fixtures.DOMAIN, ClientLoopEmulator.CLIENT_ID,
                Optional.of(ClientLoopEmulator.CLIENT_SECRET), List.of(Fixtures.SECRET), ContextSealer.DEFAULT_TTL,
                Duration.ofMillis(MfaStepUpConfigReader.DEFAULT_CONNECT_TIMEOUT_MS),
                Duration.ofMillis(MfaStepUpConfigReader.DEFAULT_READ_TIMEOUT_MS),
                Duration.ofMillis(MfaStepUpConfigReader.DEFAULT_CALL_DEADLINE_MS), Optional.of(emulatorUrl),
                Duration.ofSeconds(MfaStepUpConfigReader.DEFAULT_TOKEN_REFRESH_MARGIN_SECONDS),
                MfaStepUpConfigReader.DEFAULT_MAX_CONCURRENT_CALLS, LimitsStore.MEMORY);
        Clock clock = Clock.systemUTC();
        ContextSealer sealer = new ContextSealer(config.secrets(), config.contextTtl(), clock);
        StepUpFlows flows = new StepUpFlows(sealer, clock, config.contextTtl());
        // The application hands each user's refresh token over with useRefreshToken; the source knows nothing.
        SessionCredentials credentials = new SessionCredentials(new RefreshTokenSource() {
            @Override
            public Optional<String> subject(HttpServletRequest request) {
                return Optional.empty();
            }

            @Override
            public Optional<String> refreshToken(HttpServletRequest request) {
                return Optional.empty();
            }
        });

        List<ClientLoopRun.Result> results = new ArrayList<>();
        long prepareNanos;
        try (Auth0Client auth0 = new Auth0Client(config, Executors.defaultThreadFactory())) {
            ClientLoopRun run = new ClientLoopRun(config, auth0, new TenantDomains(Fixtures.DOMAIN, null), flows,
                    credentials, emulator, probe, minBatch);
            System.out.printf("Client loop against %s: preparing %d users (%s-n)%n", emulatorUrl, firstUsers, prefix);
            run.prepare(firstUsers);
            System.out.printf("JVM warm-up: %d threads, %d s%n", THREADS[THREADS.length - 1], jvmWarmup.toSeconds());
            run.run(THREADS[THREADS.length - 1], jvmWarmup.toNanos(), 0);
            for (int threads : THREADS) {
                System.out.printf("%d thread(s): %d s warm-up, %d s measured%n", threads, warmup.toSeconds(),
                        measure.toSeconds());
                results.add(run.run(threads, warmup.toNanos(), measure.toNanos()));
            }
            prepareNanos = run.prepareNanos();
        }

        String markdown = markdown(title, results, emulatorUrl, prefix, emulator.created(), prepareNanos, jvmWarmup,
                warmup, measure, smoke, probe.countsConnections(), local);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, markdown, StandardCharsets.UTF_8);
        if (tsv != null) {
            Files.createDirectories(tsv.toAbsolutePath().getParent());
            Files.writeString(tsv, tsv(results), StandardCharsets.UTF_8);
        }
        System.out.println();
        System.out.println(table(results));
        System.out.printf("4 threads ÷ 1 thread loops/s: %s%n", ratio(results));
        System.out.println("Written to " + out);

        boolean failed = false;
        for (ClientLoopRun.Result result : results) {
            if (result.errorCount() + result.errorCountOutside() > 0) {
                System.err.printf("%d thread(s): failed loops: %s in the window, %s outside it%n", result.threads,
                        result.errors, result.errorsOutside);
                failed = true;
            }
            if (result.loops == 0 || result.loops == result.errorCount()) {
                System.err.printf("%d thread(s): no loop completed in the window%n", result.threads);
                failed = true;
            }
        }
        System.exit(failed ? 1 : 0);
    }

    /**
     * Ends the run when it cannot go on (preparing users failed); no figures are written then.
     *
     * @param what what failed.
     * @param cause why.
     */
    static void fail(String what, Throwable cause) {
        System.err.println("ClientLoopReport: " + what + ": " + cause);
        cause.printStackTrace();
        System.exit(2);
    }

    // Markdown ---------------------------------------------------------------------------------------------------

    private static String markdown(String title, List<ClientLoopRun.Result> results, URI emulatorUrl, String prefix,
            int users,
            long prepareNanos, Duration jvmWarmup, Duration warmup, Duration measure, boolean smoke,
            boolean socketsCounted,
            boolean local) {
        StringBuilder md = new StringBuilder();
        md.append(title).append("\n\n");
        if (smoke) {
            md.append("**Smoke run: ").append(warmup.toSeconds()).append(" s warm-up and ").append(measure.toSeconds())
                    .append(" s measured per thread count. These figures mean nothing; they only show that the loop"
                            + " runs.**\n\n");
        }
        md.append("`MfaService` and `AccessTokenService` against the Auth0 emulator over real HTTP, built by hand"
                + " outside a server as in the other benchmarks, with Jersey's MicroProfile Rest Client (the one"
                + " Payara ships) and JSON-B (Yasson); the requests go out on the module's own transport, Java's"
                + " `HttpClient`. One loop is one fresh user stepping up:\n\n");
        md.append("1. `AccessTokenService.get(\"").append(ClientLoopRun.AUDIENCE).append("\", \"")
                .append(ClientLoopRun.SCOPE).append("\")`: the refresh-token grant answers `mfa_required`, the"
                        + " library seals the `mfa_token` into a new flow and throws `MfaRequiredException`"
                        + " (1 HTTP call);\n");
        md.append("2. `MfaService.listAuthenticators(flowId)`: `GET /mfa/authenticators` (1 HTTP call);\n");
        md.append("3. `MfaService.challenge(flowId, otp)`: no HTTP call for OTP, by design;\n");
        md.append("4. `MfaService.verify(flowId, new Verification.Otp(code))` with the user's current TOTP: the"
                + " `mfa-otp` grant (1 HTTP call) gives `Verified`; the token goes into the session;\n");
        md.append("5. `AccessTokenService.get` again must return that token from the session (no call).\n\n");
        md.append("Each thread has its own request; each loop a new in-memory session (`MapSession`) with the"
                + " user's refresh token handed over by `useRefreshToken` before the loop's clock starts. Latency is"
                + " steps 1 to 5; loops/s counts every loop that ended in the measured window. Users are created"
                + " beforehand (`POST /__test/users`, an authenticator app each) and signed in with the password"
                + " grant (`openid offline_access`); every loop uses a new one, since a TOTP code is accepted once"
                + " per user and step.\n\n");

        md.append("Settings: first ").append(jvmWarmup.toSeconds()).append(" s of loops with ")
                .append(THREADS[THREADS.length - 1]).append(" threads to warm the JVM up (the JIT needs thousands of"
                        + " loops; not measured); then per thread count (1, then 4) ").append(warmup.toSeconds())
                .append(" s warm-up and ").append(measure.toSeconds()).append(" s measured, all in one JVM; ")
                .append(users).append(" users prepared (`").append(prefix).append("-1` …), in ")
                .append(String.format(Locale.ROOT, "%.1f", prepareNanos / 1e9))
                .append(" s outside any measurement (the warm-up waits while more are made; when it shows that the"
                        + " window needs more, they are made after it, followed by 1 s of unmeasured loops); the"
                        + " library's default timeouts (connect ").append(MfaStepUpConfigReader.DEFAULT_CONNECT_TIMEOUT_MS)
                .append(" ms, read ").append(MfaStepUpConfigReader.DEFAULT_READ_TIMEOUT_MS).append(" ms, deadline ")
                .append(MfaStepUpConfigReader.DEFAULT_CALL_DEADLINE_MS).append(" ms) and call pool (")
                .append(MfaStepUpConfigReader.DEFAULT_MAX_CONCURRENT_CALLS)
                .append(" threads); the library's INFO log lines switched off (2 per flow), warnings on. Emulator: ")
                .append(emulatorUrl).append(local ? " (on this machine, sharing its CPUs)" : "").append("; client: ")
                .append(Runtime.getRuntime().availableProcessors()).append(" CPUs, Java ")
                .append(System.getProperty("java.version")).append(".\n\n");

        md.append(table(results)).append('\n');
        md.append("**4 threads ÷ 1 thread loops/s: ").append(ratio(results)).append("** (measured in this run).\n\n");

        md.append("- *HTTP calls per loop* and *emulator ms per loop*: from `GET /__test/timings` before and after"
                + " the window, over the loops that ended in it; the emulator counts the time from a request's entry"
                + " into its application to its answer written.\n");
        md.append("- *Client share*: (mean loop latency − emulator ms per loop) ÷ mean loop latency. Besides the"
                + " library and Jersey it holds Payara's HTTP layer before the emulator's filter and the loopback"
                + " network; with 4 threads on a machine shared with the emulator, it also holds waiting for a CPU.\n");
        md.append("- Requests go out with a known length over HTTP/1.1 keep-alive, each sent once: the module's"
                + " transport never sends a POST again (docs/architecture.md, \"The wire to Auth0\").\n");
        for (ClientLoopRun.Result result : results) {
            if (result.attempts > 1) {
                md.append("- ").append(label(result.threads)).append(": the prepared users ran out within the window"
                        + " (the loops went faster than in the warm-up), so it started again with more; ")
                        .append(result.attempts - 1).append(" cut window(s) left out, their loops counted as outside"
                                + " the window.\n");
            }
            if (result.ranOutOfUsers) {
                md.append("- **").append(label(result.threads)).append(": the prepared users ran out after ")
                        .append(String.format(Locale.ROOT, "%.1f", result.windowNanos / 1e9))
                        .append(" s; the window was cut there.**\n");
            }
        }
        md.append('\n');

        md.append("| Per loop | 1 thread | 4 threads |\n|---|---|---|\n");
        row(md, results, "mean latency (ms)", r -> fixed(r.meanMillis(), 2));
        row(md, results, "client JVM CPU (ms), all its threads", r -> r.loops == 0 || r.figures.cpuNanos() < 0
                ? "n/a" : fixed(r.figures.cpuNanos() / 1e6 / r.loops, 3));
        row(md, results, "client JVM allocations (KB), all its threads", r -> r.loops == 0
                || r.figures.allocatedBytes() < 0 ? "n/a" : fixed(r.figures.allocatedBytes() / 1024.0 / r.loops, 1));
        row(md, results, "TCP connections opened", r -> r.figures.connectionsOpened() < 0 || r.loops == 0 ? "n/a"
                : fixed((double) r.figures.connectionsOpened() / r.loops, 4) + " (" + r.figures.connectionsOpened()
                        + " in " + r.loops + " loops)");
        md.append("| *In the window* | | |\n");
        row(md, results, "GC of the client JVM", r -> r.figures.gcCount() + " collections, " + r.figures.gcMillis()
                + " ms");
        row(md, results, "machine CPU busy (all processes) / of it this JVM", r -> r.figures.machineBusy() < 0
                ? "n/a" : fixed(r.figures.machineBusy() * 100, 0) + " % / " + (r.figures.cpuNanos() < 0 ? "n/a"
                        : fixed(r.figures.cpuNanos() / (r.windowNanos * (double) Runtime.getRuntime()
                                .availableProcessors()) * 100, 0) + " %"));
        row(md, results, "loops in the window / outside it", r -> r.loops + " / " + r.loopsOutside);
        row(md, results, "failed loops outside the window", r -> r.errorCountOutside() == 0 ? "0"
                : r.errorCountOutside() + " " + r.errorsOutside);
        md.append('\n');
        if (!socketsCounted) {
            md.append("TCP connections are counted from Linux's `/proc/net/tcp` and only when the emulator runs on"
                    + " this machine; here they could not be.\n\n");
        } else {
            md.append("TCP connections opened: distinct client ports of connections to the emulator's port seen in"
                    + " `/proc/net/tcp` during the window (sampled every second; a closed connection stays there in"
                    + " `TIME_WAIT` for a minute), minus those open when it began. Fewer than one per HTTP call means"
                    + " keep-alive connections are reused.\n\n");
        }

        Set<String> endpoints = new TreeSet<>();
        results.forEach(r -> endpoints.addAll(r.timings.keySet()));
        md.append("| Emulator, per loop: calls / ms | 1 thread | 4 threads |\n|---|---|---|\n");
        for (String endpoint : endpoints) {
            row(md, results, "`" + endpoint + "`", r -> {
                ClientLoopEmulator.Timing t = r.timings.get(endpoint);
                return t == null || r.loops == 0 ? "0" : fixed((double) t.requests() / r.loops, 3) + " / "
                        + fixed(t.nanos() / 1e6 / r.loops, 3);
            });
        }
        md.append('\n');
        return md.toString();
    }

    private static String table(List<ClientLoopRun.Result> results) {
        StringBuilder md = new StringBuilder();
        md.append("| | loops/s | p50 (ms) | p95 (ms) | p99 (ms) | errors | HTTP calls per loop | emulator ms per loop"
                + " | client share |\n");
        md.append("|---|---:|---:|---:|---:|---|---:|---:|---:|\n");
        for (ClientLoopRun.Result r : results) {
            double calls = r.loops == 0 ? Double.NaN : (double) r.httpCalls() / r.loops;
            double emulatorMillis = r.loops == 0 ? Double.NaN : r.emulatorNanos() / 1e6 / r.loops;
            double share = (r.meanMillis() - emulatorMillis) / r.meanMillis();
            md.append("| ").append(label(r.threads)).append(" | ").append(fixed(r.loopsPerSecond(), 1))
                    .append(" | ").append(fixed(r.percentileMillis(50), 2))
                    .append(" | ").append(fixed(r.percentileMillis(95), 2))
                    .append(" | ").append(fixed(r.percentileMillis(99), 2))
                    .append(" | ").append(r.errorCount() == 0 ? "0" : r.errorCount() + " " + codes(r.errors))
                    .append(" | ").append(fixed(calls, 2))
                    .append(" | ").append(fixed(emulatorMillis, 3))
                    .append(" | ").append(Double.isNaN(share) ? "n/a" : fixed(share * 100, 0) + " %")
                    .append(" |\n");
        }
        return md.toString();
    }

    private static String tsv(List<ClientLoopRun.Result> results) {
        StringBuilder lines = new StringBuilder();
        for (ClientLoopRun.Result r : results) {
            lines.append(r.threads).append('\t').append(fixed(r.loopsPerSecond(), 1))
                    .append('\t').append(fixed(r.percentileMillis(50), 2))
                    .append('\t').append(fixed(r.percentileMillis(95), 2))
                    .append('\t').append(fixed(r.percentileMillis(99), 2))
                    .append('\t').append(r.errorCount() + r.errorCountOutside())
                    .append('\t').append(r.loops).append('\n');
        }
        return lines.toString();
    }

    private static String ratio(List<ClientLoopRun.Result> results) {
        ClientLoopRun.Result one = results.stream().filter(r -> r.threads == 1).findFirst().orElse(null);
        ClientLoopRun.Result four = results.stream().filter(r -> r.threads == 4).findFirst().orElse(null);
        if (one == null || four == null || one.loops == 0) {
            return "n/a";
        }
        return fixed(four.loopsPerSecond() / one.loopsPerSecond(), 2);
    }

    private static void row(StringBuilder md, List<ClientLoopRun.Result> results, String name,
            java.util.function.Function<ClientLoopRun.Result, String> cell) {
        md.append("| ").append(name);
        for (ClientLoopRun.Result result : results) {
            md.append(" | ").append(cell.apply(result));
        }
        md.append(" |\n");
    }

    private static String codes(Map<String, Long> errors) {
        StringBuilder text = new StringBuilder("(");
        errors.forEach((code, n) -> text.append(text.length() > 1 ? ", " : "").append('`').append(code).append("` ×")
                .append(n));
        return text.append(')').toString();
    }

    private static String label(int threads) {
        return threads == 1 ? "1 thread" : threads + " threads";
    }

    private static String fixed(double value, int decimals) {
        return Double.isNaN(value) || Double.isInfinite(value) ? "n/a"
                : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    // Arguments --------------------------------------------------------------------------------------------------

    private static boolean isLocal(URI url) {
        try {
            InetAddress address = InetAddress.getByName(url.getHost());
            return address.isLoopbackAddress() || address.isAnyLocalAddress()
                    || java.net.NetworkInterface.getByInetAddress(address) != null;
        } catch (IOException e) {
            return false;
        }
    }

    private static String value(String[] args, int i, String name) {
        if (i >= args.length) {
            usage(name + " needs a value");
        }
        return args[i];
    }

    private static void usage(String problem) {
        System.err.println("ClientLoopReport: " + problem);
        System.err.println("usage: java -cp benchmarks.jar dev.mfastepup.benchmarks.ClientLoopReport"
                + " --emulator http://localhost:8091/emulator/ --out client-loop.md [--tsv FILE] [--title HEADING]"
                + " [--smoke]");
        System.exit(2);
    }
}
