package dev.mfastepup.client;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;
import jakarta.ws.rs.core.MediaType;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Locale;

/**
 * Bounds every answer of Auth0 in size and in time, and lets a JSON answer through only when it is one JSON value.
 *
 * <p>{@link SendOnceTransport} already reads every answer within the call deadline and up to
 * {@value #MAX_BODY_BYTES} bytes; this filter holds the same bounds a second time, at the Rest Client, so that they
 * do not rest on one part alone. It notes the deadline when the request leaves and wraps the answer's body in a
 * stream that fails once the deadline has passed or more than {@value #MAX_BODY_BYTES} bytes came in.
 *
 * <p>A JSON body is then read (within those bounds) and checked by {@link JsonBodies#isOneValue(byte[])}: JSON-B
 * stops at the end of the first value and would take {@code {"error":"x"}<anything>}, such as two answers run
 * together or a body cut and spliced by a proxy, for a good answer. Such a body fails the call as
 * {@link MalformedAnswerException}.
 */
public final class GuardedBodyFilter implements ClientRequestFilter, ClientResponseFilter {

    /** The most bytes read of any answer of Auth0; no answer of the MFA API comes near it. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private static final String PROPERTY_DEADLINE = GuardedBodyFilter.class.getName() + ".deadline";

    private final long deadlineNanos;

    /**
     * Creates the filter.
     *
     * @param callDeadline how long a call may take in all, from sending the request to the last byte read.
     */
    public GuardedBodyFilter(Duration callDeadline) {
        this.deadlineNanos = callDeadline.toNanos();
    }

    @Override
    public void filter(ClientRequestContext request) {
        request.setProperty(PROPERTY_DEADLINE, System.nanoTime() + deadlineNanos);
    }

    @Override
    public void filter(ClientRequestContext request, ClientResponseContext response) throws IOException {
        if (response.hasEntity()) {
            Object deadline = request.getProperty(PROPERTY_DEADLINE);
            long deadlineAt = deadline instanceof Long at ? at : System.nanoTime() + deadlineNanos;
            InputStream guarded = new GuardedInputStream(response.getEntityStream(), MAX_BODY_BYTES, deadlineAt);
            if (isJson(response.getMediaType())) {
                byte[] body = guarded.readAllBytes();
                if (body.length > 0 && !JsonBodies.isOneValue(body)) {
                    throw new MalformedAnswerException();
                }
                guarded = new ByteArrayInputStream(body);
            }
            response.setEntityStream(guarded);
        }
    }

    private static boolean isJson(MediaType type) {
        return type != null && ("json".equalsIgnoreCase(type.getSubtype())
                || type.getSubtype().toLowerCase(Locale.ROOT).endsWith("+json"));
    }

    /** A JSON answer that is not exactly one JSON value: malformed, or with something after it. */
    static final class MalformedAnswerException extends IOException {
        private static final long serialVersionUID = 1L;

        MalformedAnswerException() {
            super("Auth0's answer is not one well-formed JSON value");
        }
    }

    /** The body of an answer grew past the size limit. */
    static final class AnswerTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        AnswerTooLargeException(int limit) {
            super("Auth0's answer is larger than " + limit + " bytes");
        }
    }

    /** The call's deadline passed while the body was still being read. */
    static final class DeadlineExceededException extends InterruptedIOException {
        private static final long serialVersionUID = 1L;

        DeadlineExceededException() {
            super("Auth0's answer did not arrive within the call deadline");
        }
    }

    static final class GuardedInputStream extends FilterInputStream {

        private final int maxBytes;
        private final long deadlineAt;
        private long count;

        GuardedInputStream(InputStream in, int maxBytes, long deadlineAt) {
            super(in);
            this.maxBytes = maxBytes;
            this.deadlineAt = deadlineAt;
        }

        @Override
        public int read() throws IOException {
            checkDeadline();
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            checkDeadline();
            int n = super.read(buffer, offset, length);
            if (n != -1) {
                count(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            checkDeadline();
            long skipped = super.skip(n);
            count(skipped);
            return skipped;
        }

        private void checkDeadline() throws DeadlineExceededException {
            if (System.nanoTime() - deadlineAt > 0) {
                throw abandon(new DeadlineExceededException());
            }
        }

        private void count(long n) throws AnswerTooLargeException {
            count += n;
            if (count > maxBytes) {
                throw abandon(new AnswerTooLargeException(maxBytes));
            }
        }

        /**
         * Closes the answer before its end: the Rest Client closes no answer whose filter failed, and whatever
         * stream it read from would stay open until the garbage collector found it.
         */
        private <E extends IOException> E abandon(E failure) {
            try {
                in.close();
            } catch (IOException alreadyBroken) {
                // the call fails with the first failure; the connection is gone either way
            }
            return failure;
        }
    }
}
