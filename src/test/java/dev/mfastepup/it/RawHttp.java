package dev.mfastepup.it;

import dev.mfastepup.testing.Canaries;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * HTTP/1.1 written by hand on a socket, for what {@link java.net.http.HttpClient} refuses to send: a request
 * target with backslashes, raw control characters or broken %-encoding, and a forged {@code Host} header.
 */
final class RawHttp {

    private RawHttp() {
        // static only
    }

    /**
     * An answer: the status, the header lines as sent, and the body.
     *
     * @param status the status code.
     * @param headers the header lines, such as {@code Location: /x}.
     * @param body the body, as ISO-8859-1 text.
     */
    record Answer(int status, List<String> headers, String body) {

        /**
         * Returns the first header of a name.
         *
         * @param name the header name, in any case.
         * @return its value.
         */
        Optional<String> header(String name) {
            String prefix = name.toLowerCase(Locale.ROOT) + ":";
            return headers.stream().filter(h -> h.toLowerCase(Locale.ROOT).startsWith(prefix))
                    .map(h -> h.substring(prefix.length()).strip()).findFirst();
        }
    }

    /**
     * Sends one request and reads the whole answer; the connection is closed afterwards. The session ids sent and
     * received are recorded as canaries ({@link Canaries}).
     *
     * @param server the server, for its host and port.
     * @param requestLineAndHeaders the request line and header lines, without the final empty line; a
     *        {@code Connection: close} is added.
     * @param body the body, or {@code null}.
     * @return the answer.
     */
    static Answer send(URL server, String requestLineAndHeaders, byte[] body) {
        try (Socket socket = new Socket(server.getHost(), server.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            StringBuilder head = new StringBuilder(requestLineAndHeaders).append("\r\nConnection: close\r\n");
            if (body != null) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                try {
                    out.write(body);
                    out.flush();
                } catch (IOException answeredEarly) {
                    // The server may answer (413, say) and close before it has read the body: read its answer.
                }
            }
            Canaries.sessionsIn(requestLineAndHeaders);
            Answer answer = parse(readAll(socket.getInputStream()));
            Canaries.sessionsIn(String.join("\n", answer.headers()));
            return answer;
        } catch (IOException e) {
            throw new AssertionError("raw request failed: " + requestLineAndHeaders.lines().findFirst().orElse(""), e);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        return all.toByteArray();
    }

    private static Answer parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        String head = end < 0 ? text : text.substring(0, end);
        String body = end < 0 ? "" : text.substring(end + 4);
        List<String> lines = new ArrayList<>(head.lines().toList());
        if (lines.isEmpty() || !lines.get(0).startsWith("HTTP/1.1 ")) {
            throw new AssertionError("not an HTTP answer: " + head);
        }
        int status = Integer.parseInt(lines.remove(0).substring(9, 12));
        return new Answer(status, List.copyOf(lines), body);
    }
}
