package dev.mfastepup.benchmarks.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Step-ups of users who signed in before the window (issue 5, item 3): the sign-in is the application's, so it is
 * done beforehand, and the window holds step-ups only. Each step-up takes a session that has never stepped up
 * ({@link SignedInPool}); the home page check of each session (still this user's) runs after the window.
 * <ol>
 * <li>Warm-up: sessions for it are signed in, then the virtual users step up for the warm-up's seconds (or until
 * those sessions are used up); the rate of its second half sizes the next step.</li>
 * <li>Sign-ins for the window: enough sessions for twice that rate over the lead-in and the window (at most
 * {@code maxSessions}).</li>
 * <li>The window: the virtual users step up for a lead-in (a few seconds, not counted, so that the window opens
 * on a steady load), then for the window's seconds; step-ups that end inside it count. Should every session
 * have stepped up before its end, the window ends there (and says so).</li>
 * </ol>
 * Around the window it reads the CPU time of the servers' JVMs ({@link ProcessCpu}) and, when asked to, records
 * where the sample's JVM spent it ({@link ExecutionProfile}); the recording starts before the lead-in, since
 * {@code jcmd} may take seconds to start it on a busy machine, and ends right after the window.
 */
final class SignedInLoad {

    /** How many times the warm-up's rate the window's sessions are made for: a warmer JIT goes faster. */
    private static final double MARGIN = 2.0;

    private final URI app;
    private final EmulatorHooks hooks;
    private final SignedInPool pool;
    private final ProcessCpu cpu;
    private final ExecutionProfile profile;
    private final int maxSessions;
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final List<StepUpJourney.Timing> measured = new ArrayList<>();
    private final ConcurrentLinkedQueue<SignedInPool.SignedIn> toCheck = new ConcurrentLinkedQueue<>();
    private final AtomicLong completions = new AtomicLong();
    private volatile boolean counting;
    private volatile boolean stopping;
    private volatile CountDownLatch drained;

    /**
     * @param profile records the sample's JVM during the window, or {@code null}.
     * @param maxSessions the most sessions signed in for the window.
     */
    SignedInLoad(URI app, EmulatorHooks hooks, HttpClient http, ProcessCpu cpu, ExecutionProfile profile,
            int maxSessions) {
        this.app = app;
        this.maxSessions = maxSessions;
        this.hooks = hooks;
        this.pool = new SignedInPool(app, hooks, http);
        this.cpu = cpu;
        this.profile = profile;
    }

    /** One phase's window: step-ups that ended in it, its length, and whether the sessions ran out. */
    private record Phase(long completed, long nanos, boolean cut, long allCompleted, long allNanos) {
        double rate() {
            return nanos >= 1_000_000_000L && completed > 0 ? completed / (nanos / 1e9)
                    : allCompleted / Math.max(allNanos / 1e9, 1e-3);
        }
    }

    LoadResult run(int vus, int warmupSeconds, int seconds) throws IOException, InterruptedException {
        int signInThreads = Math.min(vus, 50);
        pool.signIn(Math.max(3 * vus, 15 * warmupSeconds), signInThreads);
        Phase warm = phase(vus, warmupSeconds / 2.0, warmupSeconds / 2.0, null);
        double lead = Math.max(1, Math.min(5, warmupSeconds / 4.0));
        long needed = (long) Math.ceil(warm.rate() * MARGIN * (lead + seconds)) + vus - pool.size();
        if (needed > 0) {
            pool.signIn((int) Math.min(needed, maxSessions), signInThreads);
        }
        Window window = new Window();
        Phase measuredPhase = phase(vus, lead, seconds, window);
        checkSessions(Math.min(vus, 32));
        List<StepUpJourney.Timing> timings;
        synchronized (measured) {
            timings = List.copyOf(measured);
        }
        Map<String, Long> failures = new TreeMap<>();
        errors.forEach((what, count) -> failures.put(what, count.sum()));
        Map<String, Long> signInFailures = pool.failures();
        LoadResult.Prepared prepared = new LoadResult.Prepared(pool.signedIn(), pool.nanos() / 1e9,
                signInFailures.values().stream().mapToLong(Long::longValue).sum(), warm.rate(), lead,
                measuredPhase.cut());
        return new LoadResult(vus, measuredPhase.nanos(), timings, failures, window.emulator, 0, prepared,
                window.cpu, window.shares);
    }

    /** What is read around the measured window. */
    private final class Window {
        private Map<String, EmulatorHooks.Timing> emulatorBefore;
        private ProcessCpu.Snapshot cpuBefore;
        private Map<String, EmulatorHooks.Timing> emulator;
        private ProcessCpu.Window cpu;
        private ExecutionProfile.Shares shares;

        /** Before the virtual users start: {@code jcmd} can take seconds on a busy machine. */
        void startRecording() throws IOException, InterruptedException {
            if (profile != null) {
                profile.start();
            }
        }

        void open() throws IOException, InterruptedException {
            emulatorBefore = hooks.timings();
            cpuBefore = SignedInLoad.this.cpu.read();
        }

        void close() throws IOException, InterruptedException {
            ProcessCpu.Snapshot cpuAfter = SignedInLoad.this.cpu.read();
            Map<String, EmulatorHooks.Timing> after = hooks.timings();
            cpu = ProcessCpu.between(cpuBefore, cpuAfter);
            emulator = new TreeMap<>();
            after.forEach((key, timing) -> emulator.put(key, timing.minus(emulatorBefore.getOrDefault(key,
                    new EmulatorHooks.Timing(0, 0)))));
        }

        void afterStop() throws IOException, InterruptedException {
            if (profile != null) {
                profile.stop();
                shares = profile.shares();
            }
        }
    }

    /**
     * Runs the virtual users over the signed-in sessions: a lead-in, then a window, which ends early when the
     * sessions run out. With a {@link Window} the window counts (timings, errors, CPU); without, it only tells the
     * rate.
     */
    private Phase phase(int vus, double leadSeconds, double seconds, Window window)
            throws IOException, InterruptedException {
        drained = new CountDownLatch(1);
        stopping = false;
        if (window != null) {
            window.startRecording();
        }
        long begin = System.nanoTime();
        long before = completions.get();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < vus; i++) {
            String vu = Integer.toString(i + 1);
            Thread thread = new Thread(() -> virtualUser(vu, window != null), "vu-" + vu);
            thread.start();
            threads.add(thread);
        }
        drained.await((long) (leadSeconds * 1e9), TimeUnit.NANOSECONDS);
        if (window != null) {
            window.open();
        }
        long start = completions.get();
        long t0 = System.nanoTime();
        counting = window != null;
        boolean cut = drained.await((long) (seconds * 1e9), TimeUnit.NANOSECONDS);
        counting = false;
        long t1 = System.nanoTime();
        long end = completions.get();
        if (window != null) {
            window.close();
        }
        stopping = true;
        if (window != null) {
            window.afterStop();
        }
        for (Thread thread : threads) {
            thread.join(Duration.ofMinutes(2).toMillis());
        }
        return new Phase(end - start, t1 - t0, cut, completions.get() - before, System.nanoTime() - begin);
    }

    private void virtualUser(String vu, boolean measuring) {
        StepUpJourney journey = new StepUpJourney(app);
        long iteration = 0;
        while (!stopping) {
            SignedInPool.SignedIn session = pool.take();
            if (session == null) {
                drained.countDown();
                return;
            }
            iteration++;
            try {
                long nanos = journey.stepUp(session.browser(), session.user(), vu, iteration);
                completions.incrementAndGet();
                if (counting) {
                    synchronized (measured) {
                        measured.add(new StepUpJourney.Timing(0, nanos, nanos));
                    }
                    toCheck.add(session);
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
        if (counting) {
            errors.computeIfAbsent(what, k -> new LongAdder()).increment();
        }
    }

    /**
     * After the window: each session that stepped up in it must still greet its own user. A session that does not
     * is a leak; its step-up leaves the count of completed ones.
     */
    private void checkSessions(int threads) throws InterruptedException {
        StepUpJourney journey = new StepUpJourney(app);
        List<Thread> checkers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread checker = new Thread(() -> {
                SignedInPool.SignedIn session;
                while ((session = toCheck.poll()) != null) {
                    try {
                        journey.checkSession(session.browser(), session.user());
                    } catch (WebClient.UnexpectedAnswer e) {
                        notGreeted(e.getMessage());
                    } catch (IOException | RuntimeException e) {
                        notGreeted("session check: " + e.getClass().getSimpleName());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }, "session-check-" + i);
            checker.start();
            checkers.add(checker);
        }
        for (Thread checker : checkers) {
            checker.join();
        }
    }

    private void notGreeted(String what) {
        errors.computeIfAbsent(what, k -> new LongAdder()).increment();
        synchronized (measured) {
            if (!measured.isEmpty()) {
                measured.remove(measured.size() - 1);
            }
        }
    }
}
