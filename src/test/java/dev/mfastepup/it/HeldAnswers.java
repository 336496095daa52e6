package dev.mfastepup.it;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Auth0 hanging (F2) under the test's control: a WireMock transformer that holds each request it is stubbed on
 * until the test {@linkplain #releaseAll() releases} it (or a safety ceiling passes), then answers with the stub's
 * own answer. A test can thus tell, whatever the load on the machine, whether an answer of the module came while
 * Auth0 still held the request: only the module's own deadline can have produced it. Stub with
 * {@code aResponse()...withTransformers(HeldAnswers.NAME)}.
 */
final class HeldAnswers implements ResponseDefinitionTransformerV2 {

    /** The transformer's name, for {@code withTransformers}. */
    static final String NAME = "held-answers";

    /**
     * The longest a request is held when the test never releases it: then the stub answers after all, so that a
     * module that waits for Auth0 instead of cutting the call at its deadline gets Auth0's answer and fails the
     * test. Far above the tests' deadlines, and below the 30 s the tests' browser waits for a page.
     */
    static final Duration CEILING = Duration.ofSeconds(20);

    private final AtomicInteger arrived = new AtomicInteger();
    private final AtomicInteger answered = new AtomicInteger();
    private volatile CountDownLatch release = new CountDownLatch(1);

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        CountDownLatch mine = release;
        synchronized (this) {
            arrived.incrementAndGet();
            notifyAll();
        }
        try {
            mine.await(CEILING.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            answered.incrementAndGet();
        }
        return event.getResponseDefinition();
    }

    /** @return how many requests were held since the stub started. */
    int arrived() {
        return arrived.get();
    }

    /**
     * Waits until at least so many requests were held since the stub started.
     *
     * @param count the count to reach.
     * @param timeout how long to wait at most.
     * @return whether the count was reached.
     */
    synchronized boolean awaitArrived(int count, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (arrived.get() < count) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    /** @return how many held requests were let go and answered since the stub started. */
    int answered() {
        return answered.get();
    }

    /** Lets every held request answer; requests that arrive afterwards are held again. */
    void releaseAll() {
        CountDownLatch held = release;
        release = new CountDownLatch(1);
        held.countDown();
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }
}
