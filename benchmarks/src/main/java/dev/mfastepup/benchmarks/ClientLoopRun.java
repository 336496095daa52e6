package dev.mfastepup.benchmarks;

import dev.mfastepup.Factor;
import dev.mfastepup.MfaException;
import dev.mfastepup.client.Auth0Client;
import dev.mfastepup.client.TenantDomains;
import dev.mfastepup.config.MfaStepUpConfig;
import dev.mfastepup.service.MfaAuthenticator;
import dev.mfastepup.service.MfaService;
import dev.mfastepup.service.ServiceWiring;
import dev.mfastepup.service.Verification;
import dev.mfastepup.service.VerifyResult;
import dev.mfastepup.session.StepUpFlows;
import dev.mfastepup.testing.Totp;
import dev.mfastepup.token.AccessTokenService;
import dev.mfastepup.token.MfaRequiredException;
import dev.mfastepup.token.SessionCredentials;
import dev.mfastepup.token.TokenWiring;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Runs the client loop with some threads: warm-up, then a measured window, and collects what the report shows.
 *
 * <p>One loop is one fresh user stepping up, through the library's public API only, as a Jakarta EE application
 * calls it: {@code AccessTokenService.get(audience, scope)} (the refresh grant answers {@code mfa_required}, so
 * {@link MfaRequiredException} with the new flow's id), {@code MfaService.listAuthenticators(flowId)},
 * {@code challenge(flowId, otp)} (no HTTP call for OTP), {@code verify(flowId, Otp(code))} (the {@code mfa-otp}
 * grant) giving {@code Verified}, and a last {@code get} that must return the new token from the session.
 *
 * <p>The services are built by hand as in the other benchmarks; each thread has its own request, and each loop a
 * new {@link MapSession}. Nothing on the measured path is a mock: the request answers only what a session-bound
 * request has to and fails on anything else, and the CDI events go nowhere.
 */
final class ClientLoopRun {

    /** The audience that needs one factor in the emulator's default policy. */
    static final String AUDIENCE = "https://reports.example.com";
    static final String SCOPE = "read:reports";

    private enum Stage { WARMUP, PAUSE, MEASURE, STOP }

    private final MfaStepUpConfig config;
    private final Auth0Client auth0;
    private final TenantDomains domains;
    private final StepUpFlows flows;
    private final SessionCredentials credentials;
    private final ClientLoopEmulator emulator;
    private final ClientLoopProbe probe;
    private final ConcurrentLinkedQueue<ClientLoopEmulator.User> pool = new ConcurrentLinkedQueue<>();
    private final Object refillLock = new Object();
    private final int minBatch;

    private volatile Stage stage;
    private volatile long warmupDeadline;
    private volatile long exhaustedAt;
    /** The warm-up's pauses to prepare users: start and end. */
    private final List<long[]> pauses = new ArrayList<>();
    private volatile long warmupStart;
    private volatile long pausedNanos;
    private final LongAdder loopsSoFar = new LongAdder();
    private volatile CountDownLatch measureEnd;
    private final AtomicInteger paused = new AtomicInteger();
    private long prepareNanos;

    ClientLoopRun(MfaStepUpConfig config, Auth0Client auth0, TenantDomains domains, StepUpFlows flows,
            SessionCredentials credentials, ClientLoopEmulator emulator, ClientLoopProbe probe, int minBatch) {
        this.config = config;
        this.auth0 = auth0;
        this.domains = domains;
        this.flows = flows;
        this.credentials = credentials;
        this.emulator = emulator;
        this.probe = probe;
        this.minBatch = minBatch;
    }

    /** @return the time spent preparing users so far (never measured). */
    long prepareNanos() {
        return prepareNanos;
    }

    /**
     * Prepares users before anything runs.
     *
     * @param count how many.
     */
    void prepare(int count) throws IOException, InterruptedException {
        long start = System.nanoTime();
        pool.addAll(emulator.prepareUsers(count));
        prepareNanos += System.nanoTime() - start;
    }

    /**
     * Runs one thread count: warm-up (longer by any pause to prepare users), top-up of users for the window,
     * one settling second, the measured window. Should the users run out within the window (the loops got faster
     * than in the warm-up), the window is left out and starts again with more, at most twice.
     *
     * @param threads how many threads loop at once.
     * @param warmupNanos the warm-up.
     * @param measureNanos the measured window, or 0 to warm the JVM up only.
     * @return the figures, or {@code null} for a warm-up only.
     */
    Result run(int threads, long warmupNanos, long measureNanos) throws Exception {
        stage = Stage.WARMUP;
        exhaustedAt = 0;
        synchronized (pauses) {
            pauses.clear();
        }
        paused.set(0);
        measureEnd = new CountDownLatch(1);
        long start = System.nanoTime();
        warmupStart = start;
        pausedNanos = 0;
        loopsSoFar.reset();
        warmupDeadline = start + warmupNanos;
        List<Worker> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Worker worker = new Worker("client-loop-" + threads + "-" + (i + 1));
            workers.add(worker);
        }
        workers.forEach(Thread::start);

        long stopped;
        while (true) {
            long left;
            synchronized (refillLock) {
                // Holding the lock waits out a pause to prepare users, which moves the deadline.
                stopped = System.nanoTime();
                left = warmupDeadline - stopped;
            }
            if (left <= 0) {
                break;
            }
            Thread.sleep(Math.max(1, Math.min(50, TimeUnit.NANOSECONDS.toMillis(left))));
        }
        long warmupEnd = stopped;
        if (measureNanos == 0) {
            stage = Stage.STOP;
            for (Worker worker : workers) {
                worker.join();
            }
            return null;
        }
        // The rate of the warm-up's second half, without the pauses to prepare users, sizes the users needed for
        // the window.
        long from = warmupEnd - warmupNanos / 2;
        long recent = workers.stream().mapToLong(w -> w.loopsEndingBetween(from, warmupEnd)).sum();
        long active = warmupEnd - from - pausedBetween(from, warmupEnd);
        double rate = active > warmupNanos / 10 ? recent / (active / 1e9)
                : loopsSoFar.sum() / Math.max(1e-3, (warmupEnd - warmupStart - pausedNanos) / 1e9);
        long settleNanos = TimeUnit.SECONDS.toNanos(1);
        long t0;
        long t1;
        boolean early;
        int attempts = 0;
        Map<String, ClientLoopEmulator.Timing> timingsBefore;
        Map<String, ClientLoopEmulator.Timing> timingsAfter;
        ClientLoopProbe.Figures figures;
        do {
            attempts++;
            int needed = (int) Math.ceil(rate * (measureNanos + settleNanos) / 1e9 * 1.5) + 50 * threads;
            System.out.printf("  %.0f loops/s; %d users ready, %d wanted for the window%n", rate, pool.size(),
                    needed);
            int missing = needed - pool.size();
            if (missing > 0) {
                stage = Stage.PAUSE;
                while (paused.get() < threads) {
                    Thread.sleep(1);
                }
                prepare(Math.max(missing, minBatch));
                paused.set(0);
                stage = Stage.WARMUP;
            }
            Thread.sleep(TimeUnit.NANOSECONDS.toMillis(settleNanos));
            synchronized (refillLock) {
                // Should the settling second have run out of users after all, the window waits for the new ones.
            }

            timingsBefore = emulator.timings();
            probe.start();
            measureEnd = new CountDownLatch(1);
            t0 = System.nanoTime();
            stage = Stage.MEASURE;
            early = measureEnd.await(measureNanos, TimeUnit.NANOSECONDS);
            t1 = early ? exhaustedAt : System.nanoTime();
            if (!early || attempts == 3) {
                stage = Stage.STOP; // else the workers are pausing already
            }
            figures = probe.stop();
            timingsAfter = emulator.timings();
            if (early && attempts < 3) {
                // The rate went up after the warm-up (a shared machine): the window starts again, with more users.
                long cutFrom = t0;
                long cutTo = t1;
                rate = workers.stream().mapToLong(w -> w.loopsEndingBetween(cutFrom, cutTo)).sum()
                        / ((cutTo - cutFrom) / 1e9);
                System.out.printf("  the users ran out after %.1f s; the window starts again%n", (t1 - t0) / 1e9);
                while (paused.get() < threads) {
                    Thread.sleep(1);
                }
                continue;
            }
            break;
        } while (true);
        for (Worker worker : workers) {
            worker.join();
        }

        Result result = new Result(threads, t1 - t0, measureNanos, early);
        result.attempts = attempts;
        for (Worker worker : workers) {
            worker.collect(t0, t1, result);
        }
        result.timings = ClientLoopEmulator.delta(timingsBefore, timingsAfter);
        result.figures = figures;
        result.usersLeft = pool.size();
        // The users left in the pool were never used; the next thread count takes them first.
        return result;
    }

    private long pausedBetween(long from, long to) {
        long paused = 0;
        synchronized (pauses) {
            for (long[] pause : pauses) {
                paused += Math.max(0, Math.min(to, pause[1]) - Math.max(from, pause[0]));
            }
        }
        return paused;
    }

    private ClientLoopEmulator.User nextUser() throws IOException, InterruptedException {
        ClientLoopEmulator.User user = pool.poll();
        while (user == null) {
            Stage now = stage;
            if (now == Stage.MEASURE) {
                // Never prepare users inside the window: end it here instead, and say so.
                exhaustedAt = System.nanoTime();
                stage = Stage.PAUSE;
                measureEnd.countDown();
                return null;
            }
            if (now != Stage.WARMUP) {
                return null;
            }
            synchronized (refillLock) {
                if (pool.isEmpty() && stage == Stage.WARMUP) {
                    long start = System.nanoTime();
                    // Enough for the rest of the warm-up at the rate so far, so that it pauses rarely.
                    long loops = loopsSoFar.sum();
                    double seconds = (start - warmupStart - pausedNanos) / 1e9;
                    double remaining = (warmupDeadline - start) / 1e9;
                    int wanted = seconds <= 0 ? minBatch : (int) Math.min(50_000, loops / seconds * remaining * 1.2);
                    prepare(Math.max(minBatch, wanted));
                    // The warm-up lasts as long in loops as it was meant to.
                    long end = System.nanoTime();
                    warmupDeadline += end - start;
                    pausedNanos += end - start;
                    synchronized (pauses) {
                        pauses.add(new long[] {start, end});
                    }
                }
            }
            user = pool.poll();
        }
        return user;
    }

    /** One thread of loops, with its own request; records each loop's end, latency and outcome. */
    private final class Worker extends Thread {

        private final ClientLoopRequest request = new ClientLoopRequest();
        private final AccessTokenService tokens;
        private final MfaService mfa;
        /** Volatile, for the controller's reads of the warm-up rate; written by this thread only. */
        private volatile long[] ends = new long[1024];
        private long[] latencies = new long[1024];
        private String[] outcomes = new String[1024];
        private volatile int count;

        Worker(String name) {
            super(name);
            NoEvent<dev.mfastepup.event.StepUpStarted> started = new NoEvent<>();
            NoEvent<dev.mfastepup.event.StepUpCompleted> completed = new NoEvent<>();
            tokens = TokenWiring.accessTokenService(config, auth0, domains, flows, credentials, started, request);
            mfa = ServiceWiring.mfaService(config, auth0, domains, flows, credentials, completed, started, request);
        }

        @Override
        public void run() {
            try {
                while (true) {
                    Stage now = stage;
                    if (now == Stage.STOP) {
                        return;
                    }
                    if (now == Stage.PAUSE) {
                        paused.incrementAndGet();
                        while (stage == Stage.PAUSE) {
                            Thread.sleep(1);
                        }
                        continue;
                    }
                    ClientLoopEmulator.User user = nextUser();
                    if (user == null) {
                        continue;
                    }
                    request.session = new MapSession();
                    tokens.useRefreshToken(user.subject(), user.refreshToken());
                    long start = System.nanoTime();
                    String outcome = loop(user);
                    long end = System.nanoTime();
                    record(end, end - start, outcome);
                    loopsSoFar.increment();
                }
            } catch (IOException | InterruptedException | RuntimeException failure) {
                // Preparing users failed: that is no loop's error, but the run cannot go on.
                ClientLoopReport.fail("preparing users failed in " + getName(), failure);
            }
        }

        /** @return {@code null} when the loop ended with the token in the session, else what went wrong. */
        private String loop(ClientLoopEmulator.User user) {
            try {
                String flowId;
                try {
                    tokens.get(AUDIENCE, SCOPE);
                    return "no_mfa_required";
                } catch (MfaRequiredException required) {
                    flowId = required.flowId();
                }
                Optional<MfaAuthenticator> otp = mfa.listAuthenticators(flowId).stream()
                        .filter(a -> a.factor() == Factor.OTP).findFirst();
                if (otp.isEmpty()) {
                    return "no_otp_authenticator";
                }
                mfa.challenge(flowId, otp.get());
                VerifyResult result = mfa.verify(flowId,
                        new Verification.Otp(Totp.code(user.secret(), Instant.now())));
                if (!(result instanceof VerifyResult.Verified)) {
                    return "not_verified:" + result.getClass().getSimpleName();
                }
                String token = tokens.get(AUDIENCE, SCOPE);
                return token == null || token.isBlank() ? "no_token_in_session" : null;
            } catch (MfaException failure) {
                return failure.code();
            } catch (RuntimeException failure) {
                return failure.getClass().getName();
            }
        }

        private void record(long end, long latency, String outcome) {
            if (count == ends.length) {
                ends = Arrays.copyOf(ends, count * 2);
                latencies = Arrays.copyOf(latencies, count * 2);
                outcomes = Arrays.copyOf(outcomes, count * 2);
            }
            ends[count] = end;
            latencies[count] = latency;
            outcomes[count] = outcome;
            count++;
        }

        /** Only while the worker runs, for the warm-up rate: racy reads of a growing array are fine for that. */
        long loopsEndingBetween(long from, long to) {
            long[] e = ends;
            int n = Math.min(count, e.length);
            long loops = 0;
            for (int i = 0; i < n; i++) {
                if (e[i] >= from && e[i] < to) {
                    loops++;
                }
            }
            return loops;
        }

        void collect(long t0, long t1, Result result) {
            for (int i = 0; i < count; i++) {
                boolean inWindow = ends[i] >= t0 && ends[i] < t1;
                if (outcomes[i] != null) {
                    (inWindow ? result.errors : result.errorsOutside).merge(outcomes[i], 1L, Long::sum);
                } else if (inWindow) {
                    result.addLatency(latencies[i]);
                }
                if (inWindow) {
                    result.loops++;
                } else {
                    result.loopsOutside++;
                }
            }
        }
    }

    /** What one thread count gave. */
    static final class Result {
        final int threads;
        final long windowNanos;
        final long plannedNanos;
        final boolean ranOutOfUsers;
        long loops;
        long loopsOutside;
        final Map<String, Long> errors = new TreeMap<>();
        final Map<String, Long> errorsOutside = new TreeMap<>();
        private long[] latencies = new long[1024];
        private int latencyCount;
        Map<String, ClientLoopEmulator.Timing> timings;
        ClientLoopProbe.Figures figures;
        int usersLeft;
        int attempts;

        Result(int threads, long windowNanos, long plannedNanos, boolean ranOutOfUsers) {
            this.threads = threads;
            this.windowNanos = windowNanos;
            this.plannedNanos = plannedNanos;
            this.ranOutOfUsers = ranOutOfUsers;
        }

        void addLatency(long nanos) {
            if (latencyCount == latencies.length) {
                latencies = Arrays.copyOf(latencies, latencyCount * 2);
            }
            latencies[latencyCount++] = nanos;
        }

        long errorCount() {
            return errors.values().stream().mapToLong(Long::longValue).sum();
        }

        long errorCountOutside() {
            return errorsOutside.values().stream().mapToLong(Long::longValue).sum();
        }

        /** @return loops that ended in the window (failed ones included) per second. */
        double loopsPerSecond() {
            return loops / (windowNanos / 1e9);
        }

        /** @return the mean latency of the successful loops, in ms. */
        double meanMillis() {
            return latencyCount == 0 ? Double.NaN
                    : Arrays.stream(latencies, 0, latencyCount).average().orElse(Double.NaN) / 1e6;
        }

        /**
         * @param p the percentile, 0 to 100.
         * @return the latency of the successful loops at it (nearest rank), in ms.
         */
        double percentileMillis(double p) {
            if (latencyCount == 0) {
                return Double.NaN;
            }
            long[] sorted = Arrays.copyOf(latencies, latencyCount);
            Arrays.sort(sorted);
            int rank = (int) Math.ceil(p / 100.0 * latencyCount);
            return sorted[Math.max(0, Math.min(latencyCount - 1, rank - 1))] / 1e6;
        }

        long httpCalls() {
            return timings.values().stream().mapToLong(ClientLoopEmulator.Timing::requests).sum();
        }

        long emulatorNanos() {
            return timings.values().stream().mapToLong(ClientLoopEmulator.Timing::nanos).sum();
        }
    }

    /**
     * The request of one thread: it carries the session of the current loop and answers what the library asks
     * of a request on this path; anything else fails loudly, so that nothing is quietly stubbed.
     */
    static final class ClientLoopRequest extends HttpServletRequestWrapper {

        volatile HttpSession session;

        ClientLoopRequest() {
            super((HttpServletRequest) Proxy.newProxyInstance(ClientLoopRun.class.getClassLoader(),
                    new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> {
                        throw new UnsupportedOperationException("the client loop's request does not answer "
                                + method.getName());
                    }));
        }

        @Override
        public HttpSession getSession(boolean create) {
            return session;
        }

        @Override
        public HttpSession getSession() {
            return session;
        }

        @Override
        public String changeSessionId() {
            // A MapSession keeps its id; a server would give a new one here.
            return UUID.randomUUID().toString();
        }
    }

    /** A CDI event without observers. */
    static final class NoEvent<T> implements Event<T> {

        @Override
        public void fire(T event) {
        }

        @Override
        public <U extends T> CompletionStage<U> fireAsync(U event) {
            return CompletableFuture.completedFuture(event);
        }

        @Override
        public <U extends T> CompletionStage<U> fireAsync(U event, NotificationOptions options) {
            return CompletableFuture.completedFuture(event);
        }

        @Override
        public Event<T> select(Annotation... qualifiers) {
            return this;
        }

        @Override
        public <U extends T> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
            return new NoEvent<>();
        }

        @Override
        public <U extends T> Event<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
            return new NoEvent<>();
        }
    }
}
