package dev.mfastepup.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mfastepup.ErrorCodes;
import dev.mfastepup.MfaException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** SEC-28 and SEC-24: the syntax of what users type. */
class InputSyntaxTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"123456|123456", "' 123456 '|123456", "123 456|123456", "000000|000000"})
    void sixDigitCodeWhenAsciiDigitsThenCompacted(String typed, String expected) {
        assertEquals(expected, InputSyntax.sixDigitCode(typed));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "12345", "1234567", "12345a", "١٢٣٤٥٦", "１２３４５６", "۱۲۳۴۵۶", "12345６", "123\t456",
            "123-456", "123456\n"})
    void sec28SixDigitCodeWhenNotSixAsciiDigitsThenInvalidInput(String typed) {
        assertEquals(ErrorCodes.INVALID_INPUT, assertThrows(MfaException.class, () -> InputSyntax.sixDigitCode(typed)).code());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"n3bgpzzwj85jlcnpzbdw6qxc|N3BGPZZWJ85JLCNPZBDW6QXC",
            "N3BG-PZZW-J85J-LCNP-ZBDW-6QXC|N3BGPZZWJ85JLCNPZBDW6QXC", "ABCDEFGH12345678|ABCDEFGH12345678"})
    void recoveryCodeWhenLettersAndDigitsThenNormalized(String typed, String expected) {
        assertEquals(expected, InputSyntax.recoveryCode(typed));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ABCD-1234-EFGH", "ÄBCDEFGHIJKLMNOPQRSTUVWX", "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
            "ABCDEFGH_IJKLMNOPQ"})
    void recoveryCodeWhenMalformedThenInvalidInput(String typed) {
        assertEquals(ErrorCodes.INVALID_INPUT, assertThrows(MfaException.class, () -> InputSyntax.recoveryCode(typed)).code());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"+4915123456789|+4915123456789", "+1 (202) 555-0123|+12025550123",
            "+44.20.7946.0958|+442079460958"})
    void phoneNumberWhenE164ThenCompacted(String typed, String expected) {
        assertEquals(expected, InputSyntax.phoneNumber(typed));
    }

    @ParameterizedTest
    @ValueSource(strings = {"+1555", "12025551234", "+0123456789", "+1202555012345678", "+１２０２５５５０１２３"})
    void phoneNumberWhenNotE164ThenInvalidInput(String typed) {
        assertEquals(ErrorCodes.INVALID_INPUT, assertThrows(MfaException.class, () -> InputSyntax.phoneNumber(typed)).code());
    }
}
