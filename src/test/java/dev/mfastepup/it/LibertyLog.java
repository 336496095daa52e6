package dev.mfastepup.it;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads Open Liberty's {@code logs/messages.log}, which the server of the integration tests writes as JSON lines,
 * one object a record, with the module's traces in it (src/test/liberty/server.xml: {@code messageFormat="json"},
 * {@code messageSource="message,trace,ffdc"}, the module's loggers at {@code finest}). A record's level is its
 * {@code loglevel} field: java.util.logging's names for the records logged through it (as the module does), Liberty's
 * own for some of the server's ({@code AUDIT}, {@code ERROR}, {@code WARN}, ...), read as java.util.logging's
 * ({@link #LEVELS}). The few lines before the server switches to JSON (its header, its first message) are no record.
 */
final class LibertyLog {

    /**
     * Liberty's levels that are not java.util.logging's, as java.util.logging's; {@code bin/canary-check} counts
     * them the same way.
     */
    private static final Map<String, String> LEVELS = Map.ofEntries(
            Map.entry("FATAL", "SEVERE"), Map.entry("ERROR", "SEVERE"), Map.entry("WARN", "WARNING"),
            Map.entry("AUDIT", "INFO"), Map.entry("SystemOut", "INFO"), Map.entry("SystemErr", "WARNING"),
            Map.entry("DETAIL", "FINE"), Map.entry("EVENT", "FINER"), Map.entry("ENTRY", "FINER"),
            Map.entry("EXIT", "FINER"), Map.entry("DEBUG", "FINEST"), Map.entry("DUMP", "FINEST"));

    /** java.util.logging's levels, as Liberty writes them for records logged through it. */
    private static final List<String> JUL_LEVELS = List.of("SEVERE", "WARNING", "INFO", "CONFIG", "FINE", "FINER",
            "FINEST");

    /**
     * A record's level field. Inside a string of the record (a message), the quotes would be escaped, so this is
     * never found in a message's text.
     */
    private static final Pattern LEVEL_FIELD = Pattern.compile("\"loglevel\":\"([A-Za-z]+)\"");

    /** The logger's name. */
    private static final Pattern MODULE_FIELD = Pattern.compile("\"module\":\"([^\"\\\\]*)\"");

    private LibertyLog() {
        // static only
    }

    /**
     * Reads the records of a log by their level fields: the text of a message never counts, whatever level it
     * names (see {@code bin/canary-check}, which counts them the same way).
     *
     * @param log the text of messages.log.
     * @return the records, in order, with java.util.logging's level names.
     */
    static List<ServerLogRecord> records(String log) {
        List<ServerLogRecord> records = new ArrayList<>();
        for (String line : log.lines().toList()) {
            level(line).ifPresent(level -> {
                Matcher module = MODULE_FIELD.matcher(line);
                records.add(new ServerLogRecord(level, module.find() ? module.group(1) : ""));
            });
        }
        return records;
    }

    /**
     * Returns the first line of the message of each record at a level.
     *
     * @param log the text of messages.log.
     * @param level the level, such as {@code INFO}, as java.util.logging names it.
     * @return the messages' first lines, in order.
     */
    static List<String> messages(String log, String level) {
        List<String> messages = new ArrayList<>();
        for (String line : log.lines().toList()) {
            if (level(line).filter(level::equals).isPresent()) {
                json(line).ifPresent(record -> messages.add(record.getString("message", "").lines().findFirst()
                        .orElse("")));
            }
        }
        return messages;
    }

    /**
     * Returns every file in the server's {@code logs} directory and below it.
     *
     * @param directory the directory.
     * @return the files, sorted by their paths.
     */
    static List<Path> files(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The level of a line that is a record, as java.util.logging names it. */
    private static Optional<String> level(String line) {
        if (!line.startsWith("{")) {
            return Optional.empty();
        }
        Matcher field = LEVEL_FIELD.matcher(line);
        if (!field.find()) {
            return Optional.empty();
        }
        String level = field.group(1);
        return JUL_LEVELS.contains(level) ? Optional.of(level) : Optional.ofNullable(LEVELS.get(level));
    }

    private static Optional<JsonObject> json(String line) {
        try (JsonReader reader = Json.createReader(new StringReader(line))) {
            JsonValue value = reader.readValue();
            return value.getValueType() == JsonValue.ValueType.OBJECT ? Optional.of(value.asJsonObject())
                    : Optional.empty();
        } catch (JsonException | IllegalStateException notWhole) {
            // a line the server is still writing
            return Optional.empty();
        }
    }
}
