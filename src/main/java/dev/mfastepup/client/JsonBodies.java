package dev.mfastepup.client;

import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.ByteArrayInputStream;
import java.util.Map;

/** Checks the form of a JSON body before JSON-B maps it. */
final class JsonBodies {

    /**
     * The server's JSON-P parser factory, looked up once: {@code Json.createParser} looks the provider up through
     * the {@code ServiceLoader} on every call, which cost more than the rest of the check and about a tenth of
     * the client's time per call to Auth0.
     */
    private static final class Factory {
        static final JsonParserFactory PARSERS = JsonProvider.provider().createParserFactory(Map.of());
    }

    private JsonBodies() {
        // static only
    }

    /**
     * Tells whether a body is exactly one well-formed JSON value, with nothing but whitespace after it. The
     * server's JSON-P parser checks it, with its own nesting limit (1,000 levels for Parsson).
     *
     * @param body the body, UTF-8 (or UTF-16/32 with a byte order mark, as JSON-P detects it).
     * @return whether it is one value.
     */
    static boolean isOneValue(byte[] body) {
        try (JsonParser parser = Factory.PARSERS.createParser(new ByteArrayInputStream(body))) {
            if (!parser.hasNext()) {
                return false;
            }
            JsonParser.Event first = parser.next();
            // The events of the value, without building it: the parser checks the syntax as it goes.
            int depth = opens(first) ? 1 : 0;
            while (depth > 0) {
                JsonParser.Event event = parser.next();
                depth += opens(event) ? 1 : closes(event) ? -1 : 0;
            }
            return !parser.hasNext();
        } catch (RuntimeException malformed) {
            // JsonParsingException, JsonException, or the parser's nesting limit (a plain RuntimeException in
            // Parsson)
            return false;
        }
    }

    private static boolean opens(JsonParser.Event event) {
        return event == JsonParser.Event.START_OBJECT || event == JsonParser.Event.START_ARRAY;
    }

    private static boolean closes(JsonParser.Event event) {
        return event == JsonParser.Event.END_OBJECT || event == JsonParser.Event.END_ARRAY;
    }
}
