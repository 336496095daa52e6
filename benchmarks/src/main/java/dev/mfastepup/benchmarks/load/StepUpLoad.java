package dev.mfastepup.benchmarks.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Step-up throughput (issue 5, item 3): virtual users over HTTP, each doing {@link StepUpJourney}s one after the
 * other with a new user and a new session each time, against the sample and the emulator.
 *
 * <pre>
 * java -cp benchmarks.jar dev.mfastepup.benchmarks.load.StepUpLoad --app http://localhost:8080/
 *     --emulator http://localhost:8081/emulator/ --vus 200 (--warmup 10 --seconds 30 | --journeys 10000)
 *     [--out results.md]
 * </pre>
 *
 * With {@code --seconds}, journeys that end inside the measured window count; the emulator's own time over the same
 * window is read from its timings hook, and the rest of the step-up time is the module's share (with the sample
 * page and Payara around it). With {@code --journeys}, it runs until that many have completed (the heap check).
 * Either way it appends one row to the {@code --out} table and exits with 1 when any journey failed.
 */
public final class StepUpLoad {

    /** The emulator endpoints a step-up calls after the login; their time is the emulator's share of it. */
    private static final Set<String> STEP_UP_ENDPOINTS = Set.of("/oauth/token refresh_token", "/mfa/authenticators",
            "/mfa/challenge", "/oauth/token mfa-otp");

    private final URI app;
    private final EmulatorHooks hooks;
    private final HttpClient http;
    private final ConcurrentLinkedQueue<LoadUser> users = new ConcurrentLinkedQueue<>();
    private final LongAdder usersCreatedWhileMeasuring = new LongAdder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private volatile boolean measuring;
    private volatile boolean stopping;

    private final List<StepUpJourney.Timing> measured = new ArrayList<>();

    private StepUpLoad(URI app, URI emulator, String prefix) {
        this.app = app;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
        this.hooks = new EmulatorHooks(http, emulator, prefix);
    }

    /**
     * Runs one load and appends its row to the results.
     *
     * @param args see the class comment.
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        URI app = URI.create(options.getOrDefault("app", "http://localhost:8080/"));
        URI emulator = URI.create(options.getOrDefault("emulator", "http://localhost:8081/emulator/"));
        int vus = Integer.parseInt(options.getOrDefault("vus", "50"));
        String prefix = "load" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        StepUpLoad load = new StepUpLoad(app, emulator, prefix);
        Result result;
        if (options.containsKey("journeys")) {
            result = load.runJourneys(vus, Integer.parseInt(options.get("journeys")));
        } else {
            result = load.runTimed(vus, Integer.parseInt(options.getOrDefault("warmup", "10")),
                    Integer.parseInt(options.getOrDefault("seconds", "30")));
        }
        System.out.println(result.describe());
        if (options.containsKey("out")) {
            Files.writeString(Path.of(options.get("out")), result.row() + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        System.exit(result.failed() == 0 && result.completed() > 0 ? 0 : 1);
    }

    private Result runTimed(int vus, int warmupSeconds, int seconds) throws Exception {
        // Enough users for 150 step-ups a second; more are made on the way if that is not enough (and counted).
        fill(Math.max(vus * 2, 150 * (warmupSeconds + seconds)));
        List<Thread> threads = start(vus, Long.MAX_VALUE);
        Thread.sleep(warmupSeconds * 1000L);
        Map<String, EmulatorHooks.Timing> before = hooks.timings();
        long t0 = System.nanoTime();
        measuring = true;
        Thread.sleep(seconds * 1000L);
        measuring = false;
        long t1 = System.nanoTime();
        Map<String, EmulatorHooks.Timing> after = hooks.timings();
        stopping = true;
        join(threads);
        return result(vus, t1 - t0, delta(before, after));
    }

    private Result runJourneys(int vus, int journeys) throws Exception {
        fill(journeys + vus);
        Map<String, EmulatorHooks.Timing> before = hooks.timings();
        long t0 = System.nanoTime();
        measuring = true;
        List<Thread> threads = start(vus, journeys);
        join(threads);
        measuring = false;
        long t1 = System.nanoTime();
        return result(vus, t1 - t0, delta(before, hooks.timings()));
    }

    private void fill(int count) throws IOException, InterruptedException {
        for (int made = 0; made < count; made += 1000) {
            users.addAll(hooks.createUsers(Math.min(1000, count - made)));
        }
    }

    private final AtomicLong started = new AtomicLong();

    private List<Thread> start(int vus, long journeys) {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < vus; i++) {
            String vu = Integer.toString(i + 1);
            Thread thread = new Thread(() -> virtualUser(vu, journeys), "vu-" + vu);
            thread.start();
            threads.add(thread);
        }
        return threads;
    }

    private void virtualUser(String vu, long journeys) {
        StepUpJourney journey = new StepUpJourney(app);
        long iteration = 0;
        while (!stopping) {
            if (started.incrementAndGet() > journeys) {
                return;
            }
            iteration++;
            try {
                WebClient browser = new WebClient(http, Duration.ofSeconds(60));
                StepUpJourney.Timing timing = journey.run(browser, nextUser(), vu, iteration);
                if (measuring) {
                    synchronized (measured) {
                        measured.add(timing);
                    }
                }
            } catch (WebClient.UnexpectedAnswer e) {
                failed(e.getMessage());
            } catch (IOException e) {
                failed("I/O: " + e.getClass().getSimpleName());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                failed("client error: " + e.getClass().getSimpleName());
            }
        }
    }

    private void failed(String what) {
        if (measuring) {
            errors.computeIfAbsent(what, k -> new LongAdder()).increment();
        }
    }

    private LoadUser nextUser() throws IOException, InterruptedException {
        LoadUser user = users.poll();
        while (user == null) {
            List<LoadUser> made = hooks.createUsers(200);
            if (measuring) {
                usersCreatedWhileMeasuring.add(made.size());
            }
            users.addAll(made);
            user = users.poll();
        }
        return user;
    }

    private static void join(List<Thread> threads) throws InterruptedException {
        for (Thread thread : threads) {
            thread.join(Duration.ofMinutes(2).toMillis());
        }
    }

    private static Map<String, EmulatorHooks.Timing> delta(Map<String, EmulatorHooks.Timing> before,
            Map<String, EmulatorHooks.Timing> after) {
        Map<String, EmulatorHooks.Timing> delta = new TreeMap<>();
        after.forEach((key, timing) -> delta.put(key, timing.minus(before.getOrDefault(key,
                new EmulatorHooks.Timing(0, 0)))));
        return delta;
    }

    private Result result(int vus, long windowNanos, Map<String, EmulatorHooks.Timing> emulator) {
        List<StepUpJourney.Timing> timings;
        synchronized (measured) {
            timings = List.copyOf(measured);
        }
        Map<String, Long> failures = new TreeMap<>();
        errors.forEach((what, count) -> failures.put(what, count.sum()));
        return new Result(vus, windowNanos, timings, failures, emulator, usersCreatedWhileMeasuring.sum());
    }

    /** What one load measured. */
    record Result(int vus, long windowNanos, List<StepUpJourney.Timing> timings, Map<String, Long> failures,
            Map<String, EmulatorHooks.Timing> emulator, long usersCreatedWhileMeasuring) {

        int completed() {
            return timings.size();
        }

        long failed() {
            return failures.values().stream().mapToLong(Long::longValue).sum();
        }

        long leaks() {
            return failures.entrySet().stream().filter(e -> e.getKey().startsWith("LEAK"))
                    .mapToLong(Map.Entry::getValue).sum();
        }

        double perSecond() {
            return completed() / (windowNanos / 1e9);
        }

        /** @return the emulator's own time in the step-up endpoints, per completed step-up (verify grants). */
        double emulatorMillisPerStepUp() {
            long verifies = emulator.getOrDefault("/oauth/token mfa-otp", new EmulatorHooks.Timing(0, 0)).requests();
            long nanos = emulator.entrySet().stream().filter(e -> STEP_UP_ENDPOINTS.contains(e.getKey()))
                    .mapToLong(e -> e.getValue().nanos()).sum();
            return verifies == 0 ? Double.NaN : nanos / 1e6 / verifies;
        }

        double meanStepUpMillis() {
            return timings.stream().mapToLong(StepUpJourney.Timing::stepUp).average().orElse(Double.NaN) / 1e6;
        }

        String row() {
            double emulatorMillis = emulatorMillisPerStepUp();
            double share = 1 - emulatorMillis / meanStepUpMillis();
            return String.format(Locale.ROOT, "| %d | %.1f s | %d | %.1f | %d | %d | %s | %.1f | %s | %.1f | %.0f %% | %s |",
                    vus, windowNanos / 1e9, completed(), perSecond(), failed(), leaks(),
                    percentiles(StepUpJourney.Timing::stepUp), meanStepUpMillis(),
                    percentiles(StepUpJourney.Timing::total), emulatorMillis, share * 100,
                    failures.isEmpty() ? "none" : failures.toString().replace("|", "/"));
        }

        String describe() {
            StringBuilder text = new StringBuilder();
            text.append(String.format(Locale.ROOT, "%d virtual users, %.1f s: %d step-ups (%.1f/s), %d failed, "
                    + "%d leaks%n", vus, windowNanos / 1e9, completed(), perSecond(), failed(), leaks()));
            text.append("  step-up p50/p95/p99 ms: ").append(percentiles(StepUpJourney.Timing::stepUp))
                    .append(String.format(Locale.ROOT, " (mean %.1f)%n", meanStepUpMillis()));
            text.append("  login p50/p95/p99 ms: ").append(percentiles(StepUpJourney.Timing::login)).append('\n');
            text.append("  journey p50/p95/p99 ms: ").append(percentiles(StepUpJourney.Timing::total)).append('\n');
            text.append(String.format(Locale.ROOT, "  emulator ms per step-up: %.2f; users made while measuring: %d%n",
                    emulatorMillisPerStepUp(), usersCreatedWhileMeasuring));
            emulator.forEach((key, timing) -> text.append(String.format(Locale.ROOT,
                    "  emulator %-32s %7d requests, %8.2f ms mean%n", key, timing.requests(),
                    timing.requests() == 0 ? 0 : timing.nanos() / 1e6 / timing.requests())));
            failures.forEach((what, count) -> text.append("  failed: ").append(count).append(" × ").append(what)
                    .append('\n'));
            return text.toString();
        }

        private String percentiles(java.util.function.ToLongFunction<StepUpJourney.Timing> part) {
            long[] values = timings.stream().mapToLong(part).sorted().toArray();
            if (values.length == 0) {
                return "-";
            }
            return String.format(Locale.ROOT, "%.0f / %.0f / %.0f", at(values, 0.50), at(values, 0.95),
                    at(values, 0.99));
        }

        private static double at(long[] sorted, double quantile) {
            int index = (int) Math.ceil(quantile * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 == args.length) {
                throw new IllegalArgumentException("usage: --name value ...; got " + Arrays.toString(args));
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }

}
