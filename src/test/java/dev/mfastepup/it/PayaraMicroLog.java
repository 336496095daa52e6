package dev.mfastepup.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads what Payara Micro's console says: whether an application failed to load, whether it is being served, and
 * the records it holds with their level fields.
 */
final class PayaraMicroLog {

    /** What Payara Micro logs when an application fails to load; it keeps running without it. */
    static final String LOAD_FAILURE = "Exception while loading the app";

    /** The most lines of a failure that go into a test's error message. */
    private static final int FAILURE_LINES = 25;

    /** The heading of the instance configuration, in the console's plain and JSON forms. */
    private static final Pattern INSTANCE_CONFIGURATION = Pattern.compile("Instance Configuration\\b",
            Pattern.CASE_INSENSITIVE);

    /** A stack frame ("at ..."), left out of the excerpt so that the causes fit in it. */
    private static final Pattern STACK_FRAME = Pattern.compile("^\\s+at .*");

    /** The levels of java.util.logging, as Payara Micro writes them in a record's level field. */
    private static final String LEVELS = "SEVERE|WARNING|INFO|CONFIG|FINE|FINER|FINEST";

    /** Payara Micro's own format: {@code [time] [product] [LEVEL] [message id] [logger] ...}. */
    private static final Pattern OWN_FORMAT = Pattern.compile(
            "^\\[\\d{4}-\\d{2}-\\d{2}T[^\\]]*\\] \\[[^\\]]*\\] \\[(" + LEVELS + ")\\] \\[[^\\]]*\\] \\[([^\\]]*)\\]");

    /** The uniform log format: {@code [#|time|LEVEL|product|logger|...}. */
    private static final Pattern UNIFORM_FORMAT = Pattern.compile("^\\[#\\|[^|]*\\|(" + LEVELS + ")\\|[^|]*\\|([^|]*)\\|");

    /**
     * java.util.logging's simple format, which the console uses once the boot commands have set log levels: a line
     * with the date, the time and the source (class and method), then {@code LEVEL: message}.
     */
    private static final Pattern SIMPLE_HEADER = Pattern.compile(
            "^[A-Z][a-z]{2} \\d{1,2}, \\d{4} \\d{1,2}:\\d{2}:\\d{2} [AP]M (\\S+)");
    private static final Pattern SIMPLE_LEVEL = Pattern.compile("^(" + LEVELS + "): ");

    /** The colours Payara Micro puts around the level and the logger on a terminal. */
    private static final Pattern ANSI_COLOUR = Pattern.compile("\u001b\\[[0-9;]*m");

    private PayaraMicroLog() {
        // static only
    }

    /**
     * Returns the failure to load an application, with its causes and without stack frames, if the log has one.
     *
     * @param log the server's console.
     * @return the excerpt from {@link #LOAD_FAILURE} on, at most {@value #FAILURE_LINES} lines.
     */
    static Optional<String> loadFailure(String log) {
        int at = log.indexOf(LOAD_FAILURE);
        if (at < 0) {
            return Optional.empty();
        }
        return Optional.of(log.substring(at).lines()
                .filter(line -> !line.isBlank() && !STACK_FRAME.matcher(line).matches())
                .limit(FAILURE_LINES)
                .collect(Collectors.joining("\n")));
    }

    /**
     * Tells whether the server came up: it printed its instance configuration (host and ports), which it does
     * before any application code runs and whether or not the application then loads.
     *
     * @param log the server's console.
     * @return whether the instance configuration is in it.
     */
    static boolean cameUp(String log) {
        return INSTANCE_CONFIGURATION.matcher(log).find();
    }

    /**
     * Tells whether the server lists the application under "Payara Micro URLs", which it prints once the
     * application is deployed and after its instance configuration (the JSON with the servlet mappings).
     *
     * @param log the server's console.
     * @param contextRoot the application's context root, such as {@code pages-browser-it}.
     * @return whether the application is served.
     */
    static boolean servesApplication(String log, String contextRoot) {
        Matcher urls = Pattern.compile("Payara Micro URLs:\\s*\\R(?:\\S+\\R)*?https?://\\S+/"
                + Pattern.quote(contextRoot) + "\\s").matcher(log);
        return urls.find();
    }

    /**
     * Reads the records of a log by their level fields, in the formats Payara Micro writes to its console (see
     * {@code bin/canary-check}, which counts them the same way): the text of a message never counts, whatever
     * level it names.
     *
     * @param log the server's console.
     * @return the records, in order.
     */
    static List<ServerLogRecord> records(String log) {
        List<ServerLogRecord> records = new ArrayList<>();
        String header = null;
        for (String line : log.lines().map(l -> ANSI_COLOUR.matcher(l).replaceAll("")).toList()) {
            Matcher own = OWN_FORMAT.matcher(line);
            Matcher uniform = UNIFORM_FORMAT.matcher(line);
            Matcher level = SIMPLE_LEVEL.matcher(line);
            if (own.find()) {
                records.add(new ServerLogRecord(own.group(1), own.group(2)));
            } else if (uniform.find()) {
                records.add(new ServerLogRecord(uniform.group(1), uniform.group(2)));
            } else if (header != null && level.find()) {
                records.add(new ServerLogRecord(level.group(1), header));
            }
            Matcher simple = SIMPLE_HEADER.matcher(line);
            header = simple.find() ? simple.group(1) : null;
        }
        return records;
    }

    /**
     * Returns the last lines of a log, for a message that must say what the server was doing.
     *
     * @param log the server's console.
     * @param count how many lines.
     * @return those lines.
     */
    static String tail(String log, int count) {
        var lines = log.lines().filter(line -> !line.isBlank()).toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
    }
}
