package dev.mfastepup.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mfastepup.ErrorCodes;
import dev.mfastepup.MfaException;
import org.junit.jupiter.api.Test;

/** The input checks at the edges of their lengths, and with nothing typed. */
class InputSyntaxEdgesTest {

    private static final String CODE_32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    @Test
    void typedInputOf64CharactersIsReadAnd65IsRefusedEvenWhenSpacesWouldShortenIt() {
        String at64 = CODE_32 + " ".repeat(32);
        String at65 = CODE_32 + " ".repeat(33);

        assertEquals(CODE_32, InputSyntax.recoveryCode(at64));
        assertInvalid(() -> InputSyntax.recoveryCode(at65));
        assertEquals("123456", InputSyntax.sixDigitCode("123456" + " ".repeat(58)));
        assertInvalid(() -> InputSyntax.sixDigitCode("123456" + " ".repeat(59)));
    }

    @Test
    void emailOf254CharactersIsAcceptedAnd255Refused() {
        String domain = "@example.com";
        String at254 = "a".repeat(254 - domain.length()) + domain;
        String at255 = "a" + at254;

        assertEquals(at254, InputSyntax.email(at254));
        assertInvalid(() -> InputSyntax.email(at255));
    }

    @Test
    void emailComesBackStrippedOfSurroundingSpaces() {
        assertEquals("alice@example.com", InputSyntax.email("  alice@example.com \t"));
    }

    @Test
    void noEmailIsInvalidInputNotACrash() {
        assertInvalid(() -> InputSyntax.email(null));
    }

    private static void assertInvalid(org.junit.jupiter.api.function.Executable check) {
        assertEquals(ErrorCodes.INVALID_INPUT, assertThrows(MfaException.class, check).code());
    }
}
