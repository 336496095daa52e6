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
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Step-ups over HTTP against the sample and the emulator, by virtual users (one thread each), in one of two ways:
 *
 * <pre>
 * java -cp benchmarks.jar dev.mfastepup.benchmarks.load.StepUpLoad --app http://localhost:8080/
 *     --emulator http://localhost:8081/emulator/ --vus 200 (--warmup 20 --seconds 30 | --journeys 10000)
 *     [--out rows.md] [--max-sessions 6000] [--app-pid PID --emulator-pid PID --clock-ticks 100
 *     [--profile app.jfr] --cpu-out cpu.md]
 * </pre>
 *
 * <ul>
 * <li>With {@code --seconds} (throughput, issue 5, item 3): the users sign in before the window, and the window
 * holds step-ups only ({@link SignedInLoad}; {@code --max-sessions} bounds the sign-ins for the window). The
 * emulator's own time over the window is read from its timings
 * hook; with {@code --app-pid} and {@code --emulator-pid}, so is the CPU time of both servers' JVMs, and
 * {@code --profile} records where the sample's JVM spent it. {@code --cpu-out} gets the CPU row.</li>
 * <li>With {@code --journeys} (the heap check, many users at once): each virtual user does whole
 * {@link StepUpJourney}s one after the other, each a new user who signs in, steps up and checks the session,
 * until that many have completed.</li>
 * </ul>
 * Either way it appends one row to the {@code --out} table and exits with 1 when any step-up failed.
 */
public final class StepUpLoad {

    private final URI app;
    private final EmulatorHooks hooks;
    private final HttpClient http;
    private final ConcurrentLinkedQueue<LoadUser> users = new ConcurrentLinkedQueue<>();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final List<StepUpJourney.Timing> measured = new ArrayList<>();
    private final AtomicLong started = new AtomicLong();
    private final LongAdder usersCreatedWhileMeasuring = new LongAdder();
    private volatile boolean measuring;

    private StepUpLoad(URI app, URI emulator, String prefix) {
        this.app = app;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
        this.hooks = new EmulatorHooks(http, emulator, prefix);
    }

    /**
     * Runs one load and appends its rows to the results.
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
        LoadResult result;
        if (options.containsKey("journeys")) {
            result = load.runJourneys(vus, Integer.parseInt(options.get("journeys")));
        } else {
            ProcessCpu cpu = new ProcessCpu(Long.parseLong(options.getOrDefault("app-pid", "0")),
                    Long.parseLong(options.getOrDefault("emulator-pid", "0")),
                    Long.parseLong(options.getOrDefault("clock-ticks", "100")));
            ExecutionProfile profile = null;
            if (options.containsKey("profile")) {
                if (!cpu.measuresApp()) {
                    throw new IllegalArgumentException("--profile needs --app-pid");
                }
                profile = new ExecutionProfile(cpu.appPid(), Path.of(options.get("profile")));
            }
            result = new SignedInLoad(app, load.hooks, load.http, cpu, profile,
                    Integer.parseInt(options.getOrDefault("max-sessions", "6000"))).run(vus,
                    Integer.parseInt(options.getOrDefault("warmup", "10")),
                    Integer.parseInt(options.getOrDefault("seconds", "30")));
        }
        System.out.println(result.describe());
        if (options.containsKey("out")) {
            append(options.get("out"), result.row());
        }
        if (options.containsKey("cpu-out")) {
            append(options.get("cpu-out"), result.cpuRow());
        }
        System.exit(result.failed() == 0 && result.completed() > 0 ? 0 : 1);
    }

    private static void append(String file, String row) throws IOException {
        Files.writeString(Path.of(file), row + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    private LoadResult runJourneys(int vus, int journeys) throws Exception {
        fill(journeys + vus);
        Map<String, EmulatorHooks.Timing> before = hooks.timings();
        long t0 = System.nanoTime();
        measuring = true;
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < vus; i++) {
            String vu = Integer.toString(i + 1);
            Thread thread = new Thread(() -> virtualUser(vu, journeys), "vu-" + vu);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join(Duration.ofMinutes(2).toMillis() + Duration.ofSeconds(journeys).toMillis());
        }
        measuring = false;
        long t1 = System.nanoTime();
        Map<String, EmulatorHooks.Timing> after = hooks.timings();
        Map<String, EmulatorHooks.Timing> delta = new TreeMap<>();
        after.forEach((key, timing) -> delta.put(key, timing.minus(before.getOrDefault(key,
                new EmulatorHooks.Timing(0, 0)))));
        List<StepUpJourney.Timing> timings;
        synchronized (measured) {
            timings = List.copyOf(measured);
        }
        Map<String, Long> failures = new TreeMap<>();
        errors.forEach((what, count) -> failures.put(what, count.sum()));
        return new LoadResult(vus, t1 - t0, timings, failures, delta, usersCreatedWhileMeasuring.sum(), null, null,
                null);
    }

    private void fill(int count) throws IOException, InterruptedException {
        for (int made = 0; made < count; made += 1000) {
            users.addAll(hooks.createUsers(Math.min(1000, count - made)));
        }
    }

    private void virtualUser(String vu, long journeys) {
        StepUpJourney journey = new StepUpJourney(app);
        long iteration = 0;
        while (started.incrementAndGet() <= journeys) {
            iteration++;
            try {
                WebClient browser = new WebClient(http, Duration.ofSeconds(60));
                StepUpJourney.Timing timing = journey.run(browser, nextUser(), vu, iteration);
                synchronized (measured) {
                    measured.add(timing);
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
        errors.computeIfAbsent(what, k -> new LongAdder()).increment();
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
