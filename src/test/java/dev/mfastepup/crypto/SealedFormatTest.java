package dev.mfastepup.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * SEC-01 before any key is used: a sealed context is refused for its shape, with the reason, at the edge of each
 * limit. Decryption would refuse most of these too; this proves that the cheap checks run first and where their
 * limits are.
 */
class SealedFormatTest {

    private static final String HEADER = b64(SealedFormat.HEADER_JSON.getBytes(StandardCharsets.UTF_8));
    private static final String IV = b64(new byte[16]);
    private static final String TAG = b64(new byte[32]);
    private static final String CIPHER_TEXT = b64(new byte[32]);

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String sealed(String header, String key, String iv, String cipherText, String tag) {
        return String.join(".", header, key, iv, cipherText, tag);
    }

    private static String refusal(String sealed) {
        return assertThrows(MalformedContextException.class, () -> SealedFormat.parse(sealed)).getMessage();
    }

    @Test
    void theOneAcceptedShapeParses() throws MalformedContextException {
        SealedFormat.Parts parts = SealedFormat.parse(sealed(HEADER, "", IV, CIPHER_TEXT, TAG));

        assertEquals(IV, parts.iv().toString());
        assertEquals(CIPHER_TEXT, parts.cipherText().toString());
        assertEquals(TAG, parts.tag().toString());
        assertEquals("dir", parts.header().getAlgorithm().getName());
    }

    @Test
    void missingOrTooLongIsRefusedBeforeItIsSplit() {
        assertEquals("the sealed context is missing", refusal(null));
        assertEquals("the sealed context is missing", refusal(""));
        String fixed = sealed(HEADER, "", IV, "", TAG);
        String longest = sealed(HEADER, "", IV, "A".repeat(SealedFormat.MAX_SEALED_LENGTH - fixed.length()), TAG);
        assertEquals(SealedFormat.MAX_SEALED_LENGTH, longest.length());
        assertNotEquals("the sealed context is longer than 16384", refusal(longest), "within the limit");
        assertEquals("the sealed context is longer than 16384", refusal(longest + "A"));
    }

    @Test
    void anythingButFivePartsIsRefused() {
        assertEquals("the sealed context does not have five parts", refusal(String.join(".", HEADER, "", IV, TAG)));
        assertEquals("the sealed context does not have five parts", refusal(sealed(HEADER, "", IV, CIPHER_TEXT,
                TAG) + "."));
    }

    /** A header of 192 bytes (256 base64url characters) is parsed; one of 195 bytes (260) is refused unread. */
    @Test
    void aHeaderLongerThanAnyTheModuleWritesIsRefusedBeforeItIsParsed() throws MalformedContextException {
        String withSpaces = SealedFormat.HEADER_JSON.substring(0, SealedFormat.HEADER_JSON.length() - 1);
        String atTheLimit = b64((withSpaces + " ".repeat(192 - withSpaces.length() - 1) + "}")
                .getBytes(StandardCharsets.UTF_8));
        String pastTheLimit = b64((withSpaces + " ".repeat(195 - withSpaces.length() - 1) + "}")
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(256, atTheLimit.length());
        assertEquals(260, pastTheLimit.length());

        assertEquals("dir", SealedFormat.parse(sealed(atTheLimit, "", IV, CIPHER_TEXT, TAG)).header().getAlgorithm()
                .getName());
        assertEquals("the JWE header is too long", refusal(sealed(pastTheLimit, "", IV, CIPHER_TEXT, TAG)));
    }

    @Test
    void anEncryptedKeyIsRefusedForDirectEncryption() {
        assertEquals("a direct-encryption JWE has no encrypted key", refusal(sealed(HEADER, "AA", IV, CIPHER_TEXT,
                TAG)));
    }

    @Test
    void ivCipherTextAndTagMustHaveTheirExactLengths() {
        String wrong = "the IV, cipher text or tag has the wrong length";
        assertEquals(wrong, refusal(sealed(HEADER, "", b64(new byte[15]), CIPHER_TEXT, TAG)));
        assertEquals(wrong, refusal(sealed(HEADER, "", b64(new byte[17]), CIPHER_TEXT, TAG)));
        assertEquals(wrong, refusal(sealed(HEADER, "", IV, CIPHER_TEXT, b64(new byte[31]))));
        assertEquals(wrong, refusal(sealed(HEADER, "", IV, CIPHER_TEXT, b64(new byte[33]))));
        assertEquals(wrong, refusal(sealed(HEADER, "", IV, "", TAG)));
        assertEquals(wrong, refusal(sealed(HEADER, "", IV, b64(new byte[31]), TAG)));
        assertEquals(wrong, refusal(sealed(HEADER, "", IV, b64(new byte[33]), TAG)));
    }

    @Test
    void aHeaderOtherThanExactlyAlgDirAndEncA256CbcHs512IsRefused() {
        String notExactly = "the JWE header is not exactly " + SealedFormat.HEADER_JSON;
        for (String json : new String[] {"null", "{\"alg\":\"dir\"}", "{\"alg\":\"dir\",\"enc\":\"A128GCM\"}",
                "{\"alg\":\"RSA-OAEP\",\"enc\":\"A256CBC-HS512\"}",
                "{\"alg\":\"dir\",\"enc\":\"A256CBC-HS512\",\"zip\":\"DEF\"}"}) {
            assertEquals(notExactly, refusal(sealed(b64(json.getBytes(StandardCharsets.UTF_8)), "", IV,
                    CIPHER_TEXT, TAG)), json);
        }
        assertEquals("the JWE header is not a JSON object", refusal(sealed(b64("[1]".getBytes(
                StandardCharsets.UTF_8)), "", IV, CIPHER_TEXT, TAG)));
    }
}
