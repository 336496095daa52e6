package dev.mfastepup.it;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;

/**
 * Reads what Open Liberty logs, for the tests that read the server's log. The server of the integration tests
 * writes {@code logs/messages.log} as JSON lines, with the traces in it (server.xml: {@code messageFormat="json"},
 * {@code messageSource="message,trace,ffdc"}, the module's loggers at {@code finest}). Each record is turned into the
 * two lines of java.util.logging's {@code SimpleFormatter}, as Payara Micro's console has them once its boot
 * commands set log levels: {@code <date> <time> <AM|PM> <logger> [<method>]}, then {@code LEVEL: message}. So the
 * tests and {@code bin/canary-check} read one format from either server; the raw files are searched as they are.
 */
final class LibertyLog {

    /** java.util.logging's SimpleFormatter date, as in "Dec 7, 2026 4:51:43 AM". */
    private static final DateTimeFormatter SIMPLE_DATE = DateTimeFormatter.ofPattern("MMM d, yyyy h:mm:ss a", Locale.US);

    /** Open Liberty's time field, as in "2026-12-07T04:51:43.123+0000". */
    private static final DateTimeFormatter LIBERTY_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    /** Open Liberty's own levels, as java.util.logging's. Trace records carry java.util.logging's names. */
    private static final Map<String, String> LEVELS = Map.ofEntries(
            Map.entry("FATAL", "SEVERE"), Map.entry("ERROR", "SEVERE"), Map.entry("WARN", "WARNING"),
            Map.entry("AUDIT", "INFO"),
            Map.entry("SystemOut", "INFO"), Map.entry("SystemErr", "WARNING"), Map.entry("DETAIL", "FINE"),
            Map.entry("EVENT", "FINER"), Map.entry("ENTRY", "FINER"), Map.entry("EXIT", "FINER"),
            Map.entry("DEBUG", "FINEST"), Map.entry("DUMP", "FINEST"));

    private LibertyLog() {
        // static only
    }

    /** @return the server's {@code logs} directory. */
    static Path logsDirectory() {
        return ItServer.libertyServerDirectory().resolve("logs");
    }

    /**
     * Turns one line of {@code messages.log} into java.util.logging's simple format; a line that is no JSON object
     * is kept as it is.
     *
     * @param line a line, without its end.
     * @return the record's two lines, each ended by {@code \n}.
     */
    static String simpleFormat(String line) {
        JsonObject record;
        try (JsonReader reader = Json.createReader(new StringReader(line))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                return line + "\n";
            }
            record = value.asJsonObject();
        } catch (JsonException | IllegalStateException notJson) {
            return line + "\n";
        }
        String type = record.getString("type", "");
        String source = record.getString("module", record.getString("ibm_className", type));
        String method = record.getString("ibm_methodName", "");
        String message;
        String level;
        if (type.equals("liberty_ffdc")) {
            level = "SEVERE";
            message = "FFDC " + record.getString("ibm_exceptionName", "") + " " + record.getString("ibm_probeID", "")
                    + "\n" + record.getString("ibm_stackTrace", "") + "\n" + record.getString("ibm_objectDetails", "");
            source = record.getString("ibm_className", source);
        } else {
            String raw = record.getString("loglevel", "INFO");
            level = LEVELS.getOrDefault(raw, raw);
            message = record.getString("message", "");
            String id = record.getString("ibm_messageId", "");
            if (!id.isEmpty() && !message.startsWith(id)) {
                message = id + ": " + message;
            }
        }
        for (String extra : new String[] {"throwable", "ibm_stackTrace", "exception"}) {
            if (!type.equals("liberty_ffdc") && record.containsKey(extra)) {
                JsonValue value = record.get(extra);
                message = message + "\n" + (value instanceof JsonString text ? text.getString() : value.toString());
            }
        }
        return date(record.getString("ibm_datetime", "")) + " " + source + (method.isEmpty() ? "" : " " + method)
                + "\n" + level + ": " + message + "\n";
    }

    private static String date(String libertyDate) {
        try {
            return OffsetDateTime.parse(libertyDate, LIBERTY_DATE).atZoneSameInstant(ZoneId.systemDefault())
                    .format(SIMPLE_DATE);
        } catch (DateTimeParseException unknown) {
            return OffsetDateTime.now().format(SIMPLE_DATE);
        }
    }

    /** Reads a log file as it grows, a complete line at a time. */
    static final class Follower {

        private final Path file;
        private long offset;

        /** @param file the file, which may not exist yet. */
        Follower(Path file) {
            this.file = file;
        }

        /**
         * Returns the lines written since the last call, each in the simple format; a line not yet ended waits for
         * the next call.
         *
         * @return the new records.
         */
        synchronized String next() {
            byte[] bytes;
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                long size = channel.size();
                if (size < offset) {
                    throw new IllegalStateException(file + " shrank from " + offset + " to " + size
                            + " bytes: the server rolled it over, which its logging configuration rules out");
                }
                ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(size - offset));
                while (buffer.hasRemaining() && channel.read(buffer, offset + buffer.position()) >= 0) {
                    // reads to the size seen above
                }
                bytes = buffer.array();
            } catch (NoSuchFileException notYet) {
                return "";
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            int end = bytes.length;
            while (end > 0 && bytes[end - 1] != '\n') {
                end--;
            }
            offset += end;
            StringBuilder text = new StringBuilder();
            new String(bytes, 0, end, StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank())
                    .forEach(line -> text.append(simpleFormat(line)));
            return text.toString();
        }
    }
}
