package dev.mfastepup.crypto;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A test-only JWE {@code dir} + {@code A256CBC-HS512} decoder written from RFC 7518 §5.2.2.2 with plain JCA and no
 * JOSE library, standing in for the Python SDK: what it opens, jwcrypto opens too.
 */
final class ReferenceJweDecoder {

    private ReferenceJweDecoder() {
    }

    /** Returns the decoded protected header of a compact JWE. */
    static String header(String compact) {
        return new String(Base64.getUrlDecoder().decode(compact.split("\\.", -1)[0]), UTF_8);
    }

    /** Checks the tag and decrypts; {@code key} is 64 bytes: MAC key then AES key. */
    static String decrypt(String compact, byte[] key) throws GeneralSecurityException {
        String[] parts = compact.split("\\.", -1);
        if (parts.length != 5 || !parts[1].isEmpty()) {
            throw new GeneralSecurityException("not a dir JWE in compact form");
        }
        Base64.Decoder base64 = Base64.getUrlDecoder();
        byte[] aad = parts[0].getBytes(US_ASCII);
        byte[] iv = base64.decode(parts[2]);
        byte[] cipherText = base64.decode(parts[3]);
        byte[] tag = base64.decode(parts[4]);
        byte[] macKey = Arrays.copyOfRange(key, 0, 32);
        byte[] encKey = Arrays.copyOfRange(key, 32, 64);

        Mac mac = Mac.getInstance("HmacSHA512");
        mac.init(new SecretKeySpec(macKey, "HmacSHA512"));
        mac.update(aad);
        mac.update(iv);
        mac.update(cipherText);
        mac.update(ByteBuffer.allocate(8).putLong((long) aad.length * 8).array());
        byte[] expectedTag = Arrays.copyOf(mac.doFinal(), 32);
        if (!MessageDigest.isEqual(expectedTag, tag)) {
            throw new GeneralSecurityException("tag mismatch");
        }

        Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(encKey, "AES"), new IvParameterSpec(iv));
        return new String(cipher.doFinal(cipherText), UTF_8);
    }
}
