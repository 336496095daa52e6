package dev.mfastepup.client;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** {@link JsonBodies#isOneValue}: one well-formed JSON value and nothing after it but whitespace. */
class JsonBodiesTest {

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "[]", "\"x\"", "true", "null", "{\"a\":[1,{\"b\":[]}],\"c\":{}}",
        " \n{\"error\":\"x\"}\r\n\t ", "[[[[[]]]]]"})
    void oneValueIsOne(String body) {
        assertTrue(JsonBodies.isOneValue(utf8(body)), body);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "{}{}", "{\"error\":\"x\"}{\"access_token\":\"y\"}", "{} x", "[1] [2]",
        "{\"a\":1", "{\"a\":1}}", "[1,]", "{\"a\" 1}", "[", "]", "{\"a\":[1,2}", "1 2", "\"x\" \"y\"", "nul"})
    void anythingElseIsNot(String body) {
        assertFalse(JsonBodies.isOneValue(utf8(body)), body);
    }

    @Test
    void nestingBeyondTheParsersLimitIsRefusedNotAnError() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);

        assertFalse(JsonBodies.isOneValue(utf8(deep)));
    }

    @Test
    void aValueCutShortInsideNestingIsRefused() {
        assertFalse(JsonBodies.isOneValue(utf8("{\"a\":{\"b\":[1,2,{\"c\":")));
    }
}
