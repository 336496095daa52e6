package dev.mfastepup.filter;

import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Mockito response that records its status, headers and body, with a buffer that {@code resetBuffer()} really
 * empties. It can pretend to be committed, or that the application already took the writer.
 */
final class CapturedResponse {

    private final HttpServletResponse response = mock(HttpServletResponse.class);
    private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final StringWriter chars = new StringWriter();
    private int status = HttpServletResponse.SC_OK;
    private boolean committed;
    private boolean writerTaken;
    private boolean streamTaken;

    CapturedResponse() {
        when(response.getStatus()).thenAnswer(i -> status);
        doAnswer(i -> status = i.getArgument(0)).when(response).setStatus(anyInt());
        doAnswer(i -> set(i.getArgument(0), i.getArgument(1))).when(response).setHeader(anyString(), anyString());
        doAnswer(i -> headers.computeIfAbsent(i.getArgument(0), k -> new ArrayList<>()).add(i.getArgument(1)))
                .when(response).addHeader(anyString(), anyString());
        doAnswer(i -> set("Content-Type", i.getArgument(0))).when(response).setContentType(anyString());
        doAnswer(i -> set("Content-Length", String.valueOf(i.<Integer>getArgument(0))))
                .when(response).setContentLength(anyInt());
        when(response.getHeader(anyString())).thenAnswer(i -> header(i.getArgument(0)));
        when(response.isCommitted()).thenAnswer(i -> committed);
        doAnswer(i -> {
            if (committed) {
                throw new IllegalStateException("committed");
            }
            bytes.reset();
            chars.getBuffer().setLength(0);
            return null;
        }).when(response).resetBuffer();
        try {
            when(response.getOutputStream()).thenAnswer(i -> {
                if (writerTaken) {
                    throw new IllegalStateException("getWriter() has already been called");
                }
                streamTaken = true;
                return new CapturingStream(bytes);
            });
            when(response.getWriter()).thenAnswer(i -> {
                if (streamTaken) {
                    throw new IllegalStateException("getOutputStream() has already been called");
                }
                writerTaken = true;
                return new PrintWriter(chars, true);
            });
        } catch (java.io.IOException impossible) {
            throw new AssertionError(impossible);
        }
    }

    /** @return the response mock. */
    HttpServletResponse response() {
        return response;
    }

    /** Makes the response committed, as after the first flush. */
    CapturedResponse committed() {
        committed = true;
        return this;
    }

    /** Makes the application have taken the writer already, with some output in the buffer. */
    CapturedResponse writerTaken(String alreadyWritten) {
        writerTaken = true;
        chars.write(alreadyWritten);
        return this;
    }

    /** Puts some output of the application in the buffer, through the stream. */
    CapturedResponse streamWritten(String alreadyWritten) {
        bytes.writeBytes(alreadyWritten.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    int status() {
        return status;
    }

    String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    Map<String, List<String>> headers() {
        return headers;
    }

    /** @return everything written, through the stream and the writer. */
    String body() {
        return bytes.toString(StandardCharsets.UTF_8) + chars;
    }

    /** @return everything sent: status, headers and body, for looking for what must never be there. */
    String everything() {
        return status + " " + headers + " " + body();
    }

    private Object set(String name, String value) {
        List<String> values = new ArrayList<>();
        values.add(value);
        headers.put(name, values);
        return null;
    }

    private static final class CapturingStream extends ServletOutputStream {

        private final ByteArrayOutputStream target;

        CapturingStream(ByteArrayOutputStream target) {
            this.target = target;
        }

        @Override
        public void write(int b) {
            target.write(b);
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            throw new UnsupportedOperationException();
        }
    }
}
