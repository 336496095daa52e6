package dev.mfastepup.crypto;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.text.ParseException;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/**
 * The one JWE compact form a sealed context may have, checked strictly before any cryptography runs: five
 * canonical base64url parts, the protected header {@code {"alg":"dir","enc":"A256CBC-HS512"}} and nothing else,
 * no encrypted key, a 16-byte IV, whole AES blocks and a 32-byte tag. This is the form the Auth0 Python SDK
 * (jwcrypto) writes.
 */
final class SealedFormat {

    // Constants ------------------------------------------------------------------------------------------------------

    /** The protected header, byte for byte as the Python SDK writes it. */
    static final String HEADER_JSON = "{\"alg\":\"dir\",\"enc\":\"A256CBC-HS512\"}";

    /** The longest sealed string accepted; a context with an 8 KiB token seals to about 11 KiB. */
    static final int MAX_SEALED_LENGTH = 16384;

    private static final String ALG = "alg";
    private static final String ENC = "enc";
    private static final String ALG_DIR = "dir";
    private static final String ENC_A256CBC_HS512 = "A256CBC-HS512";

    // The exact header is 47 characters; the margin allows another key order or spacing, nothing big enough to make
    // the JSON parser work hard on input that no key has authenticated yet.
    private static final int MAX_HEADER_LENGTH = 256;
    private static final int IV_LENGTH = 16;
    private static final int TAG_LENGTH = 32;
    private static final int AES_BLOCK = 16;

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private SealedFormat() {
        // static methods only
    }

    // Actions --------------------------------------------------------------------------------------------------------

    /**
     * Returns the protected header to seal with, parsed from {@link #HEADER_JSON} so that Nimbus serializes those
     * exact bytes (its own builder would write {@code enc} before {@code alg}).
     */
    static JWEHeader header() {
        try {
            return JWEHeader.parse(Base64URL.encode(HEADER_JSON));
        } catch (ParseException e) {
            throw new IllegalStateException("The fixed JWE header does not parse", e);
        }
    }

    /**
     * Splits and checks a sealed string.
     *
     * @param sealed the string from the session; may be anything.
     * @return the parts, ready for decryption.
     * @throws MalformedContextException if the string does not have the one accepted form.
     */
    static Parts parse(String sealed) throws MalformedContextException {
        if (sealed == null || sealed.isEmpty()) {
            throw new MalformedContextException("the sealed context is missing");
        }
        if (sealed.length() > MAX_SEALED_LENGTH) {
            throw new MalformedContextException("the sealed context is longer than " + MAX_SEALED_LENGTH);
        }
        String[] parts = sealed.split("\\.", -1);
        if (parts.length != 5) {
            throw new MalformedContextException("the sealed context does not have five parts");
        }
        if (parts[0].length() > MAX_HEADER_LENGTH) {
            throw new MalformedContextException("the JWE header is too long");
        }
        byte[] header = decode(parts[0]);
        byte[] encryptedKey = decode(parts[1]);
        byte[] iv = decode(parts[2]);
        byte[] cipherText = decode(parts[3]);
        byte[] tag = decode(parts[4]);
        if (encryptedKey.length != 0) {
            throw new MalformedContextException("a direct-encryption JWE has no encrypted key");
        }
        if (iv.length != IV_LENGTH || tag.length != TAG_LENGTH
                || cipherText.length == 0 || cipherText.length % AES_BLOCK != 0) {
            throw new MalformedContextException("the IV, cipher text or tag has the wrong length");
        }
        return new Parts(checkHeader(parts[0], header), new Base64URL(parts[2]), new Base64URL(parts[3]),
                new Base64URL(parts[4]));
    }

    // Helpers --------------------------------------------------------------------------------------------------------

    /** Accepts exactly the members alg=dir and enc=A256CBC-HS512; so also no crit, zip, kid, jku or jwk (SEC-01). */
    private static JWEHeader checkHeader(String encoded, byte[] decoded) throws MalformedContextException {
        Map<String, Object> members;
        try {
            members = JSONObjectUtils.parse(new String(decoded, UTF_8));
        } catch (ParseException e) {
            throw new MalformedContextException("the JWE header is not a JSON object", e);
        }
        // parse gives null for the JSON text "null" rather than failing.
        if (members == null
                || !members.keySet().equals(Set.of(ALG, ENC))
                || !ALG_DIR.equals(members.get(ALG))
                || !ENC_A256CBC_HS512.equals(members.get(ENC))) {
            throw new MalformedContextException("the JWE header is not exactly " + HEADER_JSON);
        }
        try {
            // Parsed from the received text, so that the AAD Nimbus computes is the header as received.
            return JWEHeader.parse(new Base64URL(encoded));
        } catch (ParseException e) {
            throw new MalformedContextException("the JWE header does not parse", e);
        }
    }

    /**
     * Decodes one part, refusing anything but canonical unpadded base64url. Canonical matters: otherwise the unused
     * low bits of the last character could change without changing the bytes, and the same context would have
     * several valid spellings.
     */
    private static byte[] decode(String part) throws MalformedContextException {
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            boolean alphabet = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                    || c == '-' || c == '_';
            if (!alphabet) {
                throw new MalformedContextException("a part is not base64url");
            }
        }
        if (part.length() % 4 == 1) {
            throw new MalformedContextException("a part has an impossible base64url length");
        }
        byte[] bytes = DECODER.decode(part);
        if (!ENCODER.encodeToString(bytes).equals(part)) {
            throw new MalformedContextException("a part is not canonical base64url");
        }
        return bytes;
    }

    /** The checked parts of a sealed context; the encrypted key is always empty. */
    record Parts(JWEHeader header, Base64URL iv, Base64URL cipherText, Base64URL tag) {
    }
}
