package dev.mfastepup.crypto;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertThrowsExactly;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.CompressionAlgorithm;
import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectEncrypter;
import com.nimbusds.jose.util.Base64URL;
import dev.mfastepup.ErrorCodes;
import dev.mfastepup.MfaTokenExpiredException;
import dev.mfastepup.MfaTokenInvalidException;
import dev.mfastepup.StepUpRequirements;
import dev.mfastepup.config.SecretRules;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ContextSealerTest {

    // Fixtures -------------------------------------------------------------------------------------------------------

    /** The Python SDK test suite's secret, and the key protocol §4.2 derives from it. */
    private static final String SECRET = "test-secret-long-enough-for-encryption";
    private static final byte[] KEY = HexFormat.of().parseHex(
            "c77807ad47844b2bc800828bd015830fe37e44291effb7cad221430b803e0298"
            + "b628c0a0e9ee08339d8dd559bccc854b7cb49bd3d24f8776f03162f732f5e3ea");

    private static final String SECRET_A = SECRET;
    private static final String SECRET_B = "9f2c41d7e0b85a36c1f4e9d2b7a06358e4c1d9f07b2a";
    private static final String HEADER_JSON = "{\"alg\":\"dir\",\"enc\":\"A256CBC-HS512\"}";

    private static final long T0 = 1_700_000_000L;
    private static final Duration TTL = Duration.ofSeconds(300);

    /** Protocol §4.2: {"mfa_token": "raw_mfa_tok", "audience": "default", ...}, random IV. */
    private static final String PY_RANDOM_IV = "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2Q0JDLUhTNTEyIn0..pFqSWR6tnR6TNc8GYt5wzA."
            + "nHefgy8OKQ1jGx9QbeNlKsQ4OPq6e1t9hwQE9M2n69nnXQM6QbAfUU_hrEStrHvF1ZudSgqwH85rjNknklrpQO6U81lOZ4QUBy5NJmXZg6"
            + "ES3OAFHEXP7_GV9Y10f6_z78qtiKR9a7pLLksCDrbjyP1A1b4yUKHlxIpX5V1gf-Y.mV6azdMQnfi1P4KJHwZWWKaidWPWUq441PCd304jKjM";

    /** Protocol §4.2: the same payload, IV 00 01 .. 0f. */
    private static final String PY_FIXED_IV = "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2Q0JDLUhTNTEyIn0..AAECAwQFBgcICQoLDA0ODw."
            + "FrWLzZv0sHK_HcVUf4yP4WRww98Nuf5CHCTmF7YVZdir1S9xEZegJjgvDF9FCGWlmKzEWZKO6J-KnbSKr9cP0zAwwpJK6-mK2ti2apIGf2"
            + "xrurqofGSDXIqwCdIymo8C1mTkGXJbLcXltu996BWWuMSB93vjheS2ZCiygxe1g6A.7K_GDDYqw2m5gXPvX2hsnXZVogu0Tcinrxhtkd4apJQ";

    /** Protocol §4.2: raw_token_123 with enroll otp / challenge oob, IV all zero. */
    private static final String PY_WITH_REQUIREMENTS = "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2Q0JDLUhTNTEyIn0..AAAAAAAAAAAAAAAAAAAAAA."
            + "YQLlpNBquHds3Sw7h4NFIqhEutV6TYdSnSt5tYgBo4UYaCeOgH--BYUggmA7oSAGIlxR9t5RmY1PIGLG8g5tNTPj6P4hbI8dro90Rxk7w--"
            + "SObKLtaWbXKX4uSkKlCdWwyvNFJsv3EuhZbNJynXYSgohZyRVLhR1wdZ6Ggemq2mP_AVdw7_pp3ccoqzwd-OuzbpDzQd_ApjhtQMIaoSgOJ"
            + "u6di4YxNCsm2nTR4f5qNREYHRWCED-lFjo4H7Lr-Yuws4CI0ggSZPvc0yp9NkJIQ.eMT618bAWIOjaszj4bMsMu6bWrnMFMGhC4CvayiynMg";

    private static final String FLOW = "flow-6b1f0c2e";
    private static final String SUB = "auth0|alice";
    private static final String DOMAIN = "tenant.eu.auth0.com";
    private static final StepUpRequirements OTP_OOB = new StepUpRequirements(List.of("otp"), List.of("oob"));

    private static Clock clockAt(long epochSecond) {
        return Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
    }

    private static ContextSealer sealerAt(long epochSecond) {
        return new ContextSealer(List.of(SECRET), TTL, clockAt(epochSecond));
    }

    private static ContextSealer sealer(List<String> secrets, long ttlSeconds, long epochSecond) {
        return new ContextSealer(secrets, Duration.ofSeconds(ttlSeconds), clockAt(epochSecond));
    }

    private static StepUpContext bound(String raw, long createdAt) {
        return new StepUpContext(raw, "https://api.example.com", "openid profile", OTP_OOB, createdAt,
                FLOW, SUB, DOMAIN, null);
    }

    private static StepUpContext unbound(String raw, StepUpRequirements requirements, long createdAt) {
        return new StepUpContext(raw, "https://api.example.com", "openid profile", requirements, createdAt,
                null, null, null, null);
    }

    /** A correctly authenticated JWE with any header and payload, made by Nimbus with the given key. */
    private static String encrypt(byte[] key, String headerJson, String payload) throws Exception {
        JWEObject jwe = new JWEObject(JWEHeader.parse(Base64URL.encode(headerJson)), new Payload(payload));
        jwe.encrypt(new DirectEncrypter(key));
        return jwe.serialize();
    }

    private static String pythonPayload(String raw, String createdAt) {
        return "{\"mfa_token\": \"" + raw + "\", \"audience\": \"default\", \"scope\": \"\", "
                + "\"mfa_requirements\": null, \"created_at\": " + createdAt + "}";
    }

    // Python SDK known answers (protocol §4.2) -----------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {PY_RANDOM_IV, PY_FIXED_IV})
    void unsealWhenPythonVectorWithoutRequirementsThenExactPayload(String sealed) {
        StepUpContext context = sealerAt(T0 + 10).unseal(sealed);

        assertEquals("raw_mfa_tok", context.mfaToken());
        assertEquals("default", context.audience());
        assertEquals("", context.scope());
        assertNull(context.requirements());
        assertEquals(T0, context.createdAt());
        assertNull(context.flowId());
        assertNull(context.subject());
        assertNull(context.domain());
        assertNull(context.oobCode());
    }

    @Test
    void unsealWhenPythonVectorWithRequirementsThenExactPayload() {
        StepUpContext context = sealerAt(T0 + 10).unseal(PY_WITH_REQUIREMENTS);

        assertEquals("raw_token_123", context.mfaToken());
        assertEquals("https://api.example.com", context.audience());
        assertEquals("openid profile", context.scope());
        assertEquals(OTP_OOB, context.requirements());
        assertEquals(T0, context.createdAt());
    }

    @ParameterizedTest
    @ValueSource(strings = {PY_RANDOM_IV, PY_FIXED_IV, PY_WITH_REQUIREMENTS})
    void unsealWhenPythonVectorAndRealClockThenExpired(String sealed) {
        ContextSealer sealer = new ContextSealer(List.of(SECRET), TTL, Clock.systemUTC());

        MfaTokenExpiredException e = assertThrowsExactly(MfaTokenExpiredException.class, () -> sealer.unseal(sealed));
        assertEquals(ErrorCodes.MFA_TOKEN_EXPIRED, e.code());
    }

    @ParameterizedTest
    @ValueSource(strings = {PY_RANDOM_IV, PY_FIXED_IV, PY_WITH_REQUIREMENTS})
    void unsealWhenPythonVectorAndKeyFromAnotherSecretThenInvalid(String sealed) {
        ContextSealer sealer = sealer(List.of(SECRET_B), 300, T0 + 10);

        MfaTokenInvalidException e = assertThrowsExactly(MfaTokenInvalidException.class, () -> sealer.unseal(sealed));
        assertEquals(ErrorCodes.MFA_TOKEN_INVALID, e.code());
    }

    @Test
    void referenceDecoderWhenPythonVectorThenPythonPayload() throws Exception {
        // Checks the test's own decoder against jwcrypto's output before trusting it below.
        assertEquals(pythonPayload("raw_mfa_tok", "1700000000"), ReferenceJweDecoder.decrypt(PY_FIXED_IV, KEY));
    }

    // What Python reads: our output through an independent RFC 7518 decoder ------------------------------------------

    @Test
    void sealWhenBoundContextThenReferenceDecoderReadsMembersInOrder() throws Exception {
        StepUpContext context = bound("raw_token_123", T0).withOobCode("oob-1");

        String sealed = sealerAt(T0).seal(context);

        assertEquals(HEADER_JSON, ReferenceJweDecoder.header(sealed));
        assertTrue(sealed.startsWith("eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2Q0JDLUhTNTEyIn0.."), sealed);
        assertEquals("{\"mfa_token\":\"raw_token_123\",\"audience\":\"https://api.example.com\","
                + "\"scope\":\"openid profile\","
                + "\"mfa_requirements\":{\"enroll\":[{\"type\":\"otp\"}],\"challenge\":[{\"type\":\"oob\"}]},"
                + "\"created_at\":1700000000,\"flow_id\":\"flow-6b1f0c2e\",\"subject\":\"auth0|alice\","
                + "\"domain\":\"tenant.eu.auth0.com\",\"oob_code\":\"oob-1\"}",
                ReferenceJweDecoder.decrypt(sealed, KEY));
    }

    @Test
    void sealWhenUnboundContextThenReferenceDecoderReadsPythonMembersOnly() throws Exception {
        StepUpContext context = new StepUpContext("raw_mfa_tok", "default", "", null, T0, null, null, null, null);

        String sealed = sealerAt(T0).seal(context);

        assertEquals("{\"mfa_token\":\"raw_mfa_tok\",\"audience\":\"default\",\"scope\":\"\","
                + "\"mfa_requirements\":null,\"created_at\":1700000000}", ReferenceJweDecoder.decrypt(sealed, KEY));
    }

    @Test
    void sealWhenRequirementListsNullThenWrittenAsJsonNull() throws Exception {
        StepUpContext context = unbound("t", new StepUpRequirements(null, List.of("phone")), T0);

        String json = ReferenceJweDecoder.decrypt(sealerAt(T0).seal(context), KEY);

        assertTrue(json.contains("\"mfa_requirements\":{\"enroll\":null,\"challenge\":[{\"type\":\"phone\"}]}"), json);
    }

    // Ports of the Python SDK's tests (reference-tests.md A.3) --------------------------------------------------------

    @Test
    void unsealWhenSealedHereThenSameContext() {
        // PY-MC-09
        ContextSealer sealer = sealerAt(T0);
        StepUpContext context = bound("raw_token_123", T0);

        String sealed = sealer.seal(context);

        assertNotEquals("raw_token_123", sealed);
        assertFalse(sealed.contains("raw_token_123"));
        StepUpContext opened = sealer.unseal(sealed);
        assertEquals(context, opened);
        assertEquals("raw_token_123", opened.mfaToken());
        assertEquals("https://api.example.com", opened.audience());
        assertEquals("openid profile", opened.scope());
        assertEquals(OTP_OOB, opened.requirements());
    }

    @Test
    void unsealWhenOlderThanDefaultTtlThenExpired() {
        // PY-MC-10
        String sealed = sealerAt(1000).seal(bound("raw", 1000));

        assertThrowsExactly(MfaTokenExpiredException.class, () -> sealerAt(1000 + 300 + 1).unseal(sealed));
    }

    @Test
    void unsealWhenCustomTtlThenHonored() {
        // PY-MC-11
        String sealed = sealer(List.of(SECRET), 10, 1000).seal(bound("raw", 1000));

        assertEquals("raw", sealer(List.of(SECRET), 10, 1005).unseal(sealed).mfaToken());
        assertThrowsExactly(MfaTokenExpiredException.class, () -> sealer(List.of(SECRET), 10, 1011).unseal(sealed));
    }

    @Test
    void constructorWhenTtlZeroThenIllegalArgument() {
        // PY-MC-12
        assertThrows(IllegalArgumentException.class, () -> sealer(List.of(SECRET), 0, T0));
    }

    @Test
    void unsealWhenNotASealedStringThenInvalid() {
        // PY-MC-13
        assertThrowsExactly(MfaTokenInvalidException.class, () -> sealerAt(T0).unseal("not-a-valid-encrypted-token"));
    }

    @Test
    void unsealWhenLastFiveCharactersReplacedThenInvalid() {
        // PY-MC-14
        String sealed = sealerAt(T0).seal(bound("raw_token_123", T0));
        String tampered = sealed.substring(0, sealed.length() - 5) + "XXXXX";

        assertThrowsExactly(MfaTokenInvalidException.class, () -> sealerAt(T0).unseal(tampered));
    }

    @Test
    void unsealWhenSealedWithoutRequirementsThenRequirementsNull() {
        // PY-MC-15
        String sealed = sealerAt(T0).seal(unbound("raw", null, T0));

        assertNull(sealerAt(T0).unseal(sealed).requirements());
    }

    // Time -----------------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(longs = {1, 60, 300, 600})
    void unsealWhenExactlyTtlOldThenValidAndOneSecondLaterExpired(long ttl) {
        String sealed = sealer(List.of(SECRET), ttl, T0).seal(bound("raw", T0));

        assertEquals("raw", sealer(List.of(SECRET), ttl, T0 + ttl).unseal(sealed).mfaToken());
        assertThrowsExactly(MfaTokenExpiredException.class,
                () -> sealer(List.of(SECRET), ttl, T0 + ttl + 1).unseal(sealed));
    }

    @Test
    void sec05UnsealWhenCreatedAtUpTo30SecondsAheadThenValidAndBeyondInvalid() {
        String at30 = sealerAt(T0).seal(bound("raw", T0 + 30));
        String at31 = sealerAt(T0).seal(bound("raw", T0 + 31));

        assertEquals(T0 + 30, sealerAt(T0).unseal(at30).createdAt());
        assertThrowsExactly(MfaTokenInvalidException.class, () -> sealerAt(T0).unseal(at31));
    }

    @ParameterizedTest
    @ValueSource(longs = {Long.MIN_VALUE, -1, 0, Long.MAX_VALUE})
    void unsealWhenCreatedAtExtremeThenDefinedExceptionOnly(long createdAt) throws Exception {
        String sealed = encrypt(KEY, HEADER_JSON, pythonPayload("raw", Long.toString(createdAt)));

        Class<? extends RuntimeException> expected = createdAt > T0
                ? MfaTokenInvalidException.class : MfaTokenExpiredException.class;
        assertThrowsExactly(expected, () -> sealerAt(T0).unseal(sealed));
    }

    // Sealing --------------------------------------------------------------------------------------------------------

    @Test
    void sec01SealWhenSameContextTwiceThenDifferentStrings() {
        ContextSealer sealer = sealerAt(T0);
        StepUpContext context = bound("raw", T0);

        String first = sealer.seal(context);
        String second = sealer.seal(context);

        assertNotEquals(first, second);
        assertNotEquals(first.split("\\.")[2], second.split("\\.")[2], "the IVs must differ");
        assertEquals(sealer.unseal(first), sealer.unseal(second));
    }

    @Test
    void sealWhenRawTokenAtLimitThenRoundTrips() {
        String raw = "t".repeat(ContextSealer.MAX_MFA_TOKEN_LENGTH);

        String sealed = sealerAt(T0).seal(bound(raw, T0));

        assertEquals(raw, sealerAt(T0).unseal(sealed, FLOW, SUB, DOMAIN).mfaToken());
    }

    @Test
    void sealWhenRawTokenOverLimitThenIllegalArgument() {
        StepUpContext context = bound("t".repeat(ContextSealer.MAX_MFA_TOKEN_LENGTH + 1), T0);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sealerAt(T0).seal(context));
        assertFalse(e.getMessage().contains("tttttttt"));
    }

    @Test
    void sealWhenRawTokenEmptyThenIllegalArgument() {
        assertThrows(IllegalArgumentException.class, () -> sealerAt(T0).seal(bound("", T0)));
    }

    @Test
    void sealWhenResultWouldBeTooLongToUnsealThenIllegalArgument() {
        StepUpContext context = new StepUpContext("raw", "a".repeat(13_000), "", null, T0, FLOW, SUB, DOMAIN, null);

        assertThrows(IllegalArgumentException.class, () -> sealerAt(T0).seal(context));
    }

    @Test
    void sealWhenRequirementWithoutTypeThenIllegalArgument() {
        StepUpContext context = unbound("raw", new StepUpRequirements(Collections.singletonList(null), null), T0);

        assertThrows(IllegalArgumentException.class, () -> sealerAt(T0).seal(context));
    }

    @Test
    void sealWhenContextNullThenNullPointer() {
        assertThrows(NullPointerException.class, () -> sealerAt(T0).seal(null));
    }

    @Test
    void unsealWhenOobCodeSealedThenReturned() {
        String sealed = sealerAt(T0).seal(bound("raw", T0).withOobCode("oob-xyz"));

        assertEquals("oob-xyz", sealerAt(T0).unseal(sealed, FLOW, SUB, DOMAIN).oobCode());
    }

    // Tampering (SEC-03) ---------------------------------------------------------------------------------------------

    @Test
    void sec03UnsealWhenAnySingleBitOfDecodedPartsFlippedThenInvalid() {
        ContextSealer sealer = sealerAt(T0);
        String sealed = sealer.seal(bound("MFATOK-CANARY-1", T0).withOobCode("OOB-CANARY-1"));
        String[] parts = sealed.split("\\.", -1);
        int[] tamperable = {0, 2, 3, 4};
        Random random = new Random(5869);

        for (int i = 0; i < 1000; i++) {
            int part = tamperable[random.nextInt(tamperable.length)];
            byte[] bytes = Base64.getUrlDecoder().decode(parts[part]);
            int bit = random.nextInt(bytes.length * 8);
            bytes[bit / 8] ^= (byte) (1 << (bit % 8));
            String[] copy = parts.clone();
            copy[part] = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            String tampered = String.join(".", copy);

            assertThrowsExactly(MfaTokenInvalidException.class, () -> sealer.unseal(tampered),
                    "flip " + i + ": part " + part + ", bit " + bit);
        }
    }

    @Test
    void unsealWhenAnySingleCharacterReplacedThenInvalid() {
        ContextSealer sealer = sealerAt(T0);
        String sealed = sealer.seal(bound("raw", T0));
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ ";
        Random random = new Random(7518);

        for (int i = 0; i < 1000; i++) {
            int at = random.nextInt(sealed.length());
            char replacement;
            do {
                replacement = alphabet.charAt(random.nextInt(alphabet.length()));
            } while (replacement == sealed.charAt(at));
            String tampered = sealed.substring(0, at) + replacement + sealed.substring(at + 1);

            assertThrowsExactly(MfaTokenInvalidException.class, () -> sealer.unseal(tampered),
                    "replace " + i + ": position " + at);
        }
    }

    @Test
    void sec03UnsealWhenTruncatedAtEverySeventhLengthThenInvalid() {
        ContextSealer sealer = sealerAt(T0);
        String sealed = sealer.seal(bound("raw", T0));

        for (int length = 0; length < sealed.length(); length += 7) {
            String truncated = sealed.substring(0, length);
            assertThrowsExactly(MfaTokenInvalidException.class, () -> sealer.unseal(truncated), "length " + length);
        }
    }

    @Test
    void unsealWhenNonCanonicalBase64ThenInvalid() {
        // The tag's last character carries two unused bits; a spelling that decodes to the same bytes is refused.
        String sealed = PY_FIXED_IV;
        char last = sealed.charAt(sealed.length() - 1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int index = alphabet.indexOf(last);
        String sameBytes = sealed.substring(0, sealed.length() - 1) + alphabet.charAt(index | 1);
        assertNotEquals(sealed, sameBytes);
        assertEquals(Arrays.toString(Base64.getUrlDecoder().decode(sealed.substring(sealed.lastIndexOf('.') + 1))),
                Arrays.toString(Base64.getUrlDecoder().decode(sameBytes.substring(sameBytes.lastIndexOf('.') + 1))));

        assertThrowsExactly(MfaTokenInvalidException.class, () -> sealerAt(T0 + 10).unseal(sameBytes));
    }

    @Test
    void unsealWhenOtherTokensPartsSwappedInThenInvalid() {
        ContextSealer sealer = sealerAt(T0);
        String[] first = sealer.seal(bound("raw-1", T0)).split("\\.", -1);
        String[] second = sealer.seal(bound("raw-2", T0)).split("\\.", -1);

        for (int part : new int[] {2, 3, 4}) {
            String[] mixed = first.clone();
            mixed[part] = second[part];
            assertThrowsExactly(MfaTokenInvalidException.class, () -> sealer.unseal(String.join(".", mixed)));
        }
    }

    @Test
    void unsealWhenRandomInputThenOnlyInvalid() {
        ContextSealer sealer = sealerAt(T0);
        String header = Base64URL.encode(HEADER_JSON).toString();
        Random random = new Random(20240601);

        for (int i = 0; i < 2000; i++) {
            String input = switch (i % 4) {
                case 0 -> randomText(random, random.nextInt(200));
                case 1 -> header + ".." + randomBase64(random, 16) + "." + randomBase64(random, 16 * (1 + random.nextInt(8)))
                        + "." + randomBase64(random, 32);
                case 2 -> header + "." + randomBase64(random, random.nextInt(40)) + "." + randomBase64(random, random.nextInt(40))
                        + "." + randomBase64(random, random.nextInt(200)) + "." + randomBase64(random, random.nextInt(40));
                default -> randomBase64(random, random.nextInt(100)) + ".." + randomBase64(random, 16) + "."
                        + randomBase64(random, 64) + "." + randomBase64(random, 32);
            };
            assertThrowsExactly(MfaTokenInvalidException.class, () -> sealer.unseal(input), "input " + i);
            assertThrowsExactly(MfaTokenInvalidException.class, () -> sealer.unseal(input, FLOW, SUB, DOMAIN));
        }
    }

    @Test
    void unsealWhenHeaderIsDeeplyNestedJsonThenInvalid() {
        String header = Base64URL.encode("[".repeat(5000) + "]".repeat(5000)).toString();
        String nestedInBudget = Base64URL.encode("{\"a\":" + "[".repeat(90) + "]".repeat(90) + "}").toString();

        for (String h : List.of(header, nestedInBudget)) {
            String input = h + "..AAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA."
                    + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
            assertThrowsExactly(MfaTokenInvalidException.class, () -> sealerAt(T0).unseal(input));
        }
    }

    // Headers (SEC-01) -----------------------------------------------------------------------------------------------

    @Test
    void unsealWhenRealA256GcmJweThenInvalid() throws Exception {
        byte[] key32 = Arrays.copyOfRange(KEY, 32, 64);
        String gcm = encrypt(key32, "{\"alg\":\"dir\",\"enc\":\"A256GCM\"}", pythonPayload("raw", "1700000000"));

        assertThrowsExactly(MfaTokenInvalidException.class, () -> sealerAt(T0).unseal(gcm));
    }

    @Test
    void unsealWhenRealA128CbcHs256JweThenInvalid() throws Exception {
        byte[] key32 = Arrays.copyOfRange(KEY, 0, 32);
        String cbc128 = encrypt(key32, "{\"alg\":\"dir\",\"enc\":\"A128CBC-HS256\"}", pythonPayload("raw", "1700000000"));

        assertThrowsExactly(MfaTokenInvalidException.class, () -> sealerAt(T0).unseal(cbc128));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"alg\":\"none\",\"enc\":\"A256CBC-HS512\"}",
        "{\"alg\":\"none\"}",
        "{\"alg\":\"DIR\",\"enc\":\"A256CBC-HS512\"}",
        "{\"alg\":\"dir\",\"enc\":\"a256cbc-hs512\"}",
        "{\"alg\":\"dir\",\"enc\":\"A256GCM\"}",
        "{\"alg\":\"A256KW\",\"enc\":\"A256CBC-HS512\"}",
        "{\"alg\":\"dir\"}",
        "{\"enc\":\"A256CBC-HS512\"}",
        "{}",
        "[]",
        "null",
        "{\"alg\":[\"dir\"],\"enc\":\"A256CBC-HS512\"}"
    })
    void sec01UnsealWhenHeaderSwappedThenInvalid(String headerJson) {
        String sealed = sealerAt(T0).seal(bound("raw", T0));
        String swapped = Base64URL.encode(headerJson) + sealed.substring(sealed.indexOf('.'));

        assertThrowsExactly(MfaTokenInvalidException.class, () -> sealerAt(T0).unseal(swapped));
    }

    @Test
    void unsealWhenAlgNoneUnsecuredObjectThenInvalid() {
        String unsecured = Base64URL.encode("{\"alg\":\"none\"}") + "."
                + Base64URL.encode(pythonPayload("raw", "1700000000")) + ".";

        assertThrowsExactly(MfaTokenInvalidException.class, () -> sealerAt(T0).unseal(unsecured));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"alg\":\"dir\",\"enc\":\"A256CBC-HS512\",\"zip\":\"DEF\"}",
        "{\"alg\":\"dir\",\"enc\":\"A256CBC-HS512\",\"crit\":[\"exp\"],\"exp\":1}",
        "{\"alg\":\"dir\",\"enc\":\"A256CBC-HS512\",\"kid\":\"k1\"}",
        "{\"alg\":\"dir\",\"enc\":\"A256CBC-HS512\",\"typ\":\"JWE\"}"
    })
    void unsealWhenCorrectlyAuthenticatedButExtraHeaderMemberThenInvalid(String headerJson) throws Exception {
        String sealed = encrypt(KEY, headerJson, pythonPayload("raw", Long.toString(T0)));
        // The header as such is fine for Nimbus; only our exact-header rule refuses it.
        assertEquals(headerJson, ReferenceJweDecoder.header(sealed));

        assertThrowsExactly(MfaTokenInvalidException.class, () -> sealerAt(T0).unseal(sealed));
    }

    @Test
    void unsealWhenRealZipDeflatedJweThenInvalid() throws Exception {
        JWEHeader header = new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A256CBC_HS512)
                .compressionAlgorithm(CompressionAlgorithm.DEF).build();
        JWEObject jwe = new JWEObject(header, new Payload(pythonPayload("raw", Long.toString(T0))));
        jwe.encrypt(new DirectEncrypter(KEY));
        String sealed = jwe.serialize();

        assertThrowsExactly(MfaTokenInvalidException.class, () -> sealerAt(T0).unseal(sealed));
    }

    @Test
    void unsealWhenHeaderMembersInAnotherOrderThenValid() throws Exception {
        // Nimbus's own builder writes enc before alg; the members, not their order, are what must be exact.
        JWEObject jwe = new JWEObject(new JWEHeader(JWEAlgorithm.DIR, EncryptionMethod.A256CBC_HS512),
                new Payload(pythonPayload("raw", Long.toString(T0))));
        jwe.encrypt(new DirectEncrypter(KEY));
        String sealed = jwe.serialize();
        assertEquals("{\"enc\":\"A256CBC-HS512\",\"alg\":\"dir\"}", ReferenceJweDecoder.header(sealed));

        assertEquals("raw", sealerAt(T0).unseal(sealed).mfaToken());
    }

    // Payload --------------------------------------------------------------------------------------------------------

    static Stream<String> malformedPayloads() {
        return Stream.of(
                "not json",
                "[]",
                "\"a string\"",
                "null",
                "{}",
                "{\"audience\": \"default\", \"scope\": \"\", \"created_at\": 1700000000}",
                "{\"mfa_token\": \"\", \"audience\": \"default\", \"scope\": \"\", \"created_at\": 1700000000}",
                "{\"mfa_token\": 42, \"audience\": \"default\", \"scope\": \"\", \"created_at\": 1700000000}",
                "{\"mfa_token\": null, \"audience\": \"default\", \"scope\": \"\", \"created_at\": 1700000000}",
                "{\"mfa_token\": \"t\", \"audience\": \"default\", \"scope\": \"\"}",
                "{\"mfa_token\": \"t\", \"audience\": \"default\", \"scope\": \"\", \"created_at\": \"1700000000\"}",
                "{\"mfa_token\": \"t\", \"audience\": \"default\", \"scope\": \"\", \"created_at\": 1700000000.5}",
                "{\"mfa_token\": \"t\", \"audience\": \"default\", \"scope\": \"\", \"created_at\": 1.7e9}",
                "{\"mfa_token\": \"t\", \"audience\": \"default\", \"scope\": \"\", \"created_at\": 1e400}",
                "{\"mfa_token\": \"t\", \"audience\": \"default\", \"scope\": \"\", \"created_at\": true}",
                "{\"mfa_token\": \"t\", \"scope\": \"\", \"created_at\": 1700000000}",
                "{\"mfa_token\": \"t\", \"audience\": 1, \"scope\": \"\", \"created_at\": 1700000000}",
                "{\"mfa_token\": \"t\", \"audience\": \"default\", \"scope\": null, \"created_at\": 1700000000}",
                "{\"mfa_token\": \"t\", \"audience\": \"default\", \"scope\": [], \"created_at\": 1700000000}",
                "{\"mfa_token\": \"t\", \"audience\": \"default\", \"scope\": \"\", \"created_at\": 1700000000, "
                        + "\"mfa_requirements\": \"otp\"}",
                "{\"mfa_token\": \"t\", \"audience\": \"default\", \"scope\": \"\", \"created_at\": 1700000000, "
                        + "\"mfa_requirements\": []}",
                "{\"mfa_token\": \"t\", \"audience\": \"default\", \"scope\": \"\", \"created_at\": 1700000000, "
                        + "\"mfa_requirements\": {\"enroll\": \"otp\"}}",
                "{\"mfa_token\": \"t\", \"audience\": \"default\", \"scope\": \"\", \"created_at\": 1700000000, "
                        + "\"mfa_requirements\": {\"challenge\": [1]}}",
                "{\"mfa_token\": \"t\", \"audience\": \"default\", \"scope\": \"\", \"created_at\": 1700000000, "
                        + "\"mfa_requirements\": {\"challenge\": [{\"type\": 1}]}}",
                "{\"mfa_token\": \"t\", \"audience\": \"default\", \"scope\": \"\", \"created_at\": 1700000000, "
                        + "\"mfa_requirements\": {\"challenge\": [{\"name\": \"otp\"}]}}",
                "{\"mfa_token\": \"t\", \"audience\": \"default\", \"scope\": \"\", \"created_at\": 1700000000, "
                        + "\"flow_id\": 7}",
                "{\"mfa_token\": \"t\", \"audience\": \"default\", \"scope\": \"\", \"created_at\": 1700000000, "
                        + "\"subject\": {}}",
                "{\"mfa_token\": \"t\", \"audience\": \"default\", \"scope\": \"\", \"created_at\": 1700000000, "
                        + "\"domain\": false}",
                "{\"mfa_token\": \"t\", \"audience\": \"default\", \"scope\": \"\", \"created_at\": 1700000000, "
                        + "\"oob_code\": [\"x\"]}",
                "{\"mfa_token\": \"t\", \"audience\": \"default\", \"scope\": \"\", \"created_at\": 1700000000",
                "{\"mfa_token\": \"t\", \"mfa_token\": \"u\", \"audience\": \"default\", \"scope\": \"\", "
                        + "\"created_at\": 1700000000}");
    }

    @ParameterizedTest
    @MethodSource("malformedPayloads")
    void unsealWhenAuthenticatedPayloadMalformedThenInvalid(String payload) throws Exception {
        String sealed = encrypt(KEY, HEADER_JSON, payload);

        assertThrowsExactly(MfaTokenInvalidException.class, () -> sealerAt(T0).unseal(sealed));
    }

    @Test
    void unsealWhenPayloadHasUnknownMembersAndEmptyRequirementsThenValid() throws Exception {
        String sealed = encrypt(KEY, HEADER_JSON, "{\"mfa_token\": \"t\", \"audience\": \"default\", \"scope\": \"\", "
                + "\"mfa_requirements\": {\"challenge\": [{\"type\": \"otp\", \"extra\": 1}]}, "
                + "\"created_at\": 1700000000, \"future_member\": {\"x\": [1, 2]}, \"flow_id\": null}");

        StepUpContext context = sealerAt(T0).unseal(sealed);

        assertEquals(new StepUpRequirements(null, List.of("otp")), context.requirements());
        assertNull(context.flowId());
    }

    @Test
    void unsealWhenPayloadInvalidThenNoCauseMentionsTheToken() throws Exception {
        String canary = "MFATOK-CANARY-9d81";
        List<String> sealed = List.of(
                encrypt(KEY, HEADER_JSON, "{\"mfa_token\": \"" + canary + "\", \"created_at\": \"x\"}"),
                encrypt(KEY, HEADER_JSON, "{\"mfa_token\": \"" + canary + "\", \"audience\": "),
                encrypt(KEY, HEADER_JSON, "{\"mfa_token\": \"" + canary + "\" \"audience\": 1}"));

        for (String s : sealed) {
            MfaTokenInvalidException e = assertThrowsExactly(MfaTokenInvalidException.class,
                    () -> sealerAt(T0).unseal(s));
            assertEquals(MfaTokenInvalidException.MESSAGE, e.getMessage());
            for (Throwable t = e; t != null; t = t.getCause()) {
                assertFalse(String.valueOf(t.getMessage()).contains(canary), String.valueOf(t.getMessage()));
                assertFalse(t.toString().contains(canary));
            }
        }
    }

    // Bounds on input ------------------------------------------------------------------------------------------------

    @Test
    void unsealWhenNullEmptyOrOverLongThenInvalid() {
        ContextSealer sealer = sealerAt(T0);
        String sealed = sealer.seal(bound("raw", T0));
        String overLong = sealed + "A".repeat(ContextSealer.MAX_SEALED_LENGTH + 1 - sealed.length());

        for (String input : Arrays.asList(null, "", " ", ".", "....", ".....", "......", overLong,
                "A".repeat(1_000_000))) {
            assertThrowsExactly(MfaTokenInvalidException.class, () -> sealer.unseal(input));
            assertThrowsExactly(MfaTokenInvalidException.class, () -> sealer.unseal(input, FLOW, SUB, DOMAIN));
        }
    }

    // Binding (SEC-04) -----------------------------------------------------------------------------------------------

    @Test
    void unsealWhenBindingMatchesThenContext() {
        String sealed = sealerAt(T0).seal(bound("raw", T0));

        assertEquals("raw", sealerAt(T0).unseal(sealed, FLOW, SUB, DOMAIN).mfaToken());
    }

    static Stream<Arguments> mismatchedBindings() {
        return Stream.of(
                Arguments.of("another flow", "flow-other", SUB, DOMAIN),
                Arguments.of("another user", FLOW, "auth0|bob", DOMAIN),
                Arguments.of("another domain", FLOW, SUB, "other.auth0.com"),
                Arguments.of("flow prefix", FLOW.substring(0, FLOW.length() - 1), SUB, DOMAIN),
                Arguments.of("user in other case", FLOW, SUB.toUpperCase(Locale.ROOT), DOMAIN),
                Arguments.of("no flow expected", null, SUB, DOMAIN),
                Arguments.of("no user expected", FLOW, null, DOMAIN),
                Arguments.of("no domain expected", FLOW, SUB, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mismatchedBindings")
    void sec04UnsealWhenBindingMismatchThenInvalid(String why, String flowId, String subject, String domain) {
        String sealed = sealerAt(T0).seal(bound("raw", T0));

        assertThrowsExactly(MfaTokenInvalidException.class, () -> sealerAt(T0).unseal(sealed, flowId, subject, domain));
    }

    @Test
    void unsealWhenPythonContextWithoutBindingAndBindingExpectedThenInvalid() {
        assertThrowsExactly(MfaTokenInvalidException.class,
                () -> sealerAt(T0 + 10).unseal(PY_WITH_REQUIREMENTS, FLOW, SUB, DOMAIN));
    }

    @Test
    void unsealWhenNoBindingOnEitherSideThenContext() {
        // null matches only null: a Python context opens through the binding method only if nothing is expected.
        assertEquals("raw_token_123", sealerAt(T0 + 10).unseal(PY_WITH_REQUIREMENTS, null, null, null).mfaToken());
    }

    @Test
    void unsealWhenBindingMismatchAndExpiredThenInvalidNotExpired() {
        // The binding is checked first: a foreign context says nothing about its age.
        String sealed = sealerAt(T0).seal(bound("raw", T0));

        assertThrowsExactly(MfaTokenInvalidException.class,
                () -> sealerAt(T0 + 301).unseal(sealed, "flow-other", SUB, DOMAIN));
        assertThrowsExactly(MfaTokenExpiredException.class,
                () -> sealerAt(T0 + 301).unseal(sealed, FLOW, SUB, DOMAIN));
    }

    // Binding to the session (SEC-04) -------------------------------------------------------------------------------

    private static final String SESSION = "q3VbX0m1Yt8kLr2cZp9wAg";

    private static StepUpContext boundToSession(String session) {
        return new StepUpContext("raw", "https://api.example.com", "openid profile", OTP_OOB, T0, FLOW, SUB, DOMAIN,
                null, null, session);
    }

    @Test
    void sealWhenSessionBoundThenPythonMembersFirstAndSessionBindingLast() throws Exception {
        String sealed = sealerAt(T0).seal(boundToSession(SESSION).withOobCode("oob-1").withRecoveryCode("RC-1"));

        // The Python SDK (extra members ignored) still reads the first five members of what is sealed here.
        assertEquals("{\"mfa_token\":\"raw\",\"audience\":\"https://api.example.com\","
                + "\"scope\":\"openid profile\","
                + "\"mfa_requirements\":{\"enroll\":[{\"type\":\"otp\"}],\"challenge\":[{\"type\":\"oob\"}]},"
                + "\"created_at\":1700000000,\"flow_id\":\"flow-6b1f0c2e\",\"subject\":\"auth0|alice\","
                + "\"domain\":\"tenant.eu.auth0.com\",\"oob_code\":\"oob-1\",\"recovery_code\":\"RC-1\","
                + "\"session_binding\":\"" + SESSION + "\"}", ReferenceJweDecoder.decrypt(sealed, KEY));
        assertFalse(sealed.contains(SESSION), "the value is inside the ciphertext only");
    }

    @Test
    void sec04UnsealWhenSessionBindingMatchesThenContextWithTheSameValue() {
        String sealed = sealerAt(T0).seal(boundToSession(SESSION));

        StepUpContext opened = sealerAt(T0).unseal(sealed, FLOW, SUB, DOMAIN, SESSION);

        assertEquals(SESSION, opened.sessionBinding());
        assertEquals("raw", opened.mfaToken());
    }

    static Stream<Arguments> otherSessions() {
        return Stream.of(
                Arguments.of("another session", "AAAAAAAAAAAAAAAAAAAAAA"),
                Arguments.of("one character changed", SESSION.substring(0, 21) + "h"),
                Arguments.of("a prefix", SESSION.substring(0, 21)),
                Arguments.of("longer", SESSION + "A"),
                Arguments.of("in other case", SESSION.toUpperCase(Locale.ROOT)),
                Arguments.of("empty", ""),
                Arguments.of("none expected", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("otherSessions")
    void sec04UnsealWhenSessionBindingDiffersThenInvalidEvenWithFlowUserAndDomainRight(String why, String session) {
        String sealed = sealerAt(T0).seal(boundToSession(SESSION));

        MfaTokenInvalidException e = assertThrowsExactly(MfaTokenInvalidException.class,
                () -> sealerAt(T0).unseal(sealed, FLOW, SUB, DOMAIN, session));
        assertFalse(String.valueOf(e.getCause()).contains(SESSION), "the cause never quotes the value");
    }

    @Test
    void sec04UnsealWhenSessionBoundContextOpenedWithoutSessionThenInvalid() {
        // The four-argument method expects no session: a session-bound context never opens through it.
        String sealed = sealerAt(T0).seal(boundToSession(SESSION));

        assertThrowsExactly(MfaTokenInvalidException.class, () -> sealerAt(T0).unseal(sealed, FLOW, SUB, DOMAIN));
    }

    @Test
    void sec04UnsealWhenContextHasNoSessionBindingAndOneIsExpectedThenInvalid() {
        // A context sealed without the member (the Python SDK's, or one sealed before it existed) never opens on the
        // module's session path, which always expects its session's value.
        String unboundToSession = sealerAt(T0).seal(bound("raw", T0));

        assertThrowsExactly(MfaTokenInvalidException.class,
                () -> sealerAt(T0).unseal(unboundToSession, FLOW, SUB, DOMAIN, SESSION));
        assertThrowsExactly(MfaTokenInvalidException.class,
                () -> sealerAt(T0 + 10).unseal(PY_WITH_REQUIREMENTS, null, null, null, SESSION));
    }

    @Test
    void sec04UnsealWhenSessionDiffersAndExpiredThenInvalidNotExpired() {
        String sealed = sealerAt(T0).seal(boundToSession(SESSION));

        assertThrowsExactly(MfaTokenInvalidException.class,
                () -> sealerAt(T0 + 301).unseal(sealed, FLOW, SUB, DOMAIN, "AAAAAAAAAAAAAAAAAAAAAA"));
        assertThrowsExactly(MfaTokenExpiredException.class,
                () -> sealerAt(T0 + 301).unseal(sealed, FLOW, SUB, DOMAIN, SESSION));
    }

    @Test
    void sealWhenOobOrRecoveryCodeReplacedThenSessionBindingKept() {
        StepUpContext context = boundToSession(SESSION).withOobCode("oob-1").withRecoveryCode("RC-1").withOobCode(null);

        assertEquals(SESSION, context.sessionBinding());
        assertEquals(SESSION, sealerAt(T0).unseal(sealerAt(T0).seal(context), FLOW, SUB, DOMAIN, SESSION)
                .sessionBinding());
    }

    // Rotation (SEC-37) ----------------------------------------------------------------------------------------------

    @Test
    void sec37UnsealWhenSealedWithPreviousSecretThenOpened() {
        String sealedWithA = sealer(List.of(SECRET_A), 300, T0).seal(bound("raw", T0));

        assertEquals("raw", sealer(List.of(SECRET_B, SECRET_A), 300, T0).unseal(sealedWithA).mfaToken());
    }

    @Test
    void sec37UnsealWhenSecretRemovedThenInvalid() {
        String sealedWithA = sealer(List.of(SECRET_A), 300, T0).seal(bound("raw", T0));

        assertThrowsExactly(MfaTokenInvalidException.class,
                () -> sealer(List.of(SECRET_B), 300, T0).unseal(sealedWithA));
    }

    @Test
    void unsealWhenSealedWithPreviousSecretAndExpiredThenExpired() {
        String sealedWithA = sealer(List.of(SECRET_A), 300, T0).seal(bound("raw", T0));

        assertThrowsExactly(MfaTokenExpiredException.class,
                () -> sealer(List.of(SECRET_B, SECRET_A), 300, T0 + 301).unseal(sealedWithA, FLOW, SUB, DOMAIN));
    }

    @Test
    void sealWhenSeveralSecretsThenFirstOneSeals() {
        String sealed = sealer(List.of(SECRET_B, SECRET_A), 300, T0).seal(bound("raw", T0));

        assertEquals("raw", sealer(List.of(SECRET_B), 300, T0).unseal(sealed).mfaToken());
        assertThrowsExactly(MfaTokenInvalidException.class, () -> sealer(List.of(SECRET_A), 300, T0).unseal(sealed));
    }

    @Test
    void unsealWhenPythonVectorAndSecretIsPreviousThenOpened() {
        assertEquals("raw_mfa_tok", sealer(List.of(SECRET_B, SECRET), 300, T0 + 1).unseal(PY_FIXED_IV).mfaToken());
    }

    // Configuration (SEC-02, SEC-05) ---------------------------------------------------------------------------------

    static Stream<Arguments> badSecrets() {
        return Stream.of(
                Arguments.of("blank", Arrays.asList("   \t  ")),
                Arguments.of("empty", Arrays.asList("")),
                Arguments.of("null", Arrays.asList((String) null)),
                Arguments.of("31 bytes", Arrays.asList("k7Qx9vLm2Rt8Wz4Pa6Nc1Ye3Hb5Jd0G")),
                Arguments.of("placeholder", Arrays.asList("changeme-changeme-changeme-changeme")),
                Arguments.of("placeholder in other case", Arrays.asList("Your-Secret-Goes-Here-0123456789ab")),
                Arguments.of("one character repeated", Arrays.asList("a".repeat(64))),
                Arguments.of("few distinct characters", Arrays.asList("abababababababababababababababab12")),
                Arguments.of("bad previous secret", Arrays.asList(SECRET_A, "short-previous")),
                Arguments.of("null previous secret", Arrays.asList(SECRET_A, null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSecrets")
    void constructorWhenSecretWeakShortOrBlankThenIllegalArgumentWithoutTheSecret(String why, List<String> secrets) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ContextSealer(secrets, TTL, Clock.systemUTC()));

        assertTrue(e.getMessage().startsWith("secrets["), e.getMessage());
        for (String secret : secrets) {
            if (secret != null && !secret.isBlank()) {
                assertFalse(e.getMessage().contains(secret), e.getMessage());
            }
        }
    }

    @Test
    void constructorWhenNoSecretsThenIllegalArgument() {
        assertThrows(IllegalArgumentException.class, () -> new ContextSealer(List.of(), TTL, Clock.systemUTC()));
    }

    @Test
    void secretProblemWhenSecretBreaksARuleThenTheRuleOfTheConfiguration() {
        assertEquals(SecretRules.problem("short"), ContextSealer.secretProblem("short"));
        assertEquals(Optional.of("is shorter than 32 bytes"), ContextSealer.secretProblem("short"));
        assertEquals(Optional.empty(), ContextSealer.secretProblem("k7Qx9vLm2Rt8Wz4Pa6Nc1Ye3Hb5Jd0G2"));
    }

    @Test
    void constructorWhenSecretExactly32BytesThenAccepted() {
        String secret = "k7Qx9vLm2Rt8Wz4Pa6Nc1Ye3Hb5Jd0G2";
        assertEquals(32, secret.getBytes(UTF_8).length);

        assertDoesNotThrow(() -> new ContextSealer(List.of(secret), TTL, Clock.systemUTC()));
    }

    @ParameterizedTest
    @ValueSource(longs = {-1, 0, 601, 3600})
    void constructorWhenTtlOutOfRangeThenIllegalArgument(long seconds) {
        assertThrows(IllegalArgumentException.class,
                () -> new ContextSealer(List.of(SECRET), Duration.ofSeconds(seconds), Clock.systemUTC()));
    }

    @Test
    void constructorWhenTtlNotWholeSecondsThenIllegalArgument() {
        assertThrows(IllegalArgumentException.class,
                () -> new ContextSealer(List.of(SECRET), Duration.ofMillis(1500), Clock.systemUTC()));
        assertThrows(IllegalArgumentException.class,
                () -> new ContextSealer(List.of(SECRET), Duration.ofMillis(999), Clock.systemUTC()));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 300, 600})
    void constructorWhenTtlInRangeThenAccepted(long seconds) {
        assertDoesNotThrow(() -> new ContextSealer(List.of(SECRET), Duration.ofSeconds(seconds), Clock.systemUTC()));
    }

    @Test
    void constructorWhenArgumentNullThenNullPointer() {
        assertThrows(NullPointerException.class, () -> new ContextSealer(null, TTL, Clock.systemUTC()));
        assertThrows(NullPointerException.class, () -> new ContextSealer(List.of(SECRET), null, Clock.systemUTC()));
        assertThrows(NullPointerException.class, () -> new ContextSealer(List.of(SECRET), TTL, null));
    }

    @Test
    void constructorWhenSecretListChangedAfterwardsThenSealerUnaffected() {
        List<String> secrets = new ArrayList<>(List.of(SECRET_A));
        ContextSealer sealer = new ContextSealer(secrets, TTL, clockAt(T0));
        secrets.set(0, SECRET_B);

        String sealed = sealer.seal(bound("raw", T0));

        assertEquals("raw", sealer(List.of(SECRET_A), 300, T0).unseal(sealed).mfaToken());
    }

    @Test
    void toStringWhenCalledThenNoSecret() {
        String text = new ContextSealer(List.of(SECRET_A, SECRET_B), TTL, Clock.systemUTC()).toString();

        assertFalse(text.contains(SECRET_A));
        assertFalse(text.contains(SECRET_B));
        assertEquals("ContextSealer[keys=2, ttl=300s]", text);
    }

    @Test
    void sealWhenSharedAcrossThreadsThenEveryContextRoundTrips() throws Exception {
        ContextSealer sealer = sealerAt(T0);
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < 8; t++) {
            String raw = "raw-" + t;
            Thread thread = new Thread(() -> {
                try {
                    for (int i = 0; i < 200; i++) {
                        assertEquals(raw, sealer.unseal(sealer.seal(bound(raw, T0)), FLOW, SUB, DOMAIN).mfaToken());
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }

        assertEquals(List.of(), failures);
    }

    // Helpers --------------------------------------------------------------------------------------------------------

    private static String randomText(Random random, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(random.nextInt(4) == 0 ? '.' : (char) random.nextInt(0x3000));
        }
        return text.toString();
    }

    private static String randomBase64(Random random, int byteCount) {
        byte[] bytes = new byte[byteCount];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
