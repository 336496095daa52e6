package dev.mfastepup.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mfastepup.ErrorCodes;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * F14: an answer of 10 MB, and one that never ends, for every call the client makes. Reading stops at
 * {@value GuardedBodyFilter#MAX_BODY_BYTES} bytes: the stub could write no more than what the client's socket
 * buffers take in before the client hung up, the call allocates a fraction of the answer, it ends as the module's
 * "answer too large", and its thread is back in the pool.
 *
 * <p>Nothing here is timed: the byte counts are the stub's, the allocation count is the JVM's per thread, and the
 * timeouts are so long that only the size limit can end the call.
 */
class Auth0ClientHugeAnswerTest {

        private static final long TEN_MB = 10L * 1024 * 1024;

    /**
     * The most bytes the stub may manage to write: the limit, plus the client's buffers and the two sockets'
     * kernel buffers (the stub's send buffer is 8 KB; the client's receive buffer starts at 128 KB here and the
     * kernel may grow it), with room to spare, and still a fifth of 10 MB. Observed: 80 to 480 KB.
     */
    static final long MOST_BYTES_WRITTEN = 2 * 1024 * 1024;

    /** The most bytes the call may allocate, on the calling thread and the call thread. Observed: 0.2 to 1.1 MB. */
    static final long MOST_BYTES_ALLOCATED = 3 * 1024 * 1024;

    private final CallThreads threads = new CallThreads();
    private RawHttpStub auth0;
    private Auth0Client client;

    static Stream<Named<ClientCalls.Call>> calls() {
        return ClientCalls.all();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (client != null) {
            client.close();
        }
        if (auth0 != null) {
            auth0.close();
        }
    }

    @ParameterizedTest
    @MethodSource("calls")
    void f14WhenTheAnswerIsTenMegabytesThenReadingStopsAtTheLimit(ClientCalls.Call call) throws Exception {
        assertStopsAtTheLimit(call, RawHttpStub.huge(200, "application/json", TEN_MB));
    }

    @ParameterizedTest
    @MethodSource("calls")
    void f14WhenTheAnswerNeverEndsThenReadingStopsAtTheLimit(ClientCalls.Call call) throws Exception {
        assertStopsAtTheLimit(call, RawHttpStub.endless(200, "application/json"));
    }

    @ParameterizedTest
    @MethodSource("calls")
    void f14WhenAnErrorAnswerNeverEndsThenItsStatusAloneIsKeptAndTheConnectionDropped(ClientCalls.Call call)
            throws Exception {
        auth0 = new RawHttpStub("127.0.0.1", RawHttpStub.endless(502, "text/html"));
        client = new Auth0Client(ClientConfigs.patient(auth0.baseUrl()), threads);

        IdpException e = assertThrows(IdpException.class, () -> call.call().accept(client));

        assertEquals(ErrorCodes.IDP_UNAVAILABLE, e.code());
        assertEquals(502, e.status());
        awaitHangUps(1);
        assertTrue(auth0.bodyBytesWritten() <= MOST_BYTES_WRITTEN, auth0.bodyBytesWritten() + " bytes written");
        assertEquals(0, threads.busyAfter(Duration.ofSeconds(10)), "threads still on a call");
    }

    private void assertStopsAtTheLimit(ClientCalls.Call call, RawHttpStub.Answer answer) throws Exception {
        auth0 = new RawHttpStub("127.0.0.1", answer);
        client = new Auth0Client(ClientConfigs.patient(auth0.baseUrl()), threads);
        // The first call loads the classes of the path; the second is measured.
        assertTooLarge(call);
        awaitHangUps(1);
        long writtenBefore = auth0.bodyBytesWritten();
        long allocatedBefore = allocated();

        assertTooLarge(call);

        long allocated = allocated() - allocatedBefore;
        awaitHangUps(2);
        long written = auth0.bodyBytesWritten() - writtenBefore;
        System.out.printf("[f14] %s: the stub wrote %d bytes, the call allocated %d bytes%n", call.operation(),
                written, allocated);
        assertTrue(written > GuardedBodyFilter.MAX_BODY_BYTES, "the stub wrote " + written + " bytes");
        assertTrue(written <= MOST_BYTES_WRITTEN, "the client let the stub write " + written + " bytes");
        assertTrue(allocated <= MOST_BYTES_ALLOCATED, "the call allocated " + allocated + " bytes");
        assertEquals(2, auth0.connections(), "one connection per call, never retried");
        assertEquals(0, auth0.answered(), "no answer was read to its end");
        assertEquals(0, threads.busyAfter(Duration.ofSeconds(10)), "threads still on a call");
    }

    private void assertTooLarge(ClientCalls.Call call) {
        IdpException e = assertThrows(IdpException.class, () -> call.call().accept(client));

        assertEquals(ErrorCodes.IDP_BAD_RESPONSE, e.code());
        assertEquals("Auth0 answered " + call.operation() + " with an answer over "
                + GuardedBodyFilter.MAX_BODY_BYTES + " bytes", e.getMessage());
        assertNotNull(cause(e, GuardedBodyFilter.AnswerTooLargeException.class), "the size limit ended the call");
    }

    /** Waits until the stub saw the client hang up on that many answers: the client closed its connection. */
    private void awaitHangUps(int expected) throws InterruptedException {
        // Not a timing bound: a client that keeps the connection open never lets the count reach the value.
        for (int i = 0; i < 600 && auth0.hangUps() < expected; i++) {
            Thread.sleep(50);
        }
        assertEquals(expected, auth0.hangUps(), "the client did not close the connection of the huge answer: the"
                + " stub wrote " + auth0.bodyBytesWritten() + " bytes, " + auth0.answered() + " answers to their end");
    }

    /** The bytes allocated so far by the calling thread and by every thread of the client's pool. */
    private long allocated() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long total = mx.getThreadAllocatedBytes(Thread.currentThread().getId());
        for (Thread thread : threads.all()) {
            total += Math.max(0, mx.getThreadAllocatedBytes(thread.getId()));
        }
        return total;
    }

    private static <T extends Throwable> T cause(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }
}
