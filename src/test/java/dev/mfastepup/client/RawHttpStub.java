package dev.mfastepup.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stub Auth0 on a raw socket, for what WireMock cannot show: how many connections were opened, how many bytes
 * of an answer the client let the stub write before it hung up, and answers that never end. Each connection
 * carries one request and one answer ({@code Connection: close}), so that connections and requests count alike.
 */
final class RawHttpStub implements AutoCloseable {

    /** What the stub answers to one request. */
    @FunctionalInterface
    interface Answer {
        /**
         * Writes the answer.
         *
         * @param request the request line, such as {@code POST /oauth/token HTTP/1.1}.
         * @param out the connection; its body bytes are counted.
         */
        void write(String request, Output out) throws IOException, InterruptedException;
    }

    private final ServerSocket server;
    private final Thread acceptor;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> heads = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicLong bodyBytesWritten = new AtomicLong();
    private final AtomicInteger hangUps = new AtomicInteger();
    private final AtomicInteger answered = new AtomicInteger();
    private volatile Answer answer;

    /**
     * Starts the stub on a free port.
     *
     * @param address the loopback address to listen on, such as 127.0.0.1 or 127.0.0.2 (another host).
     * @param answer what it answers.
     */
    RawHttpStub(String address, Answer answer) throws IOException {
        this.answer = answer;
        this.server = new ServerSocket(0, 50, InetAddress.getByName(address));
        this.acceptor = new Thread(this::accept, "raw-stub-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String baseUrl() {
        return "http://" + server.getInetAddress().getHostAddress() + ":" + server.getLocalPort();
    }

    void answer(Answer next) {
        this.answer = next;
    }

    /** @return the connections the stub accepted. */
    int connections() {
        return connections.get();
    }

    /** @return the request lines received, in order. */
    List<String> requests() {
        return List.copyOf(requests);
    }

    /** @return the heads of the requests received (request line and headers), in order. */
    List<String> heads() {
        return List.copyOf(heads);
    }

    /** @return the bytes of answer bodies the stub wrote: whatever the client's socket took in. */
    long bodyBytesWritten() {
        return bodyBytesWritten.get();
    }

    /** @return the answers whose writing failed because the client had closed the connection. */
    int hangUps() {
        return hangUps.get();
    }

    /** @return the answers written to their end. */
    int answered() {
        return answered.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.incrementAndGet();
                sockets.add(socket);
                Thread handler = new Thread(() -> serve(socket), "raw-stub-connection");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            // A small send buffer, so that what the stub wrote is close to what the client took in.
            socket.setSendBufferSize(8 * 1024);
            InputStream in = socket.getInputStream();
            Output out = new Output(socket.getOutputStream());
            do {
                // One request after the other on the connection, for as long as the answers keep it alive.
                String head = readHead(in);
                if (head == null) {
                    return;
                }
                requests.add(head.lines().findFirst().orElse(""));
                heads.add(head);
                readBody(in, head);
                out.keepAlive = false;
                answer.write(head.lines().findFirst().orElse(""), out);
                out.flush();
                answered.incrementAndGet();
            } while (out.keepAlive);
        } catch (SocketException hungUp) {
            hangUps.incrementAndGet();
        } catch (IOException | InterruptedException | RuntimeException ignored) {
            // the test sees what the stub counted
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            byte[] read = head.toByteArray();
            int n = read.length;
            if (n >= 4 && read[n - 4] == '\r' && read[n - 3] == '\n' && read[n - 2] == '\r' && read[n - 1] == '\n') {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    /** Reads the request body, so that closing the connection later sends no reset that could eat the answer. */
    private static void readBody(InputStream in, String head) throws IOException {
        String lower = head.toLowerCase(Locale.ROOT);
        int length = lower.indexOf("\ncontent-length:");
        if (length >= 0) {
            int end = lower.indexOf('\r', length);
            in.readNBytes(Integer.parseInt(lower.substring(length + 16, end).strip()));
        } else if (lower.contains("\ntransfer-encoding: chunked")) {
            while (true) {
                int size = Integer.parseInt(readLine(in).split(";")[0].strip(), 16);
                in.readNBytes(size);
                readLine(in);
                if (size == 0) {
                    return;
                }
            }
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }

    /** The answer's side of a connection: the head as text, the body counted. */
    final class Output {
        private final OutputStream out;
        private boolean keepAlive;

        private Output(OutputStream out) {
            this.out = out;
        }

        /** Writes the status line and headers, ending with the empty line. */
        void head(String statusLine, String... headers) throws IOException {
            StringBuilder head = new StringBuilder(statusLine).append("\r\n");
            for (String header : headers) {
                head.append(header).append("\r\n");
            }
            head.append("Connection: close\r\n\r\n");
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }

        /** Writes the status line and headers of an answer after which the connection stays open. */
        void headKeepingAlive(String statusLine, String... headers) throws IOException {
            StringBuilder head = new StringBuilder(statusLine).append("\r\n");
            for (String header : headers) {
                head.append(header).append("\r\n");
            }
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            keepAlive = true;
        }

        /** Writes body bytes and counts those the client's socket took. */
        void body(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
            bodyBytesWritten.addAndGet(bytes.length);
        }

        /** Writes one chunk of a chunked body. */
        void chunk(byte[] bytes) throws IOException {
            out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            body(bytes);
            out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }

        void flush() throws IOException {
            out.flush();
        }
    }

    // Answers ----------------------------------------------------------------------------------------------------

    /** An answer with a complete body. */
    static Answer fixed(int status, String contentType, String body, String... headers) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return (request, out) -> {
            String[] all = new String[headers.length + 2];
            System.arraycopy(headers, 0, all, 0, headers.length);
            all[headers.length] = "Content-Type: " + contentType;
            all[headers.length + 1] = "Content-Length: " + bytes.length;
            out.head("HTTP/1.1 " + status + " Stub", all);
            out.body(bytes);
        };
    }

    /** A complete JSON answer after which the connection stays open for the next request. */
    static Answer keptAlive(int status, String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return (request, out) -> {
            out.headKeepingAlive("HTTP/1.1 " + status + " Stub", "Content-Type: application/json",
                    "Content-Length: " + bytes.length);
            out.body(bytes);
        };
    }

    /** No answer at all: the request is read to its end, and the connection closed. */
    static Answer dropAfterReading() {
        return (request, out) -> {
        };
    }

    /** The first answer to the first request, the second to the second, and so on; the last one to the rest. */
    static Answer inTurn(Answer... answers) {
        AtomicInteger next = new AtomicInteger();
        return (request, out) -> answers[Math.min(next.getAndIncrement(), answers.length - 1)].write(request, out);
    }

    /** A body of {@code length} bytes announced by {@code Content-Length}, written 8 KB at a time. */
    static Answer huge(int status, String contentType, long length) {
        return (request, out) -> {
            out.head("HTTP/1.1 " + status + " Stub", "Content-Type: " + contentType, "Content-Length: " + length);
            byte[] piece = filler();
            for (long left = length; left > 0; left -= piece.length) {
                out.body(left >= piece.length ? piece : java.util.Arrays.copyOf(piece, (int) left));
            }
        };
    }

    /** A chunked body that never ends: 8 KB chunks until the client hangs up (or, as a safety net, 1 GB). */
    static Answer endless(int status, String contentType) {
        return (request, out) -> {
            out.head("HTTP/1.1 " + status + " Stub", "Content-Type: " + contentType, "Transfer-Encoding: chunked");
            byte[] piece = filler();
            for (long sent = 0; sent < 1L << 30; sent += piece.length) {
                out.chunk(piece);
            }
        };
    }

    /** 8 KB of a JSON array's elements, the first piece of an array that is never closed. */
    private static byte[] filler() {
        String element = "{\"id\":\"totp|dev\",\"authenticator_type\":\"otp\",\"active\":true},";
        StringBuilder piece = new StringBuilder("[");
        while (piece.length() + element.length() <= 8 * 1024) {
            piece.append(element);
        }
        while (piece.length() < 8 * 1024) {
            piece.append(' ');
        }
        return piece.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Headers at once, then the body one byte at a time, each after a pause. */
    static Answer dribble(String contentType, String body, long pauseMillis) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return (request, out) -> {
            out.head("HTTP/1.1 200 Stub", "Content-Type: " + contentType, "Content-Length: " + bytes.length);
            for (byte b : bytes) {
                Thread.sleep(pauseMillis);
                out.body(new byte[] {b});
            }
        };
    }

    /** Holds the request, answering nothing, until the latch is released or the hang ends. */
    static Answer hang(CountDownLatch release, long atMostSeconds, Answer then) {
        return (request, out) -> {
            release.await(atMostSeconds, TimeUnit.SECONDS);
            then.write(request, out);
        };
    }
}
