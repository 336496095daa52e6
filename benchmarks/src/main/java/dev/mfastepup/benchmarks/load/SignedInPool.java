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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Users signed in to the sample before a load measures anything: each one a browser (its own cookies) that went
 * through the application's OpenID Connect login at the emulator and holds a session that has never stepped up.
 * A session steps up once: afterwards its token is in the session, and a new demand within the loop breaker's
 * window would be answered as a loop; so a load takes a new one for every step-up.
 */
final class SignedInPool {

    /** A signed-in user and the browser that holds the session. */
    record SignedIn(LoadUser user, WebClient browser) {
    }

    private final StepUpJourney journey;
    private final EmulatorHooks hooks;
    private final HttpClient http;
    private final ConcurrentLinkedQueue<SignedIn> ready = new ConcurrentLinkedQueue<>();
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    private long signedIn;
    private long nanos;

    SignedInPool(URI app, EmulatorHooks hooks, HttpClient http) {
        this.journey = new StepUpJourney(app);
        this.hooks = hooks;
        this.http = http;
    }

    /**
     * Signs in new users, with a number of browsers at once, until that many sessions are ready. A failed sign-in
     * is counted and tried again with another user; more failures than sessions asked for end it.
     *
     * @param count how many sessions to add.
     * @param threads how many sign-ins at once.
     * @throws IOException when the sign-ins keep failing, or the emulator makes no users.
     */
    void signIn(int count, int threads) throws IOException, InterruptedException {
        long start = System.nanoTime();
        ConcurrentLinkedQueue<LoadUser> users = new ConcurrentLinkedQueue<>();
        for (int made = 0; made < count; made += 1000) {
            users.addAll(hooks.createUsers(Math.min(1000, count - made)));
        }
        AtomicInteger toDo = new AtomicInteger(count);
        AtomicInteger failed = new AtomicInteger();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < Math.max(1, Math.min(threads, count)); i++) {
            Thread worker = new Thread(() -> {
                while (toDo.getAndDecrement() > 0 && failed.get() <= count) {
                    if (!signInOne(users)) {
                        failed.incrementAndGet();
                        toDo.incrementAndGet();
                    }
                }
            }, "sign-in-" + i);
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        synchronized (this) {
            nanos += System.nanoTime() - start;
        }
        if (failed.get() > count) {
            throw new IOException("the sign-ins keep failing: " + failures());
        }
    }

    private boolean signInOne(ConcurrentLinkedQueue<LoadUser> users) {
        try {
            LoadUser user = users.poll();
            if (user == null) {
                user = hooks.createUsers(1).get(0);
            }
            WebClient browser = new WebClient(http, Duration.ofSeconds(60));
            journey.signIn(browser, user);
            ready.add(new SignedIn(user, browser));
            synchronized (this) {
                signedIn++;
            }
            return true;
        } catch (WebClient.UnexpectedAnswer e) {
            failures.computeIfAbsent(e.getMessage(), k -> new LongAdder()).increment();
        } catch (IOException | RuntimeException e) {
            failures.computeIfAbsent("I/O or client: " + e.getClass().getSimpleName(), k -> new LongAdder())
                    .increment();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    /** @return a signed-in session that has not stepped up, or {@code null} when none is left. */
    SignedIn take() {
        return ready.poll();
    }

    /** @return how many sessions are ready. */
    int size() {
        return ready.size();
    }

    /** Forgets the sessions not used (they expire on the server). */
    void clear() {
        ready.clear();
    }

    /** @return sessions signed in so far. */
    synchronized long signedIn() {
        return signedIn;
    }

    /** @return the time spent signing in so far, in nanoseconds. */
    synchronized long nanos() {
        return nanos;
    }

    /** @return failed sign-ins by kind. */
    Map<String, Long> failures() {
        Map<String, Long> counted = new TreeMap<>();
        failures.forEach((what, count) -> counted.put(what, count.sum()));
        return counted;
    }
}
