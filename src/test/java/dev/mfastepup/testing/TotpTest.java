package dev.mfastepup.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The tests' TOTP against RFC 6238 Appendix B (SHA-1 rows, 8 digits) and a base32 secret. */
class TotpTest {

    @ParameterizedTest
    @CsvSource({"59,94287082", "1111111109,07081804", "1111111111,14050471", "1234567890,89005924",
            "2000000000,69279037", "20000000000,65353130"})
    void codeWhenRfcVectorsThenSameCodes(long time, String expected) {
        byte[] key = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

        assertEquals(expected, Totp.code(key, time / 30, 8));
    }

    @ParameterizedTest
    @CsvSource({"GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ,12345678901234567890"})
    void base32WhenRfcKeyThenSameBytes(String base32, String ascii) {
        assertEquals(ascii, new String(Totp.base32(base32), StandardCharsets.US_ASCII));
    }
}
