package dev.mfastepup.emulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TotpTest {

    private static final byte[] SEED20 = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEED32 = "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEED64 = ("1234567890123456789012345678901234567890123456789012345678901234")
            .getBytes(StandardCharsets.US_ASCII);

    /** RFC 6238 Appendix B. */
    @ParameterizedTest
    @CsvSource({
        "59, 94287082, 46119246, 90693936",
        "1111111109, 07081804, 68084774, 25091201",
        "1111111111, 14050471, 67062674, 99943326",
        "1234567890, 89005924, 91819424, 93441116",
        "2000000000, 69279037, 90698825, 38618901",
        "20000000000, 65353130, 77737706, 47863826"})
    void matchesTheRfc6238TestVectors(long seconds, String sha1, String sha256, String sha512) {
        long step = Totp.step(Instant.ofEpochSecond(seconds));
        assertEquals(sha1, Totp.code(SEED20, step, 8, "HmacSHA1"));
        assertEquals(sha256, Totp.code(SEED32, step, 8, "HmacSHA256"));
        assertEquals(sha512, Totp.code(SEED64, step, 8, "HmacSHA512"));
    }

    @Test
    void sixDigitCodesAreTheLastDigitsOfTheRfcValues() {
        assertEquals("287082", Totp.code(SEED20, Totp.step(Instant.ofEpochSecond(59))));
    }

    @Test
    void acceptsTheNeighbouringStepsOnly() {
        Instant now = Instant.ofEpochSecond(1_000_000_000L);
        long step = Totp.step(now);
        assertEquals(step - 1, Totp.matchingStep(SEED20, Totp.code(SEED20, step - 1), now));
        assertEquals(step + 1, Totp.matchingStep(SEED20, Totp.code(SEED20, step + 1), now));
        assertEquals(-1, Totp.matchingStep(SEED20, Totp.code(SEED20, step - 2), now));
        assertEquals(-1, Totp.matchingStep(SEED20, "12345", now));
        assertEquals(-1, Totp.matchingStep(SEED20, null, now));
    }

    @Test
    void anAuthenticatorTakesEachStepOnce() {
        Authenticator otp = new Authenticator("totp|dev_1", FactorKind.OTP, null, null, SEED20, Instant.EPOCH);
        assertTrue(otp.useStep(100));
        assertFalse(otp.useStep(100));
        assertTrue(otp.useStep(101));
    }

    @Test
    void base32FollowsRfc4648() {
        assertEquals("MZXW6YTBOI", Base32.encode("foobar".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("MZXW6", Base32.encode("foo".getBytes(StandardCharsets.US_ASCII)));
        assertArrayEquals("foobar".getBytes(StandardCharsets.US_ASCII), Base32.decode("mzxw6ytboi======"));
        byte[] secret = Randoms.bytes(20);
        assertEquals(32, Base32.encode(secret).length());
        assertArrayEquals(secret, Base32.decode(Base32.encode(secret)));
    }
}
