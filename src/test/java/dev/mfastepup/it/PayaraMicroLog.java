package dev.mfastepup.it;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads what Payara Micro's console says about one deployment: whether the application failed to load, and
 * whether it is being served.
 */
final class PayaraMicroLog {

    /** What Payara Micro logs when an application fails to load; it keeps running without it. */
    static final String LOAD_FAILURE = "Exception while loading the app";

    /** The most lines of a failure that go into a test's error message. */
    private static final int FAILURE_LINES = 25;

    /** A stack frame ("at ..."), left out of the excerpt so that the causes fit in it. */
    private static final Pattern STACK_FRAME = Pattern.compile("^\\s+at .*");

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
