package dev.mfastepup.client;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.mfastepup.TestConfigs.DOMAIN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.mfastepup.Auth0Stubs;
import dev.mfastepup.ErrorCodes;
import dev.mfastepup.client.model.AssociateRequest;
import dev.mfastepup.client.model.Authenticator;
import dev.mfastepup.client.model.MfaRequirements;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * F12: a 200 answer that lacks what its operation needs is {@code idp_bad_response}, never a half-filled success,
 * and the message says what was missing without repeating Auth0's text as it came.
 */
class Auth0ClientMalformedAnswerTest {

    @RegisterExtension
    static WireMockExtension auth0 = Auth0Stubs.server();

    private static final String RAW = ClientCalls.RAW;
    private static final AssociateRequest OTP = new AssociateRequest(List.of("otp"), null, null, null);

    private Auth0Client client;

    @BeforeEach
    void setUp() {
        client = new Auth0Client(ClientConfigs.patient(auth0.baseUrl()), Executors.defaultThreadFactory());
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    private static IdpException badResponse(Runnable call) {
        IdpException e = assertThrows(IdpException.class, call::run);
        assertEquals(ErrorCodes.IDP_BAD_RESPONSE, e.code(), e.getMessage());
        assertTrue(e.isUnavailable(), "a bad answer says nothing about the user's code");
        assertFalse(e.isNotSent());
        return e;
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "{}", "{\"authenticator_type\":null}",
        "{\"authenticator_type\":\"otp\",\"barcode_uri\":\"otpauth://totp/x\"}",
        "{\"authenticator_type\":\"otp\",\"secret\":\"JBSWY3DPEHPK3PXP\"}",
        "{\"authenticator_type\":\"oob\",\"oob_code\":\"oob-1\"}",
        "{\"authenticator_type\":\"oob\",\"oob_channel\":\"sms\"}"})
    void anEnrollmentWithoutWhatItsTypeNeedsIsABadResponse(String body) {
        auth0.stubFor(post("/mfa/associate").willReturn(okJson(body)));

        badResponse(() -> client.associate(DOMAIN, RAW, OTP));
    }

    @Test
    void anEnrollmentOfATypeThisModuleDoesNotKnowIsABadResponseNamingTheTypeSafely() {
        auth0.stubFor(post("/mfa/associate").willReturn(okJson("{\"authenticator_type\":\"web<b>authn\"}")));

        IdpException e = badResponse(() -> client.associate(DOMAIN, RAW, OTP));

        assertEquals("Auth0 answered POST /mfa/associate with Unexpected authenticator type: web?b?authn",
                e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "{}", "{\"challenge_type\":\"oob\"}"})
    void aChallengeWithoutTypeOrAnOutOfBandOneWithoutCodeIsABadResponse(String body) {
        auth0.stubFor(post("/mfa/challenge").willReturn(okJson(body)));

        badResponse(() -> client.challenge(DOMAIN, RAW, "oob", "sms|dev_1"));
    }

    @Test
    void anOtpChallengeNeedsNoCodeAndAnEmptyAuthenticatorIdIsNotSent() {
        auth0.stubFor(post("/mfa/challenge").willReturn(okJson("{\"challenge_type\":\"otp\"}")));

        assertEquals("otp", client.challenge(DOMAIN, RAW, "otp", "").challengeType());
        assertEquals("otp", client.challenge(DOMAIN, RAW, "otp", null).challengeType());

        auth0.verify(2, postRequestedFor(urlEqualTo("/mfa/challenge"))
                .withRequestBody(WireMock.notContaining("authenticator_id")));
    }

    @Test
    void aListThatIsNoListIsABadResponseAndEntriesWithoutIdOrTypeAreLeftOut() {
        auth0.stubFor(get("/mfa/authenticators").willReturn(okJson("null")));
        badResponse(() -> client.listAuthenticators(DOMAIN, RAW));

        auth0.stubFor(get("/mfa/authenticators").willReturn(okJson("[null, {\"id\":\"totp|1\","
                + "\"authenticator_type\":\"otp\"}, {\"authenticator_type\":\"otp\"}, {\"id\":\"x|2\"}]")));
        List<Authenticator> listed = client.listAuthenticators(DOMAIN, RAW);

        assertEquals(List.of("totp|1"), listed.stream().map(Authenticator::id).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "null", "[]", "{\"keys\":\"no list\"}"})
    void aKeySetThatIsNoKeySetIsABadResponse(String body) {
        auth0.stubFor(get("/.well-known/jwks.json").willReturn(okJson(body)));

        badResponse(() -> client.keySet(DOMAIN));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"token_type\":\"Bearer\",\"expires_in\":60}",
        "{\"access_token\":\" \",\"expires_in\":60}", "{\"access_token\":\"at\"}",
        "{\"access_token\":\"at\",\"expires_in\":-1}", "{\"access_token\":\"at\",\"expires_in\":0}"})
    void aGrantedAnswerWithoutAccessTokenOrLifetimeIsABadResponse(String body) {
        auth0.stubFor(post("/oauth/token").willReturn(okJson(body)));

        badResponse(() -> client.verifyOtp(DOMAIN, RAW, "123456"));
    }

    @Test
    void aLifetimeOfOneSecondOrABearerInAnyCaseIsGranted() {
        auth0.stubFor(post("/oauth/token").willReturn(okJson(
                "{\"access_token\":\"at\",\"expires_in\":1,\"token_type\":\"BEARER\"}")));

        assertTrue(client.verifyOtp(DOMAIN, RAW, "123456") instanceof TokenGrantResult.Granted);
    }

    @Test
    void anMfaRequiredAnswerWithABlankTokenIsAnErrorAndItsToStringLeavesTheTokenOut() {
        auth0.stubFor(post("/oauth/token").willReturn(WireMock.aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"mfa_required\",\"error_description\":\"MFA\",\"mfa_token\":\" \"}")));

        IdpException e = assertThrows(IdpException.class, () -> client.refresh(DOMAIN, "rt", null, null));

        assertEquals(ErrorCodes.MFA_REQUIRED, e.code());
        assertEquals("MfaRequired[requirements=null]",
                new TokenGrantResult.MfaRequired("MT-CANARY", null).toString());
        assertEquals("MfaRequired[requirements=MfaRequirements[enroll=null, challenge=null]]",
                new TokenGrantResult.MfaRequired("MT-CANARY", new MfaRequirements(null, null)).toString());
    }

    @Test
    void descriptionsAreCleanedOfControlCharactersCutTo300AndBlankIsNone() {
        assertNull(IdpException.clean(null));
        assertNull(IdpException.clean(" \t\n "));
        assertEquals("a b", IdpException.clean(" a\u0000b\r\n"));
        assertEquals("x".repeat(300), IdpException.clean("x".repeat(301)));
        assertEquals("x".repeat(300), IdpException.clean("x".repeat(300)));
        assertEquals("x".repeat(299), IdpException.clean("x".repeat(299)));
    }

    @Test
    void onlyAuth0sFaultsAreUnavailable() {
        for (String code : List.of(ErrorCodes.IDP_UNAVAILABLE, ErrorCodes.IDP_BUSY, ErrorCodes.IDP_BAD_RESPONSE)) {
            assertTrue(new IdpException(code, 0, null, "m", null, null).isUnavailable(), code);
        }
        for (String code : List.of("invalid_grant", "too_many_attempts", ErrorCodes.MFA_REQUIRED)) {
            assertFalse(new IdpException(code, 400, null, "m", null, null).isUnavailable(), code);
        }
        assertFalse(new IdpException(ErrorCodes.IDP_BUSY, 0, null, "m", Duration.ofSeconds(1), null).isNotSent());
        assertTrue(IdpException.notSent(ErrorCodes.IDP_BUSY, "m", null).isNotSent());
    }

    @Test
    void anMfaTokenOfTheLongestAcceptedLengthStartsAStepUpAndOneCharacterMoreIsABadResponse() {
        for (int length : new int[] {TokenGrants.MAX_MFA_TOKEN_LENGTH, TokenGrants.MAX_MFA_TOKEN_LENGTH + 1}) {
            auth0.stubFor(post("/oauth/token").willReturn(WireMock.aResponse().withStatus(403)
                    .withHeader("Content-Type", "application/json").withBody("{\"error\":\"mfa_required\","
                            + "\"mfa_token\":\"" + "m".repeat(length) + "\"}")));

            if (length == TokenGrants.MAX_MFA_TOKEN_LENGTH) {
                TokenGrantResult result = client.refresh(DOMAIN, "rt", null, null);
                assertEquals(length, ((TokenGrantResult.MfaRequired) result).mfaToken().length());
            } else {
                badResponse(() -> client.refresh(DOMAIN, "rt", null, null));
            }
        }
    }

    @Test
    void aRateLimitWhoseBodyIsNoJsonIsStillTooManyAttemptsWithItsRetryAfter() {
        auth0.stubFor(post("/oauth/token").willReturn(WireMock.aResponse().withStatus(429)
                .withHeader("Retry-After", "30").withHeader("Content-Type", "text/html").withBody("<html>slow down")));

        IdpException e = assertThrows(IdpException.class, () -> client.verifyOtp(DOMAIN, RAW, "123456"));

        assertEquals("too_many_attempts", e.code());
        assertEquals(Duration.ofSeconds(30), e.retryAfter().orElseThrow());
        assertFalse(e.isUnavailable());
    }

    @Test
    void anAnswerOfStatus300IsARedirectAndNeverAuth0sAnswer() {
        auth0.stubFor(post("/oauth/token").willReturn(WireMock.aResponse().withStatus(300)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":\"invalid_grant\"}")));

        IdpException e = badResponse(() -> client.verifyOtp(DOMAIN, RAW, "123456"));

        assertEquals("Auth0 answered the mfa-otp grant with a redirect (HTTP 300), which is not followed",
                e.getMessage());
    }

    @Test
    void anUnknownTypeThatIsOnlyControlCharactersIsNamedAsNothing() {
        auth0.stubFor(post("/mfa/associate").willReturn(okJson("{\"authenticator_type\":\"\\u0007\"}")));

        IdpException e = badResponse(() -> client.associate(DOMAIN, RAW, OTP));

        assertEquals("Auth0 answered POST /mfa/associate with Unexpected authenticator type: ", e.getMessage());
    }

    @Test
    void anAnswerOverTheSizeLimitOrNotOneJsonValueIsABadResponseThatSaysWhich() {
        auth0.stubFor(get("/mfa/authenticators").willReturn(okJson("[\"" + "x".repeat(70_000) + "\"]")));
        assertEquals("Auth0 answered GET /mfa/authenticators with an answer over 65536 bytes",
                badResponse(() -> client.listAuthenticators(DOMAIN, RAW)).getMessage());

        auth0.stubFor(get("/mfa/authenticators").willReturn(okJson("[] []")));
        assertEquals("Auth0 answered GET /mfa/authenticators with an answer that is not one well-formed JSON value",
                badResponse(() -> client.listAuthenticators(DOMAIN, RAW)).getMessage());
    }
}
