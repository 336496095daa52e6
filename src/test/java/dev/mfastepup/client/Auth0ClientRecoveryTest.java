package dev.mfastepup.client;

import static dev.mfastepup.TestConfigs.DOMAIN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mfastepup.MutableClock;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a fault leaves behind once it is over: every caller was answered by the module's own bounds while Auth0
 * hung, no more threads were made than the bulkhead allows, the threads came back before Auth0 answered again,
 * and once it does, calls go through (security checklist §2: "threads back to normal after the fault"). Nothing
 * is timed: the stub holds every request until the test ends the fault.
 */
class Auth0ClientRecoveryTest {

    private static final String RAW = "raw_mfa_tok";
    private static final int CALLERS = 20;

    private final CallThreads threads = new CallThreads();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T08:00:00Z"));
    private final CountDownLatch faultEnds = new CountDownLatch(1);
    private final ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
    private RawHttpStub auth0;
    private MfaStepUpConfig config;
    private Auth0Client client;

    @BeforeEach
    void setUp() throws Exception {
        // Auth0 hangs: it holds every request for 30 s, or until the test ends the fault.
        auth0 = new RawHttpStub("127.0.0.1",
                RawHttpStub.hang(faultEnds, 30, RawHttpStub.fixed(200, "application/json", "[]")));
        // The default timeouts (5 s read, 5 s deadline): long enough that the stub's answers after the fault
        // come in time however loaded the machine is, and far below the stub's 30 s hang.
        config = ClientConfigs.withTimeouts(auth0.baseUrl(), Duration.ofSeconds(2), Duration.ofSeconds(5),
                Duration.ofSeconds(5));
        client = new Auth0Client(config, threads, clock);
    }

    @AfterEach
    void tearDown() throws Exception {
        faultEnds.countDown();
        callers.shutdownNow();
        client.close();
        auth0.close();
    }

    @Test
    void f2WhenAuth0HangsUnderABurstThenEveryCallerIsAnsweredBeforeItAndThePoolIsIdleOnceItAnswersAgain()
            throws Exception {
        List<Object> outcomes = burst(CALLERS);

        // Each caller heard from the module's own bounds (a timeout, no free slot, the breaker) while Auth0 still
        // held every request: none of them waited for Auth0.
        assertEquals(0, auth0.answered(), "the stub answered during the fault");
        for (Object outcome : outcomes) {
            IdpException failure = assertInstanceOf(IdpException.class, outcome, "a caller got an answer");
            assertTrue(failure.isUnavailable(), failure.code());
        }
        assertTrue(threads.made() <= config.maxConcurrentCalls(), threads.made() + " threads made");
        // The threads come back while Auth0 still hangs; the 10 s are slack over the 5 s read timeout.
        assertEquals(0, threads.busyAfter(Duration.ofSeconds(10)), "threads still on a call during the fault");
        int connectionsDuringTheFault = auth0.connections();

        // The fault ends, and the circuit breaker's pause with it.
        auth0.answer(RawHttpStub.fixed(200, "application/json", "[]"));
        faultEnds.countDown();
        clock.advance(CircuitBreaker.OPEN_FOR.plusSeconds(1));
        assertEquals(List.of(), client.listAuthenticators(DOMAIN, RAW), "the trial call closes the breaker");
        // As many callers at once as there are slots: every one is answered, so every slot and thread is free.
        for (Object outcome : burst(config.maxConcurrentCalls())) {
            assertEquals(List.of(), outcome, "after the fault");
        }
        assertTrue(threads.made() <= config.maxConcurrentCalls(), threads.made() + " threads made");
        System.out.printf("[f2-recovery] %d callers while Auth0 hung: all answered by the module's bounds before"
                + " Auth0 answered, over %d connections; %d threads made (at most %d), none of them still on a"
                + " call during the fault; %d callers at once afterwards, all answered%n", CALLERS,
                connectionsDuringTheFault, threads.made(), config.maxConcurrentCalls(), config.maxConcurrentCalls());
    }

    /** That many callers at once; returns what each got: the list, or the {@link IdpException}. */
    private List<Object> burst(int count) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Object>> answers = new ArrayList<>();
        for (int caller = 0; caller < count; caller++) {
            answers.add(callers.submit(() -> {
                start.await();
                try {
                    return client.listAuthenticators(DOMAIN, RAW);
                } catch (IdpException failure) {
                    return failure;
                }
            }));
        }
        start.countDown();
        List<Object> outcomes = new ArrayList<>();
        for (Future<Object> answer : answers) {
            outcomes.add(answer.get());
        }
        return outcomes;
    }
}
