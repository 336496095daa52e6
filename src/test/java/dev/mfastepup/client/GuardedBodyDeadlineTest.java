package dev.mfastepup.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * SEC-34: reading an answer's body stops at the call deadline, whatever the read timeout, so that a body that drips
 * forever cannot hold the call's thread (and its slot of the bulkhead) after the caller was told Auth0 is too slow.
 * The request thread has the executor's deadline too; this is the deadline of the thread that reads. No clock is
 * waited for: the deadline is set in the past or far in the future.
 */
class GuardedBodyDeadlineTest {

    /** A body that never ends: every read gets one more byte at once. */
    private static InputStream endless() {
        return new InputStream() {
            @Override
            public int read() {
                return 'x';
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                buffer[offset] = 'x';
                return 1;
            }
        };
    }

    @Test
    void sec34WhenTheDeadlineHasPassedThenTheNextReadOfTheBodyFails() {
        InputStream guarded = new GuardedBodyFilter.GuardedInputStream(endless(), GuardedBodyFilter.MAX_BODY_BYTES,
                System.nanoTime() - 1);

        assertThrows(GuardedBodyFilter.DeadlineExceededException.class, () -> guarded.read(new byte[16], 0, 16));
        assertThrows(GuardedBodyFilter.DeadlineExceededException.class, guarded::read);
    }

    @Test
    void sec34BeforeTheDeadlineTheBodyIsReadUpToItsLimit() throws IOException {
        InputStream guarded = new GuardedBodyFilter.GuardedInputStream(endless(), 4,
                System.nanoTime() + TimeUnit.MINUTES.toNanos(10));

        assertEquals(1, guarded.read(new byte[16], 0, 16));
        assertEquals('x', guarded.read());
        assertEquals(1, guarded.read(new byte[16], 0, 16));
        assertEquals('x', guarded.read());
        assertThrows(GuardedBodyFilter.AnswerTooLargeException.class, guarded::read);
    }
}
