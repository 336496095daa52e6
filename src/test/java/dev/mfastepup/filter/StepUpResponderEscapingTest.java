package dev.mfastepup.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the filter writes itself (SEC-23): the first and last character of each range that passes unescaped, and
 * the characters just outside, in XML and in JSON; and a refusal that nothing can cache.
 */
class StepUpResponderEscapingTest {

    @ParameterizedTest(name = "U+{0}")
    @CsvSource({
        "0000, &#xFFFD;", "0008, &#xFFFD;", "001F, &#xFFFD;", "007F, &#xFFFD;",
        "0009, '\t'", "000A, '\n'", "000D, '\r'",
        "0020, ' '", "0021, !", "007E, ~",
        "0080, &#x80;", "00E9, &#xE9;", "2028, &#x2028;", "1F600, &#x1F600;",
        "0026, &amp;", "003C, &lt;", "003E, &gt;", "0022, &quot;", "0027, &#39;",
    })
    void xmlPassesVisibleAsciiAndWhitespaceAndEscapesEverythingElse(String codePoint, String expected) {
        String character = Character.toString(Integer.parseInt(codePoint, 16));

        assertEquals(expected, StepUpResponder.xml(character));
        assertEquals("a" + expected + "b", StepUpResponder.xml("a" + character + "b"));
    }

    @ParameterizedTest(name = "U+{0}")
    @CsvSource({
        "0000, \\u0000", "001F, \\u001f", "007F, \\u007f", "0080, \\u0080", "FFFF, \\uffff",
        "0020, ' '", "0021, !", "007E, ~", "003C, \\u003c", "003E, \\u003e", "0026, \\u0026",
    })
    void jsonPassesVisibleAsciiAndEscapesEverythingElse(String codeUnit, String expected) {
        String character = String.valueOf((char) Integer.parseInt(codeUnit, 16));

        assertEquals("\"" + expected + "\"", StepUpResponder.json(character));
    }

    @Test
    void emptyValuesStayEmpty() {
        assertEquals("\"\"", StepUpResponder.json(""));
        assertEquals("", StepUpResponder.xml(""));
    }

    @Test
    void aRefusalDropsWhatWasBufferedAndCannotBeCached() throws IOException {
        CapturedResponse response = new CapturedResponse().streamWritten("half a page of the application");

        StepUpResponder.refuse(response.response(), 400, "Bad request");

        assertEquals(400, response.status());
        assertEquals("Bad request", response.body());
        assertEquals("no-store", response.header("Cache-Control"));
        assertEquals("no-cache", response.header("Pragma"));
        assertEquals("nosniff", response.header("X-Content-Type-Options"));
    }
}
