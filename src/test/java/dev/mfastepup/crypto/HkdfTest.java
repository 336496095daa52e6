package dev.mfastepup.crypto;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HkdfTest {

    private static final HexFormat HEX = HexFormat.of();

    // RFC 5869 appendix A, the SHA-256 cases ------------------------------------------------------------------------

    @Test
    void deriveWhenRfc5869CaseA1ThenExactPrkAndOkm() {
        byte[] ikm = HEX.parseHex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");
        byte[] salt = HEX.parseHex("000102030405060708090a0b0c");
        byte[] info = HEX.parseHex("f0f1f2f3f4f5f6f7f8f9");

        byte[] prk = Hkdf.extract(salt, ikm);

        assertEquals("077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5", HEX.formatHex(prk));
        String okm = "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865";
        assertEquals(okm, HEX.formatHex(Hkdf.expand(prk, info, 42)));
        assertEquals(okm, HEX.formatHex(Hkdf.derive(ikm, salt, info, 42)));
    }

    @Test
    void deriveWhenRfc5869CaseA2LongInputsThenExactPrkAndOkm() {
        byte[] ikm = range(0x00, 0x50);
        byte[] salt = range(0x60, 0xb0);
        byte[] info = range(0xb0, 0x100);

        byte[] prk = Hkdf.extract(salt, ikm);

        assertEquals("06a6b88c5853361a06104c9ceb35b45cef760014904671014a193f40c15fc244", HEX.formatHex(prk));
        String okm = "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c"
                + "59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71"
                + "cc30c58179ec3e87c14c01d5c1f3434f1d87";
        assertEquals(okm, HEX.formatHex(Hkdf.expand(prk, info, 82)));
        assertEquals(okm, HEX.formatHex(Hkdf.derive(ikm, salt, info, 82)));
    }

    @Test
    void deriveWhenRfc5869CaseA3EmptySaltAndInfoThenExactPrkAndOkm() {
        byte[] ikm = HEX.parseHex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");

        byte[] prk = Hkdf.extract(new byte[0], ikm);

        assertEquals("19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04", HEX.formatHex(prk));
        String okm = "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8";
        assertEquals(okm, HEX.formatHex(Hkdf.expand(prk, new byte[0], 42)));
        assertEquals(okm, HEX.formatHex(Hkdf.derive(ikm, new byte[0], new byte[0], 42)));
    }

    @Test
    void extractWhenSaltNullThenSameAsEmptySalt() {
        byte[] ikm = HEX.parseHex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");

        assertArrayEquals(Hkdf.extract(new byte[0], ikm), Hkdf.extract(null, ikm));
    }

    // The Python SDK's key (protocol §4.2) ---------------------------------------------------------------------------

    @Test
    void deriveWhenPythonSdkTestSecretThenKnownAnswerKey() {
        byte[] key = Hkdf.derive("test-secret-long-enough-for-encryption".getBytes(UTF_8),
                "mfa_token".getBytes(UTF_8), "Auth0 Generated Encryption".getBytes(UTF_8), 64);

        assertEquals("c77807ad47844b2bc800828bd015830fe37e44291effb7cad221430b803e0298"
                + "b628c0a0e9ee08339d8dd559bccc854b7cb49bd3d24f8776f03162f732f5e3ea", HEX.formatHex(key));
    }

    // Bounds ---------------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {Integer.MIN_VALUE, -1, 0, 255 * 32 + 1, Integer.MAX_VALUE})
    void deriveWhenLengthOutOfRangeThenIllegalArgument(int length) {
        byte[] ikm = new byte[32];

        assertThrows(IllegalArgumentException.class, () -> Hkdf.derive(ikm, null, null, length));
        assertThrows(IllegalArgumentException.class, () -> Hkdf.expand(new byte[32], null, length));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 31, 32, 33, 64, 255 * 32})
    void deriveWhenLengthInRangeThenExactlyThatManyBytes(int length) {
        byte[] okm = Hkdf.derive(new byte[] {1, 2, 3}, null, null, length);

        assertEquals(length, okm.length);
    }

    @Test
    void deriveWhenShorterLengthThenPrefixOfLongerOutput() {
        byte[] ikm = "some input keying material".getBytes(UTF_8);

        byte[] longer = Hkdf.derive(ikm, null, null, 100);
        byte[] shorter = Hkdf.derive(ikm, null, null, 33);

        assertArrayEquals(Arrays.copyOf(longer, 33), shorter);
    }

    @Test
    void expandWhenPrkShorterThanHashLengthThenIllegalArgument() {
        assertThrows(IllegalArgumentException.class, () -> Hkdf.expand(new byte[31], null, 32));
    }

    @Test
    void deriveWhenIkmNullThenNullPointer() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> Hkdf.derive(null, null, null, 32));
        assertEquals("ikm cannot be null", e.getMessage());
    }

    private static byte[] range(int fromInclusive, int toExclusive) {
        byte[] bytes = new byte[toExclusive - fromInclusive];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (fromInclusive + i);
        }
        return bytes;
    }
}
