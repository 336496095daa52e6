package dev.mfastepup.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Keeps a copy of what Payara Micro logs. The Arquillian connector copies the server's console, line by line,
 * to {@code System.out} of the test JVM; this tees {@code System.out} into memory from before the first
 * deployment, so that tests can check what the server wrote (no token, no secret). Nothing else in the
 * integration tests writes to {@code System.out}; the Auth0 stub logs to {@code System.err}.
 *
 * <p>On Open Liberty ({@link ItServer#liberty()}) the copy is what the one server of the run wrote to its
 * {@code messages.log} since it started, read on each call as the file grows and in java.util.logging's simple format
 * ({@link LibertyLog}); its raw log files count among {@link #files()}.
 */
final class ServerLog {

    private static final ByteArrayOutputStream COPY = new ByteArrayOutputStream();

    private static final Set<Path> FILES = new LinkedHashSet<>();

    private static boolean installed;

    private static LibertyLog.Follower liberty;

    private ServerLog() {
        // static only
    }

    /** Starts copying {@code System.out}; later calls do nothing. */
    static synchronized void install() {
        if (installed) {
            return;
        }
        if (ItServer.liberty()) {
            liberty = new LibertyLog.Follower(LibertyLog.logsDirectory().resolve("messages.log"));
            installed = true;
            return;
        }
        PrintStream original = System.out;
        System.setOut(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                original.write(b);
                synchronized (COPY) {
                    COPY.write(b);
                }
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                original.write(bytes, offset, length);
                synchronized (COPY) {
                    COPY.write(bytes, offset, length);
                }
            }

            @Override
            public void flush() {
                original.flush();
            }
        }, true, StandardCharsets.UTF_8));
        installed = true;
    }

    /**
     * Notes a log file that a server of this test JVM writes outside this copy (the servers of a cluster), so
     * that the check for secrets must read it: a log this run produced is never skipped because it is missing.
     *
     * @param file the log file.
     */
    static synchronized void produced(Path file) {
        FILES.add(file.toAbsolutePath());
    }

    /**
     * Returns the log files noted with {@link #produced(Path)}, in order, and on Open Liberty every file in its
     * {@code logs} directory (messages, traces, FFDC reports).
     *
     * @return the files.
     */
    static synchronized List<Path> files() {
        List<Path> files = new ArrayList<>(FILES);
        if (ItServer.liberty()) {
            try (Stream<Path> logs = Files.walk(LibertyLog.logsDirectory())) {
                logs.filter(Files::isRegularFile).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return List.copyOf(files);
    }

    /** On Open Liberty, adds what its log gained since the last call to the copy. */
    private static void catchUp() {
        LibertyLog.Follower follower;
        synchronized (ServerLog.class) {
            follower = liberty;
        }
        if (follower != null) {
            byte[] gained = follower.next().getBytes(StandardCharsets.UTF_8);
            COPY.write(gained, 0, gained.length);
        }
    }

    /**
     * Returns how many bytes were copied so far: a mark for {@link #since(int)}.
     *
     * @return the length of the copy.
     */
    static int length() {
        synchronized (COPY) {
            catchUp();
            return COPY.size();
        }
    }

    /**
     * Returns what was logged after a mark, at once (without the pause of {@link #text()}).
     *
     * @param mark a value {@link #length()} returned earlier.
     * @return the copied log from the mark on.
     */
    static String since(int mark) {
        synchronized (COPY) {
            catchUp();
            byte[] bytes = COPY.toByteArray();
            int from = Math.min(mark, bytes.length);
            return new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8);
        }
    }

    /**
     * Returns what was logged so far, after a short pause: the connector reads the server's console on a thread
     * of its own, a little behind.
     *
     * @return the copied log.
     */
    static String text() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (COPY) {
            catchUp();
            return COPY.toString(StandardCharsets.UTF_8);
        }
    }
}
