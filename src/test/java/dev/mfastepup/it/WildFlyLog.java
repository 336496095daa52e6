package dev.mfastepup.it;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads WildFly's {@code standalone/log/server.log}, which its {@code PATTERN} formatter writes as
 * {@code %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p [%c] (%t) %s%e%n}: one line per record (and the lines of a message or a
 * stack trace after it), with the level, the logger's name and the thread.
 */
final class WildFlyLog {

    /**
     * The levels WildFly writes: java.util.logging's names for records logged through it (as the module does), JBoss
     * Logging's for the server's own.
     */
    private static final String LEVELS = "SEVERE|WARNING|INFO|CONFIG|FINE|FINER|FINEST|FATAL|ERROR|WARN|DEBUG|TRACE";

    /** A record's first line: date, time, level, [logger], (thread), message. */
    private static final Pattern RECORD = Pattern.compile("^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2},\\d{3} ("
            + LEVELS + ") +\\[([^\\]]*)\\] \\((.*?)\\) (.*)$");

    private WildFlyLog() {
        // static only
    }

    /**
     * Reads the records of a log by their level fields: the text of a message never counts, whatever level it
     * names (see {@code bin/canary-check}, which counts them the same way).
     *
     * @param log the text of server.log.
     * @return the records, in order.
     */
    static List<ServerLogRecord> records(String log) {
        List<ServerLogRecord> records = new ArrayList<>();
        for (String line : log.lines().toList()) {
            Matcher record = RECORD.matcher(line);
            if (record.matches()) {
                records.add(new ServerLogRecord(record.group(1), record.group(2)));
            }
        }
        return records;
    }

    /**
     * Returns the first line of the message of each record at a level.
     *
     * @param log the text of server.log.
     * @param level the level, such as {@code INFO}.
     * @return the messages' first lines, in order.
     */
    static List<String> messages(String log, String level) {
        List<String> messages = new ArrayList<>();
        for (String line : log.lines().toList()) {
            Matcher record = RECORD.matcher(line);
            if (record.matches() && record.group(1).equals(level)) {
                messages.add(record.group(4));
            }
        }
        return messages;
    }
}
