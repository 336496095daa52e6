package dev.mfastepup.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads what the server of the integration tests logs, from before the first deployment on, so that tests can
 * check what the server wrote (no token, no secret).
 *
 * <p>On Payara Micro the log is its console: the Arquillian connector copies it, line by line, to
 * {@code System.out} of the test JVM, and this tees {@code System.out} into memory. Nothing else in the
 * integration tests writes to {@code System.out}; the Auth0 stub logs to {@code System.err}.
 *
 * <p>When the build names a log file in the system property {@value #PROPERTY_LOG_FILE} (WildFly's
 * {@code standalone/log/server.log}, where its records of every level go, while its console has only those at INFO
 * and above; Open Liberty's {@code logs/messages.log}, which holds its messages and the module's traces as JSON
 * lines), the log is that file from where it ended when this class was installed: a mark is a byte offset in it,
 * and the text is read from the file each time. The records are read in the format of the server of the run
 * ({@link PayaraMicroLog}, {@link WildFlyLog}, {@link LibertyLog}).
 */
final class ServerLog {

    /** The system property that names the server's log file, when the log is not the console. */
    static final String PROPERTY_LOG_FILE = "mfastepup.it.serverLog";

    private static final ByteArrayOutputStream COPY = new ByteArrayOutputStream();

    /** The log file, or {@code null} when the log is the console's copy. */
    private static final Path LOG_FILE = logFile();

    /** Where the log file ended when this class was installed: the start of this run's part of it. */
    private static long fileStart;

    private static final Set<Path> FILES = new LinkedHashSet<>();

    private static boolean installed;

    private ServerLog() {
        // static only
    }

    /**
     * Starts copying {@code System.out}, or with a log file marks where it ends now; later calls do nothing.
     */
    static synchronized void install() {
        if (installed) {
            return;
        }
        if (LOG_FILE != null) {
            fileStart = fileSize();
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
     * Returns the log files noted with {@link #produced(Path)}, in order, and on Open Liberty every file of the
     * server's {@code logs} directory besides (messages.log, trace.log, FFDC reports), which the server wrote during
     * this run alone (the build empties the directory before the tests).
     *
     * @return the files.
     */
    static synchronized List<Path> files() {
        List<Path> files = new ArrayList<>(FILES);
        if (ItServer.current() == ItServer.LIBERTY && LOG_FILE != null) {
            files.addAll(LibertyLog.files(LOG_FILE.getParent()));
        }
        return List.copyOf(files);
    }

    /**
     * Returns how many bytes were copied so far: a mark for {@link #since(int)}.
     *
     * @return the length of the copy.
     */
    static int length() {
        if (LOG_FILE != null) {
            return Math.toIntExact(fileSize() - start());
        }
        synchronized (COPY) {
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
        if (LOG_FILE != null) {
            return fileFrom(start() + mark);
        }
        synchronized (COPY) {
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
        if (LOG_FILE != null) {
            return since(0);
        }
        synchronized (COPY) {
            return COPY.toString(StandardCharsets.UTF_8);
        }
    }

    /**
     * Reads the records of a log by their level fields, in the format of the server of this run.
     *
     * @param log text this class returned.
     * @return the records, in order.
     */
    static List<ServerLogRecord> records(String log) {
        return switch (ItServer.current()) {
            case PAYARA_MICRO -> PayaraMicroLog.records(log);
            case WILDFLY -> WildFlyLog.records(log);
            case LIBERTY -> LibertyLog.records(log);
        };
    }

    /**
     * Returns the first line of the message of each record at a level, in the format of the server of this run: on
     * Payara Micro, whose console writes a record as java.util.logging's simple format does once the boot commands
     * have set log levels, each line that begins with the level and a colon, without them.
     *
     * @param log text this class returned.
     * @param level the level, such as {@code INFO}.
     * @return the messages' first lines, in order.
     */
    static List<String> messages(String log, String level) {
        return switch (ItServer.current()) {
            case PAYARA_MICRO -> {
                String prefix = level + ": ";
                yield log.lines().filter(line -> line.startsWith(prefix))
                        .map(line -> line.substring(prefix.length())).toList();
            }
            case WILDFLY -> WildFlyLog.messages(log, level);
            case LIBERTY -> LibertyLog.messages(log, level);
        };
    }

    /**
     * Returns the log file the build named, if it did.
     *
     * @return the file, or empty when the log is the console's copy.
     */
    static Optional<Path> file() {
        return Optional.ofNullable(LOG_FILE);
    }

    private static Path logFile() {
        String named = System.getProperty(PROPERTY_LOG_FILE);
        return named == null || named.isBlank() ? null : Path.of(named).toAbsolutePath();
    }

    private static synchronized long start() {
        if (!installed) {
            throw new IllegalStateException("ServerLog.install() was not called before the server's log was read");
        }
        return fileStart;
    }

    /** The size of the log file, 0 while the server has not created it. */
    private static long fileSize() {
        try {
            return Files.isRegularFile(LOG_FILE) ? Files.size(LOG_FILE) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads the log file from an offset to its end. A file shorter than the offset was rotated or truncated while
     * the tests ran (WildFly rotates server.log at midnight): that fails, rather than hide what was logged before.
     */
    private static String fileFrom(long offset) {
        try (SeekableByteChannel channel = Files.newByteChannel(LOG_FILE)) {
            long size = channel.size();
            if (size < offset) {
                throw new IllegalStateException(LOG_FILE + " is shorter (" + size + " bytes) than when it was read"
                        + " before (" + offset + "): it was rotated or truncated during the tests; run them again");
            }
            ByteBuffer bytes = ByteBuffer.allocate(Math.toIntExact(size - offset));
            channel.position(offset);
            while (bytes.hasRemaining() && channel.read(bytes) >= 0) {
                // reads to the size seen above; what the server writes meanwhile is left for the next read
            }
            return new String(bytes.array(), 0, bytes.position(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
