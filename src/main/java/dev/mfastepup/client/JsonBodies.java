package dev.mfastepup.client;

import jakarta.json.Json;
import jakarta.json.stream.JsonParser;
import java.io.ByteArrayInputStream;

/** Checks the form of a JSON body before JSON-B maps it. */
final class JsonBodies {

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
        try (JsonParser parser = Json.createParser(new ByteArrayInputStream(body))) {
            if (!parser.hasNext()) {
                return false;
            }
            parser.next();
            parser.getValue();
            return !parser.hasNext();
        } catch (RuntimeException malformed) {
            // JsonParsingException, JsonException, or the parser's nesting limit (a plain RuntimeException in
            // Parsson)
            return false;
        }
    }
}
