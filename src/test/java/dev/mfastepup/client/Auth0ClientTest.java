package dev.mfastepup.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.mfastepup.Auth0Stubs.error;
import static dev.mfastepup.Auth0Stubs.html;
import static dev.mfastepup.TestConfigs.CLIENT_ID;
import static dev.mfastepup.TestConfigs.CLIENT_SECRET;
import static dev.mfastepup.TestConfigs.DOMAIN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.mfastepup.Auth0Stubs;
import dev.mfastepup.ErrorCodes;
import dev.mfastepup.MutableClock;
import dev.mfastepup.TestConfigs;
import dev.mfastepup.client.model.AssociateRequest;
import dev.mfastepup.client.model.Authenticator;
import dev.mfastepup.client.model.ChallengeResponse;
import dev.mfastepup.client.model.EnrollmentResponse;
import dev.mfastepup.config.MfaStepUpConfig;
import dev.mfastepup.config.MfaStepUpConfigReader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The wire protocol against a stub Auth0 over real HTTP, with the same MicroProfile Rest Client implementation
 * Payara ships (Jersey). Reference case ids (protocol reference, reference-tests.md) are in the comments.
 */
class Auth0ClientTest {

    @RegisterExtension
    static WireMockExtension auth0 = Auth0Stubs.server();

    private static final String RAW = "raw_mfa_tok";

    private final CallThreads threads = new CallThreads();
    private Auth0Client client;

    @BeforeEach
    void setUp() {
        // Timeouts no stub answer comes near however loaded the machine is; the tests of the timeouts make their
        // own clients with the short ones.
        client = new Auth0Client(ClientConfigs.patient(auth0.baseUrl()), threads);
    }

    /**
     * After every test, the faults of the plan among them: the client's threads are back in its pool within the
     * call deadline (30 s, {@link ClientConfigs#patient}) and as much again, and there were never more than its
     * bulkhead allows. The wait ends as soon as they are back; only a thread that never comes back takes it all.
     */
    @AfterEach
    void threadsBackToNormal() throws InterruptedException {
        try {
            assertEquals(0, threads.busyAfter(Duration.ofSeconds(60)), "threads still on a call after the test");
            assertTrue(threads.made() <= TestConfigs.config(auth0.baseUrl()).maxConcurrentCalls(),
                    threads.made() + " threads made");
        } finally {
            client.close();
        }
    }

    // List -------------------------------------------------------------------------------------------------------

    @Test
    void listAuthenticatorsWhenOkThenMapsEntries() {
        // PY-MC-16
        auth0.stubFor(get("/mfa/authenticators").willReturn(okJson("""
                [{"id":"auth|123","authenticator_type":"otp","active":true,"name":"Google Authenticator"},
                 {"id":"auth|456","authenticator_type":"oob","active":true,"oob_channel":"sms"}]""")));

        List<Authenticator> listed = client.listAuthenticators(DOMAIN, RAW);

        assertEquals(2, listed.size());
        assertEquals("auth|123", listed.get(0).id());
        assertEquals("sms", listed.get(1).channel());
        auth0.verify(getRequestedFor(urlEqualTo("/mfa/authenticators"))
                .withHeader("Authorization", equalTo("Bearer " + RAW)));
    }

    @Test
    void f22ListAuthenticatorsWhenChannelsArrayAndUnknownFieldsThenReadsThem() {
        // AJS-MC-02, reference-tests J.15, F22
        auth0.stubFor(get("/mfa/authenticators").willReturn(okJson("""
                [{"id":"sms|dev_456","authenticator_type":"oob","active":true,"name":"SMS","oob_channels":["sms"],
                  "created_at":"2026-01-01T00:00:00Z","something_new":{"x":1}},
                 {"id":"webauthn|dev_1","authenticator_type":"webauthn-roaming","active":true},
                 {"id":"totp|dev_2","authenticator_type":"otp","active":false}]""")));

        List<Authenticator> listed = client.listAuthenticators(DOMAIN, RAW);

        assertEquals(3, listed.size());
        assertEquals("sms", listed.get(0).channel());
        assertEquals("webauthn-roaming", listed.get(1).authenticatorType());
        assertFalse(listed.get(2).isActive());
    }

    @Test
    void listAuthenticatorsWhenInvalidTokenThenIdpExceptionWithAuth0Code() {
        // PY-MC-17, AJS-MC-03
        auth0.stubFor(get("/mfa/authenticators").willReturn(error(401, "invalid_token", "Invalid MFA token")));

        IdpException e = assertThrows(IdpException.class, () -> client.listAuthenticators(DOMAIN, RAW));

        assertEquals("invalid_token", e.code());
        assertEquals(401, e.status());
        assertTrue(e.getMessage().contains("Invalid MFA token"));
    }

    @Test
    void f10ListAuthenticatorsWhenHtmlGatewayErrorThenNamesStatusNotParser() {
        // PY-MC-18, F10
        auth0.stubFor(get("/mfa/authenticators").willReturn(html(502, "<html><body>Bad Gateway</body></html>")));

        IdpException e = assertThrows(IdpException.class, () -> client.listAuthenticators(DOMAIN, RAW));

        assertEquals(ErrorCodes.IDP_UNAVAILABLE, e.code());
        assertTrue(e.getMessage().contains("502"), e.getMessage());
        assertFalse(e.getMessage().contains("html"), e.getMessage());
        assertFalse(e.getMessage().toLowerCase().contains("unexpected char"), e.getMessage());
    }

    @Test
    void listAuthenticatorsWhenConnectionResetThenUnavailableWithoutCauseText() {
        // PY-MC-19, F6
        auth0.stubFor(get("/mfa/authenticators").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        IdpException e = assertThrows(IdpException.class, () -> client.listAuthenticators(DOMAIN, RAW));

        assertEquals(ErrorCodes.IDP_UNAVAILABLE, e.code());
        assertFalse(e.getMessage().toLowerCase().contains("reset"), e.getMessage());
        assertNotNull(e.getCause());
    }

    @Test
    void listAuthenticatorsWhenJsonIsNotAnObjectThenNamesStatus() {
        // reference-tests J.7: a JSON body that is not an object
        auth0.stubFor(get("/mfa/authenticators").willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("[\"invalid_request\"]")));

        IdpException e = assertThrows(IdpException.class, () -> client.listAuthenticators(DOMAIN, RAW));

        assertEquals(ErrorCodes.IDP_BAD_RESPONSE, e.code());
        assertTrue(e.getMessage().contains("400"), e.getMessage());
    }

    // Enroll -----------------------------------------------------------------------------------------------------

    @Test
    void associateWhenOtpThenSendsOnlyTypeAndReturnsSecret() {
        // PY-MC-20, AJS-MC-04, reference-tests J.4
        auth0.stubFor(post("/mfa/associate").willReturn(okJson("""
                {"authenticator_type":"otp","secret":"JBSWY3DPEHPK3PXP",
                 "barcode_uri":"otpauth://totp/auth0:user?secret=JBSWY3DPEHPK3PXP","recovery_codes":["code1","code2"]}""")));

        EnrollmentResponse enrollment = client.associate(DOMAIN, RAW,
                new AssociateRequest(List.of("otp"), null, null, null));

        assertEquals("JBSWY3DPEHPK3PXP", enrollment.secret());
        assertEquals(List.of("code1", "code2"), enrollment.recoveryCodes());
        auth0.verify(postRequestedFor(urlEqualTo("/mfa/associate"))
                .withHeader("Authorization", equalTo("Bearer " + RAW))
                .withHeader("Content-Type", containing("application/json"))
                .withRequestBody(equalToJson("{\"authenticator_types\":[\"otp\"]}", false, false)));
    }

    @Test
    void associateWhenSmsThenSendsChannelAndPhone() {
        // PY-MC-21, AJS-MC-07
        auth0.stubFor(post("/mfa/associate").willReturn(okJson("""
                {"authenticator_type":"oob","oob_channel":"sms","oob_code":"oob_123","binding_method":"prompt"}""")));

        EnrollmentResponse enrollment = client.associate(DOMAIN, RAW,
                new AssociateRequest(List.of("oob"), List.of("sms"), "+1234567890", null));

        assertEquals("sms", enrollment.oobChannel());
        assertEquals("prompt", enrollment.bindingMethod());
        auth0.verify(postRequestedFor(urlEqualTo("/mfa/associate")).withRequestBody(equalToJson(
                "{\"authenticator_types\":[\"oob\"],\"oob_channels\":[\"sms\"],\"phone_number\":\"+1234567890\"}")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"voice", "sms"})
    void associateWhenVoiceThenAnAnswerForEitherChannelOfThePhoneIsTaken(String channel) {
        // Auth0 documents only the answer to an SMS enrolment; a voice enrolment is the same phone, and its answer
        // may name either channel.
        auth0.stubFor(post("/mfa/associate").willReturn(okJson("""
                {"authenticator_type":"oob","oob_channel":"%s","oob_code":"oob_123","binding_method":"prompt"}"""
                .formatted(channel))));

        EnrollmentResponse enrollment = client.associate(DOMAIN, RAW,
                new AssociateRequest(List.of("oob"), List.of("voice"), "+1234567890", null));

        assertEquals(channel, enrollment.oobChannel());
    }

    @Test
    void associateWhenVoiceAnsweredAsEmailThenRefused() {
        // the control of the test above: a phone, yes; another factor, no
        auth0.stubFor(post("/mfa/associate").willReturn(okJson("""
                {"authenticator_type":"oob","oob_channel":"email","oob_code":"oob_123"}""")));

        IdpException e = assertThrows(IdpException.class, () -> client.associate(DOMAIN, RAW,
                new AssociateRequest(List.of("oob"), List.of("voice"), "+1234567890", null)));

        assertEquals(ErrorCodes.IDP_BAD_RESPONSE, e.code());
    }

    @Test
    void associateWhenEmailWithoutAddressThenSendsNoEmailField() {
        // PY-MC-22, AJS-MC-06
        auth0.stubFor(post("/mfa/associate").willReturn(okJson("""
                {"authenticator_type":"oob","oob_channel":"email","oob_code":"oob_email_123"}""")));

        EnrollmentResponse enrollment = client.associate(DOMAIN, RAW,
                new AssociateRequest(List.of("oob"), List.of("email"), null, null));

        assertEquals("email", enrollment.oobChannel());
        auth0.verify(postRequestedFor(urlEqualTo("/mfa/associate")).withRequestBody(equalToJson(
                "{\"authenticator_types\":[\"oob\"],\"oob_channels\":[\"email\"]}")));
    }

    @Test
    void associateWhenPushThenReturnsBarcodeAndRecoveryCodes() {
        // PY-MC-23, AJS-MC-09
        auth0.stubFor(post("/mfa/associate").willReturn(okJson("""
                {"authenticator_type":"oob","oob_channel":"auth0","oob_code":"auth0_oob_code_123",
                 "barcode_uri":"otpauth://totp/Test:user@example.com?enrollment_tx_id=test_tx_id",
                 "recovery_codes":["ABCDEFGH12345678"]}""")));

        EnrollmentResponse enrollment = client.associate(DOMAIN, RAW,
                new AssociateRequest(List.of("oob"), List.of("auth0"), null, null));

        assertEquals("auth0", enrollment.oobChannel());
        assertNotNull(enrollment.barcodeUri());
        assertEquals(List.of("ABCDEFGH12345678"), enrollment.recoveryCodes());
    }

    @Test
    void associateWhenAuth0RefusesThenIdpExceptionWithDescription() {
        // PY-MC-24, AJS-MC-11
        auth0.stubFor(post("/mfa/associate").willReturn(error(400, "invalid_request", "Bad enrollment request")));

        IdpException e = assertThrows(IdpException.class, () -> client.associate(DOMAIN, RAW,
                new AssociateRequest(List.of("otp"), null, null, null)));

        assertEquals("invalid_request", e.code());
        assertTrue(e.getMessage().contains("Bad enrollment request"));
    }

    @Test
    void associateWhenUnknownAuthenticatorTypeThenBadResponse() {
        // reference-tests J.6: the branch PY-MC-25 never reaches
        auth0.stubFor(post("/mfa/associate").willReturn(okJson("{\"authenticator_type\":\"unknown_type\"}")));

        IdpException e = assertThrows(IdpException.class, () -> client.associate(DOMAIN, RAW,
                new AssociateRequest(List.of("otp"), null, null, null)));

        assertEquals(ErrorCodes.IDP_BAD_RESPONSE, e.code());
        assertTrue(e.getMessage().contains("Unexpected authenticator type: unknown_type"), e.getMessage());
    }

    // Challenge --------------------------------------------------------------------------------------------------

    @Test
    void challengeWhenOobThenSendsClientAuthInBodyAndNoAuthorizationHeader() {
        // PY-MC-27, PY-MC-31, AJS-MC-19, SJS-MC-08, reference-tests J.5
        auth0.stubFor(post("/mfa/challenge").willReturn(okJson("""
                {"challenge_type":"oob","oob_code":"oob_challenge_123","binding_method":"prompt"}""")));

        ChallengeResponse challenge = client.challenge(DOMAIN, RAW, "oob", "sms|dev_h1uXXoVjQ5BpU9iQ");

        assertEquals("oob", challenge.challengeType());
        assertEquals("oob_challenge_123", challenge.oobCode());
        assertEquals("prompt", challenge.bindingMethod());
        auth0.verify(postRequestedFor(urlEqualTo("/mfa/challenge"))
                .withHeader("Authorization", absent())
                .withRequestBody(equalToJson("{\"mfa_token\":\"" + RAW + "\",\"client_id\":\"" + CLIENT_ID
                        + "\",\"challenge_type\":\"oob\",\"client_secret\":\"" + CLIENT_SECRET
                        + "\",\"authenticator_id\":\"sms|dev_h1uXXoVjQ5BpU9iQ\"}")));
    }

    @Test
    void challengeWhenEmailThenReturnsBindingMethod() {
        // PY-MC-30
        auth0.stubFor(post("/mfa/challenge").willReturn(okJson("""
                {"challenge_type":"oob","oob_code":"oob_email_challenge_123","binding_method":"prompt"}""")));

        ChallengeResponse challenge = client.challenge(DOMAIN, RAW, "oob", "email|dev_Fvx38nHufsGL5lWI");

        assertEquals("oob_email_challenge_123", challenge.oobCode());
        assertEquals("prompt", challenge.bindingMethod());
    }

    @Test
    void challengeWhenOtpWithoutAuthenticatorThenSendsNoAuthenticatorId() {
        // PY-MC-26, AJS-MC-14, reference-tests J.5
        auth0.stubFor(post("/mfa/challenge").willReturn(okJson("{\"challenge_type\":\"otp\"}")));

        ChallengeResponse challenge = client.challenge(DOMAIN, RAW, "otp", null);

        assertEquals("otp", challenge.challengeType());
        auth0.verify(postRequestedFor(urlEqualTo("/mfa/challenge")).withRequestBody(equalToJson(
                "{\"mfa_token\":\"" + RAW + "\",\"client_id\":\"" + CLIENT_ID + "\",\"challenge_type\":\"otp\","
                        + "\"client_secret\":\"" + CLIENT_SECRET + "\"}")));
    }

    @Test
    void challengeWhenPublicClientThenSendsNoClientSecret() {
        // AJS-MC-20
        try (Auth0Client publicClient = new Auth0Client(ClientConfigs.patient(auth0.baseUrl(), Optional.empty()),
                Executors.defaultThreadFactory())) {
            auth0.stubFor(post("/mfa/challenge").willReturn(okJson("{\"challenge_type\":\"otp\"}")));

            publicClient.challenge(DOMAIN, RAW, "otp", null);

            LoggedRequest sent = auth0.getAllServeEvents().get(0).getRequest();
            assertFalse(sent.getBodyAsString().contains("client_secret"));
        }
    }

    @Test
    void challengeWhenTokenRejectedThenIdpException() {
        // PY-MC-28, AJS-MC-16, SJS-MC-09
        auth0.stubFor(post("/mfa/challenge").willReturn(error(403, "invalid_token", "Token expired")));

        IdpException e = assertThrows(IdpException.class, () -> client.challenge(DOMAIN, RAW, "otp", null));

        assertEquals("invalid_token", e.code());
        assertTrue(e.getMessage().contains("Token expired"));
    }

    @Test
    void challengeWhenUnauthorizedThenTheBodysExpiredTokenIsRead() {
        // PY-MC-29 sends 401 {"error":"expired_token"}. The body of a 401 to a POST is read like any other
        // (HttpURLConnection lost it for a streamed POST; the module's transport does not).
        auth0.stubFor(post("/mfa/challenge").willReturn(error(401, "expired_token", "mfa_token is expired")));

        IdpException e = assertThrows(IdpException.class, () -> client.challenge(DOMAIN, RAW, "otp", null));

        assertEquals("expired_token", e.code());
        assertEquals(401, e.status());
        assertEquals("mfa_token is expired", e.description().orElseThrow());
    }

    @Test
    void challengeWhenUnauthorizedWithoutABodyThenInvalidToken() {
        // A bare 401: the endpoint says what it means, a refused mfa_token.
        auth0.stubFor(post("/mfa/challenge").willReturn(aResponse().withStatus(401)));

        IdpException e = assertThrows(IdpException.class, () -> client.challenge(DOMAIN, RAW, "otp", null));

        assertEquals("invalid_token", e.code());
        assertEquals(401, e.status());
        assertTrue(e.getMessage().contains("401"), e.getMessage());
    }

    @Test
    void listAuthenticatorsWhenMfaTokenExpiredThenExpiredTokenCode() {
        // PY-MC-29 on GET, where the 401 body is read
        auth0.stubFor(get("/mfa/authenticators").willReturn(error(401, "expired_token", "mfa_token is expired")));

        IdpException e = assertThrows(IdpException.class, () -> client.listAuthenticators(DOMAIN, RAW));

        assertEquals("expired_token", e.code());
        assertTrue(e.getMessage().contains("mfa_token is expired"));
    }

    @Test
    void f17RefreshWhenUnauthorizedThenInvalidClient() {
        // F17: a 401 at the token endpoint with Basic authentication is a refused client, not a wrong code
        stubToken(error(401, "invalid_client", "Unauthorized"));

        IdpException e = assertThrows(IdpException.class, () -> client.refresh(DOMAIN, "rt", null, null));

        assertEquals("invalid_client", e.code());
    }

    @Test
    void challengeWhenUnsupportedChallengeTypeThenIdpException() {
        // AJS-MC-17, AJS-MC-18
        auth0.stubFor(post("/mfa/challenge").willReturn(error(400, "unsupported_challenge_type", "Unsupported challenge type")));

        IdpException e = assertThrows(IdpException.class, () -> client.challenge(DOMAIN, RAW, "oob", "invalid-id"));

        assertEquals("unsupported_challenge_type", e.code());
    }

    @Test
    void challengeWhenHtmlBadGatewayThenIdpExceptionNamingStatus() {
        // AJS-MC-21
        auth0.stubFor(post("/mfa/challenge").willReturn(html(502, "<html>Bad Gateway</html>")));

        IdpException e = assertThrows(IdpException.class, () -> client.challenge(DOMAIN, RAW, "oob", null));

        assertEquals(502, e.status());
        assertTrue(e.getMessage().contains("502"));
    }

    // Verify -----------------------------------------------------------------------------------------------------

    @Test
    void verifyOtpWhenOkThenSendsFormWithRawTokenAndSecretInBody() {
        // PY-MC-33, PY-MC-38, AJS-MC-26, SJS-MC-17
        stubToken(okJson("{\"access_token\":\"new_at\",\"token_type\":\"Bearer\",\"expires_in\":3600}"));

        TokenGrantResult result = client.verifyOtp(DOMAIN, "my_mfa_token", "123456");

        assertEquals("new_at", assertInstanceOf(TokenGrantResult.Granted.class, result).tokens().accessToken());
        auth0.verify(postRequestedFor(urlEqualTo("/oauth/token"))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .withHeader("Authorization", absent())
                .withFormParam("grant_type", equalTo("http://auth0.com/oauth/grant-type/mfa-otp"))
                .withFormParam("client_id", equalTo(CLIENT_ID))
                .withFormParam("client_secret", equalTo(CLIENT_SECRET))
                .withFormParam("mfa_token", equalTo("my_mfa_token"))
                .withFormParam("otp", equalTo("123456")));
    }

    @Test
    void verifyOobWhenBindingCodeThenSendsOobAndBindingCode() {
        // PY-MC-34, AJS-MC-27, SJS-MC-18
        stubToken(okJson("{\"access_token\":\"new_at\",\"token_type\":\"Bearer\",\"expires_in\":3600}"));

        client.verifyOob(DOMAIN, RAW, "oob_123", "bind_456");

        auth0.verify(postRequestedFor(urlEqualTo("/oauth/token"))
                .withFormParam("grant_type", equalTo("http://auth0.com/oauth/grant-type/mfa-oob"))
                .withFormParam("oob_code", equalTo("oob_123"))
                .withFormParam("binding_code", equalTo("bind_456")));
    }

    @Test
    void verifyOobWhenEmptyBindingCodeThenOmitsIt() {
        // PY-MC-42
        stubToken(okJson("{\"access_token\":\"push_at\",\"token_type\":\"Bearer\",\"expires_in\":3600}"));

        TokenGrantResult result = client.verifyOob(DOMAIN, RAW, "oob_push_code", "");

        assertEquals("push_at", ((TokenGrantResult.Granted) result).tokens().accessToken());
        LoggedRequest sent = auth0.getAllServeEvents().get(0).getRequest();
        assertFalse(sent.getBodyAsString().contains("binding_code"));
    }

    @Test
    void verifyRecoveryCodeWhenOkThenReturnsNewRecoveryCode() {
        // PY-MC-35, PY-MC-41, AJS-MC-25, SJS-MC-19
        stubToken(okJson("""
                {"access_token":"new_at","token_type":"Bearer","expires_in":3600,"recovery_code":"NEW-RECOVERY-CODE-XYZ"}"""));

        TokenGrantResult result = client.verifyRecoveryCode(DOMAIN, RAW, "OLDRECOVERYCODE0");

        assertEquals("NEW-RECOVERY-CODE-XYZ", ((TokenGrantResult.Granted) result).tokens().recoveryCode());
        auth0.verify(postRequestedFor(urlEqualTo("/oauth/token"))
                .withFormParam("grant_type", equalTo("http://auth0.com/oauth/grant-type/mfa-recovery-code"))
                .withFormParam("recovery_code", equalTo("OLDRECOVERYCODE0")));
    }

    @Test
    void verifyWhenWrongCodeThenInvalidGrantWithDescription() {
        // PY-MC-43, AJS-MC-30, SJS-MC-21
        stubToken(error(403, "invalid_grant", "Invalid OTP"));

        IdpException e = assertThrows(IdpException.class, () -> client.verifyOtp(DOMAIN, RAW, "000000"));

        assertEquals("invalid_grant", e.code());
        assertEquals("Invalid OTP", e.description().orElseThrow());
    }

    @Test
    void verifyWhenExpiredOrInvalidRequestThenAuth0Codes() {
        // PY-MC-39 (a 401 whose body is read, see challengeWhenUnauthorizedThenTheBodysExpiredTokenIsRead),
        // PY-MC-40
        stubToken(error(401, "expired_token", "mfa_token is expired"));
        assertEquals("expired_token",
                assertThrows(IdpException.class, () -> client.verifyOtp(DOMAIN, RAW, "123456")).code());

        auth0.resetAll();
        stubToken(error(400, "invalid_request", "Invalid challenge type"));
        IdpException e = assertThrows(IdpException.class, () -> client.verifyRecoveryCode(DOMAIN, RAW, "ABCD1234EFGH5678"));
        assertTrue(e.getMessage().contains("Invalid challenge type"));
    }

    @Test
    void verifyWhenChainedMfaRequiredThenResultCarriesNewTokenAndRequirements() {
        // PY-MC-44 (the sealing is tested in MfaServiceTest)
        stubToken(aResponse().withStatus(403).withHeader("Content-Type", "application/json").withBody("""
                {"error":"mfa_required","error_description":"Additional factor required","mfa_token":"new_raw_mfa_token",
                 "mfa_requirements":{"challenge":[{"type":"phone"}]}}"""));

        TokenGrantResult result = client.verifyOtp(DOMAIN, RAW, "123456");

        TokenGrantResult.MfaRequired required = assertInstanceOf(TokenGrantResult.MfaRequired.class, result);
        assertEquals("new_raw_mfa_token", required.mfaToken());
        assertEquals("phone", required.requirements().challenge().get(0).type());
        assertFalse(required.toString().contains("new_raw_mfa_token"));
    }

    @Test
    void f6VerifyWhenConnectionResetThenUnavailableWithCauseKept() {
        // PY-MC-45, F6
        stubToken(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        IdpException e = assertThrows(IdpException.class, () -> client.verifyOtp(DOMAIN, RAW, "123456"));

        assertEquals(ErrorCodes.IDP_UNAVAILABLE, e.code());
        assertFalse(e.getMessage().contains("reset"), e.getMessage());
        assertNotNull(e.getCause());
        assertTrue(e.isOutcomeUnknown(), "the code was sent and its answer lost");
        auth0.verify(1, postRequestedFor(urlEqualTo("/oauth/token"))); // never retried: the code may be used up
    }

    @Test
    void f12VerifyWhenMissingAccessTokenThenBadResponse() {
        // AJS-MC-31, F12
        stubToken(okJson("{\"token_type\":\"Bearer\",\"expires_in\":86400}"));

        IdpException e = assertThrows(IdpException.class, () -> client.verifyOtp(DOMAIN, RAW, "123456"));

        assertEquals(ErrorCodes.IDP_BAD_RESPONSE, e.code());
    }

    @Test
    void f12VerifyWhenBadLifetimeOrTokenTypeThenBadResponse() {
        // F12: fail closed on a semantically bad 200
        stubToken(okJson("{\"access_token\":\"at\",\"token_type\":\"Bearer\",\"expires_in\":0}"));
        assertEquals(ErrorCodes.IDP_BAD_RESPONSE,
                assertThrows(IdpException.class, () -> client.verifyOtp(DOMAIN, RAW, "123456")).code());

        auth0.resetAll();
        stubToken(okJson("{\"access_token\":\"at\",\"token_type\":\"DPoP\",\"expires_in\":3600}"));
        assertEquals(ErrorCodes.IDP_BAD_RESPONSE,
                assertThrows(IdpException.class, () -> client.verifyOtp(DOMAIN, RAW, "123456")).code());
    }

    @Test
    void f11VerifyWhenOkWithHtmlBodyThenBadResponse() {
        // F11: a 200 that is not JSON is a failure, never a success
        stubToken(html(200, "<html>ok</html>"));

        IdpException e = assertThrows(IdpException.class, () -> client.verifyOtp(DOMAIN, RAW, "123456"));

        assertEquals(ErrorCodes.IDP_BAD_RESPONSE, e.code());
    }

    @Test
    void verifyWhenHtmlBadGatewayThenUnavailable() {
        // AJS-MC-33, SJS-MC-25, F10
        stubToken(html(502, "<html>Bad Gateway</html>"));

        IdpException e = assertThrows(IdpException.class, () -> client.verifyOtp(DOMAIN, RAW, "123456"));

        assertEquals(ErrorCodes.IDP_UNAVAILABLE, e.code());
        assertTrue(e.isUnavailable());
    }

    @Test
    void f9WhenAuth0AnswersAServerErrorWithAJsonCodeThenUnavailableAndItsTextKeptAsDescription() {
        // F9: a 5xx is Auth0's fault whatever its body says; it must not read as "refused" or a wrong code
        stubToken(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"server_error\",\"error_description\":\"Something broke\"}"));

        IdpException e = assertThrows(IdpException.class, () -> client.verifyOtp(DOMAIN, RAW, "123456"));

        assertEquals(ErrorCodes.IDP_UNAVAILABLE, e.code());
        assertTrue(e.isUnavailable());
        assertEquals(500, e.status());
        assertEquals("Something broke", e.description().orElseThrow());
        assertFalse(e.isOutcomeUnknown(), "Auth0 answered");
        auth0.verify(1, postRequestedFor(urlEqualTo("/oauth/token")));
    }

    @Test
    void sec35WhenAuth0FailsFiveTimesInARowThenFurtherCallsAreRefusedAtOnceWithoutAConnection() throws Exception {
        // A stub that counts connections (one request each), and a clock that only the test moves.
        MutableClock clock = new MutableClock(java.time.Instant.parse("2026-11-27T08:00:00Z"));
        try (RawHttpStub failing = new RawHttpStub("127.0.0.1",
                RawHttpStub.fixed(502, "text/html", "<html>gateway</html>"));
                Auth0Client breaking = new Auth0Client(ClientConfigs.patient(failing.baseUrl()), threads, clock)) {
            for (int call = 1; call <= CircuitBreaker.FAILURES; call++) {
                assertTrue(assertThrows(IdpException.class,
                        () -> breaking.verifyOtp(DOMAIN, RAW, "123456")).isUnavailable());
            }

            IdpException refused = assertThrows(IdpException.class, () -> breaking.listAuthenticators(DOMAIN, RAW));

            // Refused before any connection, on the clock's same instant: the whole pause is still ahead.
            assertEquals(ErrorCodes.IDP_UNAVAILABLE, refused.code());
            assertTrue(refused.isNotSent());
            assertEquals(CircuitBreaker.OPEN_FOR, refused.retryAfter().orElseThrow());
            assertEquals(CircuitBreaker.FAILURES, failing.connections(), "connections: " + failing.requests());
            assertTrue(failing.requests().stream().allMatch(r -> r.startsWith("POST /oauth/token ")),
                    failing.requests().toString());
        }
    }

    @Test
    void sec35WhenAuth0AnswersWithAnErrorOfItsOwnThenItIsUpAndNothingIsRefused() {
        stubToken(aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_grant\",\"error_description\":\"Invalid otp_code.\"}"));
        for (int call = 1; call <= 2 * CircuitBreaker.FAILURES; call++) {
            assertEquals("invalid_grant", assertThrows(IdpException.class,
                    () -> client.verifyOtp(DOMAIN, RAW, "123456")).code());
        }
        auth0.verify(2 * CircuitBreaker.FAILURES, postRequestedFor(urlEqualTo("/oauth/token")));
    }

    @Test
    void f16VerifyWhenRateLimitedThenTooManyAttemptsWithRetryAfter() {
        // SEC-22, F16
        stubToken(aResponse().withStatus(429).withHeader("Retry-After", "120").withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"too_many_attempts\",\"error_description\":\"Rate limit exceeded\"}"));

        IdpException e = assertThrows(IdpException.class, () -> client.verifyOtp(DOMAIN, RAW, "123456"));

        assertEquals("too_many_attempts", e.code());
        assertEquals(Duration.ofSeconds(120), e.retryAfter().orElseThrow());
    }

    @Test
    void f20VerifyWhenRedirectedThenNotFollowed() {
        // F20: a token must not be sent wherever a redirect points
        auth0.stubFor(post("/elsewhere").willReturn(okJson("{\"access_token\":\"stolen\",\"expires_in\":3600}")));
        stubToken(aResponse().withStatus(302).withHeader("Location", auth0.baseUrl() + "/elsewhere"));

        IdpException e = assertThrows(IdpException.class, () -> client.verifyOtp(DOMAIN, RAW, "123456"));

        assertEquals(ErrorCodes.IDP_BAD_RESPONSE, e.code());
        auth0.verify(0, postRequestedFor(urlEqualTo("/elsewhere")));
    }

    // Refresh ----------------------------------------------------------------------------------------------------

    @Test
    void refreshWhenOkThenBasicAuthAndFormWithAudienceAndScope() {
        // PY-SC-04, protocol §2.3
        stubToken(okJson("{\"access_token\":\"at\",\"expires_in\":3600,\"refresh_token\":\"rt2\"}"));

        TokenGrantResult result = client.refresh(DOMAIN, "rt_abc", "https://api.example.com", "read:reports");

        assertEquals("rt2", ((TokenGrantResult.Granted) result).tokens().refreshToken());
        String basic = "Basic " + Base64.getEncoder().encodeToString(
                ("%3Cclient_id%3E:%3Cclient_secret%3E").getBytes(StandardCharsets.UTF_8));
        auth0.verify(postRequestedFor(urlEqualTo("/oauth/token"))
                .withHeader("Authorization", equalTo(basic))
                .withFormParam("grant_type", equalTo("refresh_token"))
                .withFormParam("refresh_token", equalTo("rt_abc"))
                .withFormParam("client_id", equalTo(CLIENT_ID))
                .withFormParam("audience", equalTo("https://api.example.com"))
                .withFormParam("scope", equalTo("read:reports")));
        assertFalse(auth0.getAllServeEvents().get(0).getRequest().getBodyAsString().contains("client_secret"));
    }

    @Test
    void refreshWhenMfaRequiredThenRawTokenAndRequirementsInResult() {
        // PY-SC-03, SJS-MC-29, AJS-AC-06, PY-SC-09
        stubToken(aResponse().withStatus(403).withHeader("Content-Type", "application/json").withBody("""
                {"error":"mfa_required","error_description":"Multifactor authentication required",
                 "mfa_token":"raw_server_mfa_token",
                 "mfa_requirements":{"enroll":[{"type":"otp"},{"type":"phone"},{"type":"push-notification"}]}}"""));

        TokenGrantResult result = client.refresh(DOMAIN, "rt_abc", "https://api.example.com", null);

        TokenGrantResult.MfaRequired required = assertInstanceOf(TokenGrantResult.MfaRequired.class, result);
        assertEquals("raw_server_mfa_token", required.mfaToken());
        assertTrue(required.requirements().requiresEnrollment());
        assertNull(required.requirements().challenge());
    }

    @Test
    void refreshWhenMfaRequiredWithoutTokenThenIdpExceptionMfaRequired() {
        // PY-PL-05, AJS-AC-03: some tenants answer mfa_required without an mfa_token
        stubToken(error(403, "mfa_required", "MFA required"));

        IdpException e = assertThrows(IdpException.class, () -> client.refresh(DOMAIN, "rt", null, null));

        assertEquals(ErrorCodes.MFA_REQUIRED, e.code());
    }

    @Test
    void f15RefreshWhenOversizedMfaTokenThenBadResponse() {
        // F15
        String huge = "x".repeat(TokenGrants.MAX_MFA_TOKEN_LENGTH + 1);
        stubToken(aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"mfa_required\",\"mfa_token\":\"" + huge + "\"}"));

        IdpException e = assertThrows(IdpException.class, () -> client.refresh(DOMAIN, "rt", null, null));

        assertEquals(ErrorCodes.IDP_BAD_RESPONSE, e.code());
    }

    // Delete -----------------------------------------------------------------------------------------------------

    @Test
    void deleteAuthenticatorWhenNoContentThenDoneWithEncodedId() {
        // AJS-MC-12, protocol §2.8
        auth0.stubFor(delete("/mfa/authenticators/totp%7Cdev_123").willReturn(aResponse().withStatus(204)));

        client.deleteAuthenticator(DOMAIN, RAW, "totp|dev_123");

        auth0.verify(deleteRequestedFor(urlEqualTo("/mfa/authenticators/totp%7Cdev_123"))
                .withHeader("Authorization", equalTo("Bearer " + RAW)));
    }

    @Test
    void deleteAuthenticatorWhenNotFoundThenInvalidAuthenticator() {
        // AJS-MC-13
        auth0.stubFor(delete("/mfa/authenticators/invalid-id").willReturn(error(404, "invalid_authenticator", "Authenticator not found")));

        IdpException e = assertThrows(IdpException.class, () -> client.deleteAuthenticator(DOMAIN, RAW, "invalid-id"));

        assertEquals("invalid_authenticator", e.code());
        assertEquals(404, e.status());
    }

    // Signing keys -----------------------------------------------------------------------------------------------

    @Test
    void sec11KeySetWhenAuth0PublishesKeysThenPublicKeysByKid() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("key-1").generate();
        // A private part published by mistake is not kept.
        auth0.stubFor(get("/.well-known/jwks.json").willReturn(okJson(new JWKSet(key).toString(false))));

        JWKSet keys = client.keySet(DOMAIN);

        assertEquals(1, keys.getKeys().size());
        assertEquals(key.toPublicJWK(), keys.getKeyByKeyId("key-1"));
        assertFalse(keys.getKeyByKeyId("key-1").isPrivate());
        auth0.verify(1, getRequestedFor(urlEqualTo("/.well-known/jwks.json")));
    }

    @Test
    void sec11KeySetWhenAuth0FailsThenUnavailable() {
        auth0.stubFor(get("/.well-known/jwks.json").willReturn(html(503, "<h1>down</h1>")));

        IdpException e = assertThrows(IdpException.class, () -> client.keySet(DOMAIN));

        assertEquals(ErrorCodes.IDP_UNAVAILABLE, e.code());
        assertTrue(e.isUnavailable());
    }

    @Test
    void sec11KeySetWhenTheAnswerIsNotAKeySetThenBadResponse() {
        for (String body : List.of("{\"keys\":\"none\"}", "[]", "{}")) {
            auth0.stubFor(get("/.well-known/jwks.json").willReturn(okJson(body)));

            IdpException e = assertThrows(IdpException.class, () -> client.keySet(DOMAIN), body);

            assertEquals(ErrorCodes.IDP_BAD_RESPONSE, e.code(), body);
        }
    }

    // Transport --------------------------------------------------------------------------------------------------

    @Test
    void everyRequestWhenSentThenCarriesTelemetryNamingThisLibrary() {
        // PY-TM-01
        auth0.stubFor(get("/mfa/authenticators").willReturn(okJson("[]")));

        client.listAuthenticators(DOMAIN, RAW);

        LoggedRequest sent = auth0.getAllServeEvents().get(0).getRequest();
        String json = new String(Base64.getDecoder().decode(sent.getHeader("Auth0-Client")), StandardCharsets.UTF_8);
        String version = TelemetryHeadersFilter.version();
        String java = System.getProperty("java.version");
        assertTrue(version.matches("[0-9]+\\.[0-9]+\\.[0-9]+.*"), "the jar's version, filtered in: " + version);
        assertEquals("{\"name\":\"mfa-stepup\",\"version\":\"" + version + "\",\"env\":{\"java\":\""
                + java.replaceAll("[^A-Za-z0-9._+-]", "") + "\"}}", json);
        assertEquals("mfa-stepup/" + version + " Java/" + java, sent.getHeader("User-Agent"));
    }

    @Test
    void sec34CallWhenAuth0SlowerThanDeadlineThenUnavailableBeforeItAnswers() throws Exception {
        // F2: Auth0 holds the request for 30 s; the caller hears "unavailable" from the module's own bounds
        // (read timeout 0.8 s, deadline 1.5 s in this configuration), while the stub still holds the request.
        CountDownLatch release = new CountDownLatch(1);
        try (RawHttpStub hung = new RawHttpStub("127.0.0.1",
                RawHttpStub.hang(release, 30, RawHttpStub.fixed(200, "application/json", "[]")));
                Auth0Client impatient = new Auth0Client(TestConfigs.impatient(hung.baseUrl()), threads)) {
            IdpException e = assertThrows(IdpException.class, () -> impatient.listAuthenticators(DOMAIN, RAW));

            assertEquals(0, hung.answered(), "the stub had not answered when the call returned");
            assertEquals(ErrorCodes.IDP_UNAVAILABLE, e.code());
            assertTrue(e.isTimeout(), e.getMessage());
            // The request is in the stub's socket before the call times out, but a busy machine may run the stub's
            // thread that reads it only later: wait for it (the hold still stands), then count.
            for (int i = 0; i < 300 && hung.requests().isEmpty(); i++) {
                Thread.sleep(100);
            }
            assertEquals(1, hung.requests().size(), "never retried");
            assertEquals(1, hung.connections(), "never retried");
        } finally {
            release.countDown();
        }
    }

    @Test
    void f1CallWhenAuth0TakesASecondUnderTheDefaultTimeoutsThenAnswered() {
        // F1: a slow but healthy Auth0 is waited for (defaults: 2 s connect, 5 s read, 5 s in all)
        MfaStepUpConfig test = TestConfigs.config(auth0.baseUrl());
        MfaStepUpConfig defaults = new MfaStepUpConfig(test.domain(), test.clientId(), test.clientSecret(),
                test.secrets(), test.contextTtl(),
                Duration.ofMillis(MfaStepUpConfigReader.DEFAULT_CONNECT_TIMEOUT_MS),
                Duration.ofMillis(MfaStepUpConfigReader.DEFAULT_READ_TIMEOUT_MS),
                Duration.ofMillis(MfaStepUpConfigReader.DEFAULT_CALL_DEADLINE_MS), test.baseUrl(),
                test.tokenRefreshMargin(), test.maxConcurrentCalls(), test.limitsStore());
        auth0.stubFor(get("/mfa/authenticators").willReturn(okJson(
                "[{\"id\":\"totp|dev_1\",\"authenticator_type\":\"otp\",\"active\":true}]").withFixedDelay(1000)));

        try (Auth0Client patient = new Auth0Client(defaults, Executors.defaultThreadFactory())) {
            long start = System.nanoTime();
            List<Authenticator> listed = patient.listAuthenticators(DOMAIN, RAW);
            long tookMillis = (System.nanoTime() - start) / 1_000_000;

            // Answered, so within the 5 s deadline (the module would have cut the call), and after the second
            // the stub waited: the module waited for a slow Auth0, once.
            assertEquals("totp|dev_1", listed.get(0).id());
            assertTrue(tookMillis >= 1000, "took " + tookMillis + " ms: the stub did not delay");
            auth0.verify(1, getRequestedFor(urlEqualTo("/mfa/authenticators")));
        }
    }

    @Test
    void f3CallWhenBodyDripsSlowlyThenUnavailableAndTheConnectionDroppedBeforeTheBodyEnds() throws Exception {
        // F3: headers at once, then a body of 600 bytes, one every 100 ms (a minute in all): the read timeout
        // (0.8 s) alone would never trip. The call deadline (1.5 s) ends the call and the read; the stub sees the
        // client hang up while it still had most of the body to send.
        String body = "[" + "{\"id\":\"a\",\"authenticator_type\":\"otp\"},".repeat(14)
                + "{\"id\":\"b\",\"authenticator_type\":\"otp\"}";
        body = body + " ".repeat(599 - body.length()) + "]";
        try (RawHttpStub dripping = new RawHttpStub("127.0.0.1", RawHttpStub.dribble("application/json", body, 100));
                Auth0Client impatient = new Auth0Client(TestConfigs.impatient(dripping.baseUrl()), threads)) {
            IdpException e = assertThrows(IdpException.class, () -> impatient.listAuthenticators(DOMAIN, RAW));

            assertEquals(ErrorCodes.IDP_UNAVAILABLE, e.code());
            assertTrue(e.isTimeout(), e.getMessage());
            // Not a timing bound: a client that keeps reading lets the stub write its last byte (after a minute).
            for (int i = 0; i < 600 && dripping.hangUps() == 0 && dripping.answered() == 0; i++) {
                Thread.sleep(50);
            }
            assertEquals(1, dripping.hangUps(), "the client hung up on the dripping body");
            assertEquals(0, dripping.answered(), "the body was read to its end");
        }
    }

    @Test
    void f14CallWhenBodyOversizedThenBadResponse() {
        // F14: at most 64 KB are read
        String big = "[" + "{\"id\":\"totp|dev\",\"authenticator_type\":\"otp\",\"active\":true},".repeat(2000)
                + "{\"id\":\"x\",\"authenticator_type\":\"otp\"}]";
        auth0.stubFor(get("/mfa/authenticators").willReturn(okJson(big)));

        IdpException e = assertThrows(IdpException.class, () -> client.listAuthenticators(DOMAIN, RAW));

        assertEquals(ErrorCodes.IDP_BAD_RESPONSE, e.code());
    }

    @Test
    void callWhenOversizedErrorBodyThenNamesStatusOnly() {
        // an error body over the bound is not read to its end
        auth0.stubFor(get("/mfa/authenticators").willReturn(html(500, "<p>".repeat(40_000))));

        IdpException e = assertThrows(IdpException.class, () -> client.listAuthenticators(DOMAIN, RAW));

        assertEquals(ErrorCodes.IDP_UNAVAILABLE, e.code());
        assertEquals(500, e.status());
    }

    @Test
    void f4CallWhenNobodyListensThenUnavailable() {
        // F4: connection refused
        try (Auth0Client refused = new Auth0Client(TestConfigs.config("http://127.0.0.1:9"),
                Executors.defaultThreadFactory())) {
            IdpException e = assertThrows(IdpException.class, () -> refused.listAuthenticators(DOMAIN, RAW));
            assertEquals(ErrorCodes.IDP_UNAVAILABLE, e.code());
            assertFalse(e.isOutcomeUnknown(), "nothing reached Auth0");
        }
    }

    // Faults of the security plan (F5, F7, F8, F13, F21, F25): each ends as an IdpException with a code the
    // pages know, within the deadline, and says nothing of the parser or the network in its message.

    @Test
    void f5WhenTheConnectionHangsThenUnavailableWithinTheConnectTimeout() throws Exception {
        // A blackhole: a listening socket that never accepts, its accept queue filled, so that the kernel drops
        // further SYNs and a connect waits for its timeout. (A non-routable address is no use on machines whose
        // network answers for every address.)
        // The read timeout and the deadline are 30 s, so that only the connect timeout (500 ms) can end the call.
        try (ServerSocket blackhole = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                QueueFiller filler = QueueFiller.fill(blackhole);
                Auth0Client client = new Auth0Client(ClientConfigs.withTimeouts(
                        "http://127.0.0.1:" + blackhole.getLocalPort(), Duration.ofMillis(500),
                        Duration.ofSeconds(30), Duration.ofSeconds(30)), Executors.defaultThreadFactory())) {
            long start = System.nanoTime();
            IdpException e = assertThrows(IdpException.class, () -> client.listAuthenticators(DOMAIN, RAW));
            long tookMillis = (System.nanoTime() - start) / 1_000_000;

            assertEquals(ErrorCodes.IDP_UNAVAILABLE, e.code());
            assertTrue(tookMillis >= 400, "took " + tookMillis + " ms: the connection did not hang");
            java.net.http.HttpConnectTimeoutException connect = cause(e,
                    java.net.http.HttpConnectTimeoutException.class);
            assertNotNull(connect, "the connect timeout ended the call, not the 30 s deadline: " + e.getMessage());
            assertTrue(connect.getMessage().toLowerCase(java.util.Locale.ROOT).contains("connect"),
                    connect.getMessage());
            assertNull(cause(e, java.util.concurrent.TimeoutException.class), "the deadline ended the call");
        }
    }

    /** Connections that fill a listening socket's accept queue, closed at the end. */
    private record QueueFiller(List<Socket> sockets) implements AutoCloseable {

        static QueueFiller fill(ServerSocket server) throws IOException {
            List<Socket> sockets = new java.util.ArrayList<>();
            for (int i = 0; i < 16; i++) {
                Socket socket = new Socket();
                try {
                    socket.connect(server.getLocalSocketAddress(), 200);
                    sockets.add(socket);
                } catch (SocketTimeoutException full) {
                    socket.close();
                    return new QueueFiller(sockets);
                }
            }
            throw new IllegalStateException("the accept queue did not fill up");
        }

        @Override
        public void close() throws IOException {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }

    @Test
    void f7WhenAuth0AnswersNothingThenUnavailable() {
        auth0.stubFor(post("/oauth/token").willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));

        IdpException e = assertThrows(IdpException.class, () -> client.verifyOtp(DOMAIN, RAW, "123456"));

        assertTrue(e.isUnavailable(), e.code());
        assertCleanMessage(e);
    }

    @Test
    void f8WhenTheAnswerIsAMalformedChunkOrRandomBytesThenUnavailable() {
        for (Fault fault : List.of(Fault.MALFORMED_RESPONSE_CHUNK, Fault.RANDOM_DATA_THEN_CLOSE)) {
            auth0.stubFor(get("/mfa/authenticators").willReturn(aResponse().withFault(fault)));

            IdpException e = assertThrows(IdpException.class, () -> client.listAuthenticators(DOMAIN, RAW),
                    fault.name());

            assertTrue(e.isUnavailable(), fault + ": " + e.code());
            assertCleanMessage(e);
        }
    }

    @Test
    void f13WhenTheJsonIsMalformedThenBadResponseAndNoParserText() {
        List<String> bodies = List.of(
                "[{\"id\":\"totp|dev\",\"authenticator_type\":\"ot",
                "[]garbage",
                "[{\"id\":\"totp|dev\",\"authenticator_type\":\"otp\",\"active\":NaN}]",
                "[".repeat(60_000) + "]".repeat(60_000),
                "{\"id\":");
        for (String body : bodies) {
            auth0.stubFor(get("/mfa/authenticators").willReturn(okJson(body)));

            IdpException e = assertThrows(IdpException.class, () -> client.listAuthenticators(DOMAIN, RAW),
                    body.substring(0, Math.min(40, body.length())));

            assertEquals(ErrorCodes.IDP_BAD_RESPONSE, e.code(), body.substring(0, Math.min(40, body.length())));
            assertCleanMessage(e);
        }
    }

    @Test
    void f13WhenAnErrorHasTheSameKeyTwiceThenOneFixedReadingAndNoTokenWithoutItsField() {
        stubToken(aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"access_denied\",\"error\":\"mfa_required\"}"));

        IdpException first = assertThrows(IdpException.class, () -> client.refresh(DOMAIN, "rt", null, null));
        IdpException second = assertThrows(IdpException.class, () -> client.refresh(DOMAIN, "rt", null, null));

        // Whichever key wins, it wins every time, and mfa_required without an mfa_token is no step-up.
        assertEquals(first.code(), second.code());
        assertTrue(List.of("access_denied", ErrorCodes.MFA_REQUIRED, ErrorCodes.IDP_BAD_RESPONSE)
                .contains(first.code()), first.code());
    }

    @Test
    void f21WhenTheCertificateIsNotTrustedThenUnavailableAndNothingSent() {
        WireMockServer untrusted = new WireMockServer(wireMockConfig().httpDisabled(true).dynamicHttpsPort()
                .bindAddress("127.0.0.1"));
        untrusted.start();
        try (Auth0Client tls = new Auth0Client(ClientConfigs.patient("https://127.0.0.1:" + untrusted.httpsPort()),
                Executors.defaultThreadFactory())) {
            untrusted.stubFor(post("/oauth/token").willReturn(okJson("{}")));

            IdpException e = assertThrows(IdpException.class, () -> tls.verifyOtp(DOMAIN, RAW, "123456"));

            assertEquals(ErrorCodes.IDP_UNAVAILABLE, e.code());
            assertCleanMessage(e);
            // The handshake failed before any request: no code and no client secret reached the server.
            assertTrue(untrusted.getAllServeEvents().isEmpty());
            assertFalse(e.isOutcomeUnknown(), "nothing reached Auth0");
        } finally {
            untrusted.stop();
        }
    }

    @Test
    void f25WhenTheHostDoesNotResolveThenUnavailableAtOnce() {
        // .invalid never resolves (RFC 6761).
        // Timeouts of 30 s: the call ends at once, with the resolver's answer.
        try (Auth0Client unresolvable = new Auth0Client(ClientConfigs.patient("http://tenant.example.invalid"),
                Executors.defaultThreadFactory())) {
            IdpException e = assertThrows(IdpException.class, () -> unresolvable.listAuthenticators(DOMAIN, RAW));

            // The resolver's answer ended the call, not a timeout.
            assertEquals(ErrorCodes.IDP_UNAVAILABLE, e.code());
            assertNotNull(cause(e, java.net.UnknownHostException.class), e.getMessage());
            assertFalse(e.isTimeout(), e.getMessage());
            assertCleanMessage(e);
            assertFalse(e.isOutcomeUnknown(), "nothing reached Auth0");
        }
    }

    /** No parser, exception or network wording and no raw token in what a page or log may show. */
    private static void assertCleanMessage(IdpException e) {
        String message = e.getMessage().toLowerCase(java.util.Locale.ROOT);
        for (String leak : List.of("exception", "unexpected char", "parsing", "jsonb", "ssl", "handshake",
                "unknownhost", "pkix", RAW)) {
            assertFalse(message.contains(leak), "'" + leak + "' in: " + e.getMessage());
        }
    }

    @Test
    void baseUriWhenNoOverrideThenHttpsDomain() {
        MfaStepUpConfigHolder.withoutBaseUrl(config -> {
            try (Auth0Client tenantClient = new Auth0Client(config, Executors.defaultThreadFactory())) {
                assertEquals("https://tenant.eu.auth0.com/", tenantClient.baseUri("tenant.eu.auth0.com").toString());
            }
        });
    }

    private static <T extends Throwable> T cause(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    private static void stubToken(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
        auth0.stubFor(post("/oauth/token").willReturn(response));
    }
}
