package dev.mfastepup.client;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/**
 * The thread factory to give an {@link Auth0Client} in a test: it keeps the threads it made, so that the test can
 * tell how many there were and whether any is still on a call (the fault plan's "threads back to normal after
 * the fault").
 */
final class CallThreads implements ThreadFactory {

    private final List<Thread> made = new CopyOnWriteArrayList<>();

    @Override
    public Thread newThread(Runnable task) {
        Thread thread = Executors.defaultThreadFactory().newThread(task);
        made.add(thread);
        return thread;
    }

    /** @return how many threads the client made so far. */
    int made() {
        return made.size();
    }

    /** @return the threads made so far. */
    List<Thread> all() {
        return List.copyOf(made);
    }

    /** @return the threads that are on a call: alive and not waiting in the pool for the next one. */
    long busy() {
        return made.stream().filter(Thread::isAlive)
                .filter(t -> Arrays.stream(t.getStackTrace()).noneMatch(f -> f.getMethodName().equals("getTask")))
                .count();
    }

    /**
     * Waits until no thread is on a call, or the time is up.
     *
     * @param atMost the longest wait.
     * @return the threads still on a call at the end.
     * @throws InterruptedException when interrupted.
     */
    long busyAfter(Duration atMost) throws InterruptedException {
        long until = System.nanoTime() + atMost.toNanos();
        // One reading decides both the wait and the answer: a second one could catch a pool thread on its way out
        // (alive, past getTask), which is no call.
        long busy = busy();
        while (busy > 0 && System.nanoTime() < until) {
            Thread.sleep(50);
            busy = busy();
        }
        return busy;
    }
}
