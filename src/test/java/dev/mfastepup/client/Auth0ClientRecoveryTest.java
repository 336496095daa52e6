package dev.mfastepup.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static dev.mfastepup.TestConfigs.DOMAIN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.mfastepup.Auth0Stubs;
import dev.mfastepup.MutableClock;
import dev.mfastepup.TestConfigs;
import dev.mfastepup.config.MfaStepUpConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a fault leaves behind once it is over: every caller was answered within its bounds while Auth0 hung, no
 * more threads were made than the bulkhead allows, and once Auth0 answers again the module's threads are idle and
 * calls go through (security checklist §2: "threads back to normal after the fault").
 */
class Auth0ClientRecoveryTest {

    @RegisterExtension
    static WireMockExtension auth0 = Auth0Stubs.server();

    private static final String RAW = "raw_mfa_tok";
    private static final int CALLERS = 20;

    private final CallThreads threads = new CallThreads();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T08:00:00Z"));
    private final MfaStepUpConfig config = TestConfigs.config(auth0.baseUrl());
    private final Auth0Client client = new Auth0Client(config, threads, clock);
    private final ExecutorService callers = Executors.newFixedThreadPool(CALLERS);

    @AfterEach
    void tearDown() {
        callers.shutdownNow();
        client.close();
    }

    @Test
    void f2WhenAuth0HangsUnderABurstThenEveryCallerIsAnsweredInTimeAndThePoolIsIdleOnceItAnswersAgain()
            throws Exception {
        auth0.stubFor(get("/mfa/authenticators").willReturn(aResponse().withFixedDelay(5_000)
                .withHeader("Content-Type", "application/json").withBody("[]")));

        List<Duration> waits = burst();

        // Each caller hears within the deadline, plus the second a call may wait for a free slot.
        Duration bound = config.callDeadline().plus(IdpCallExecutor.LONGEST_QUEUE_WAIT).plusMillis(500);
        Duration longest = waits.stream().max(Duration::compareTo).orElseThrow();
        assertTrue(longest.compareTo(bound) <= 0, "longest wait " + longest + ", bound " + bound);
        assertTrue(threads.made() <= config.maxConcurrentCalls(), threads.made() + " threads made");

        // The fault ends, and the circuit breaker's pause with it.
        auth0.stubFor(get("/mfa/authenticators").willReturn(okJson("[]")));
        clock.advance(CircuitBreaker.OPEN_FOR.plusSeconds(1));
        assertEquals(0, threads.busyAfter(Duration.ofSeconds(10)), "threads still on a call 10 s after the fault");
        System.out.printf("[f2-recovery] %d callers while Auth0 hung: longest wait %d ms (bound %d ms), %d threads"
                + " made (at most %d), none of them still on a call once it answered again%n", CALLERS,
                longest.toMillis(), bound.toMillis(), threads.made(), config.maxConcurrentCalls());
        assertEquals(List.of(), client.listAuthenticators(DOMAIN, RAW), "the trial call closes the breaker");
        for (Duration wait : burst()) {
            assertTrue(wait.compareTo(Duration.ofSeconds(2)) < 0, "after the fault: " + wait);
        }
        assertTrue(threads.made() <= config.maxConcurrentCalls(), threads.made() + " threads made");
    }

    /** {@value #CALLERS} callers at once; returns how long each waited, and fails on an unexpected outcome. */
    private List<Duration> burst() throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Duration>> answers = new ArrayList<>();
        for (int caller = 0; caller < CALLERS; caller++) {
            answers.add(callers.submit(() -> {
                start.await();
                long began = System.nanoTime();
                try {
                    client.listAuthenticators(DOMAIN, RAW);
                } catch (IdpException failure) {
                    assertTrue(failure.isUnavailable(), failure.code());
                }
                return Duration.ofNanos(System.nanoTime() - began);
            }));
        }
        start.countDown();
        List<Duration> waits = new ArrayList<>();
        for (Future<Duration> answer : answers) {
            waits.add(answer.get());
        }
        return waits;
    }
}
