package dev.mfastepup.service;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.mfastepup.Auth0Stubs.error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import dev.mfastepup.AttemptsLockedException;
import dev.mfastepup.Auth0Stubs;
import dev.mfastepup.ErrorCodes;
import dev.mfastepup.Factor;
import dev.mfastepup.MfaException;
import dev.mfastepup.MfaTokenExpiredException;
import dev.mfastepup.MfaTokenInvalidException;
import dev.mfastepup.LogCapture;
import dev.mfastepup.MutableClock;
import dev.mfastepup.SendsLimitedException;
import dev.mfastepup.StepUpRequirements;
import dev.mfastepup.TestConfigs;
import dev.mfastepup.TestCredentials;
import dev.mfastepup.TestRequests;
import dev.mfastepup.client.Auth0Client;
import dev.mfastepup.client.IdpException;
import dev.mfastepup.client.TenantDomains;
import dev.mfastepup.config.MfaStepUpConfig;
import dev.mfastepup.crypto.ContextSealer;
import dev.mfastepup.crypto.StepUpContext;
import dev.mfastepup.event.SecurityLog;
import dev.mfastepup.event.StepUpCompleted;
import dev.mfastepup.event.StepUpStarted;
import dev.mfastepup.session.CachedAccessToken;
import dev.mfastepup.session.PendingStepUp;
import dev.mfastepup.session.PendingStepUp.ReturnTo;
import dev.mfastepup.session.SessionContents;
import dev.mfastepup.session.SessionTokenStore;
import dev.mfastepup.session.SessionTokens;
import dev.mfastepup.session.StepUpFlows;
import dev.mfastepup.session.TokenKey;
import dev.mfastepup.token.SessionCredentials;
import jakarta.enterprise.event.Event;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link MfaService} over real HTTP against a stub Auth0, with the real sealer, flows and session state; only the
 * servlet request and session are mocks. Reference case ids are in the comments.
 */
class MfaServiceTest {

    @RegisterExtension
    static WireMockExtension auth0 = Auth0Stubs.server();

    private static final String SUBJECT = "auth0|alice";
    private static final String RAW = "MFATOK-CANARY-7f3a";
    private static final String AUDIENCE = "https://api.example.com";
    private static final TokenKey KEY = new TokenKey(AUDIENCE, "read:reports");
    private static final String TOKEN_OK = "{\"access_token\":\"AT-CANARY-1\",\"token_type\":\"Bearer\",\"expires_in\":3600}";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
    private final TestCredentials credentials = new TestCredentials(SUBJECT, "RT-1");
    @SuppressWarnings("unchecked")
    private final Event<StepUpCompleted> completed = mock(Event.class);
    @SuppressWarnings("unchecked")
    private final Event<StepUpStarted> started = mock(Event.class);

    private MfaStepUpConfig config;
    private Auth0Client client;
    private ContextSealer sealer;
    private StepUpFlows flows;
    private TestRequests web;
    private MfaService service;

    @BeforeEach
    void setUp() {
        config = TestConfigs.config(auth0.baseUrl());
        client = new Auth0Client(config, Executors.defaultThreadFactory(), clock);
        sealer = new ContextSealer(config.secrets(), config.contextTtl(), clock);
        flows = new StepUpFlows(sealer, clock, config.contextTtl());
        web = TestRequests.withSession();
        service = serviceFor(web.request());
        // A user with nothing enrolled, unless a test says otherwise (an enrollment that Auth0 did not demand asks).
        auth0.stubFor(get("/mfa/authenticators").willReturn(okJson("[]")));
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    private MfaService serviceFor(HttpServletRequest request) {
        return serviceFor(request, new TenantDomains(TestConfigs.DOMAIN, null));
    }

    private MfaService serviceFor(HttpServletRequest request, TenantDomains domains) {
        return ServiceWiring.mfaService(config, client, domains, flows,
                new SessionCredentials(credentials), completed, started, request, clock);
    }

    private String startFlow(StepUpRequirements requirements) {
        return startFlow(requirements, RAW);
    }

    private String startFlow(StepUpRequirements requirements, String raw) {
        return flows.start(web.session(), SUBJECT, TestConfigs.DOMAIN, KEY, raw, requirements).flowId();
    }

    private static StepUpRequirements challenge(String... types) {
        return new StepUpRequirements(null, List.of(types));
    }

    private static StepUpRequirements enroll(String... types) {
        return new StepUpRequirements(List.of(types), null);
    }

    /** Auth0 lists these authenticators for the user: an app, SMS, e-mail, push and a security key. */
    private static void stubTheUsersAuthenticators() {
        auth0.stubFor(get("/mfa/authenticators").willReturn(okJson("""
                [{"id":"totp|dev_1","authenticator_type":"otp","active":true},
                 {"id":"sms|dev_3","authenticator_type":"oob","oob_channel":"sms","active":true,"name":"XXXX8730"},
                 {"id":"email|dev_e","authenticator_type":"oob","oob_channel":"email","active":true},
                 {"id":"push|dev_6","authenticator_type":"oob","oob_channel":"auth0","active":true,"name":"Pixel"},
                 {"id":"webauthn|dev_4","authenticator_type":"webauthn-roaming","active":true}]""")));
    }

    private static void stubToken(ResponseDefinitionBuilder response) {
        auth0.stubFor(post("/oauth/token").willReturn(response));
    }

    // List -------------------------------------------------------------------------------------------------------

    @Test
    void f22ListAuthenticatorsWhenRequirementsAllowOtpThenOnlyActiveOtpAndUnsupportedOnes() {
        // PY-MC-16, reference-tests J.15, F22, protocol §2.4 (inactive entries cannot be challenged)
        String flowId = startFlow(challenge("otp"));
        auth0.stubFor(get("/mfa/authenticators").willReturn(okJson("""
                [{"id":"totp|dev_1","authenticator_type":"otp","active":true},
                 {"id":"totp|dev_2","authenticator_type":"otp","active":false},
                 {"id":"sms|dev_3","authenticator_type":"oob","active":true,"oob_channels":["sms"],"name":"XXXXXXXX8730"},
                 {"id":"webauthn|dev_4","authenticator_type":"webauthn-roaming","active":true}]""")));

        List<MfaAuthenticator> listed = service.listAuthenticators(flowId);

        assertEquals(List.of("totp|dev_1", "webauthn|dev_4"), listed.stream().map(MfaAuthenticator::id).toList());
        assertEquals(Factor.OTP, listed.get(0).factor());
        assertTrue(listed.get(1).supportedFactor().isEmpty());
        auth0.verify(getRequestedFor(urlEqualTo("/mfa/authenticators")).withHeader("Authorization", equalTo("Bearer " + RAW)));
    }

    @Test
    void listAuthenticatorsWhenNoRequirementsThenEveryActiveOne() {
        String flowId = startFlow(null);
        auth0.stubFor(get("/mfa/authenticators").willReturn(okJson("""
                [{"id":"sms|dev_3","authenticator_type":"oob","active":true,"oob_channel":"sms"},
                 {"id":"recovery-code|dev_5","authenticator_type":"recovery-code","active":true}]""")));

        assertEquals(List.of(Factor.SMS, Factor.RECOVERY_CODE),
                service.listAuthenticators(flowId).stream().map(MfaAuthenticator::factor).toList());
    }

    @Test
    void f18ListAuthenticatorsWhenAuth0SaysExpiredThenFlowEndsAsExpired() {
        // F18, SEC-05: Auth0's expired_token is handled like a local expiry
        String flowId = startFlow(null);
        auth0.stubFor(get("/mfa/authenticators").willReturn(error(401, "expired_token", "mfa_token is expired")));

        assertThrows(MfaTokenExpiredException.class, () -> service.listAuthenticators(flowId));

        assertTrue(service.flow(flowId).isEmpty());
    }

    // The flow and its context -----------------------------------------------------------------------------------

    @Test
    void sec05AnyStepWhenContextOlderThanTtlThenExpiredAndNothingSent() {
        // PY-MC-10 at the service, SEC-05
        String flowId = startFlow(null);
        clock.advance(config.contextTtl().plusSeconds(1));

        assertThrows(MfaTokenExpiredException.class, () -> service.listAuthenticators(flowId));

        assertTrue(service.flow(flowId).isEmpty());
        auth0.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void anyStepWhenContextExactlyTtlOldThenStillValid() {
        // reference-tests J.1: the boundary
        String flowId = startFlow(null);
        auth0.stubFor(get("/mfa/authenticators").willReturn(okJson("[]")));
        clock.advance(config.contextTtl());

        assertEquals(List.of(), service.listAuthenticators(flowId));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not-a-flow", "AAAAAAAAAAAAAAAAAAAAAA", "../../etc/passwd", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"})
    void anyStepWhenFlowIdUnknownOrMalformedThenInvalidAndNothingSent(String flowId) {
        // reference-tests J.2: missing or garbage contexts never reach Auth0
        startFlow(null);

        assertThrows(MfaTokenInvalidException.class, () -> service.listAuthenticators(flowId));
        assertThrows(MfaTokenInvalidException.class, () -> service.verify(flowId, new Verification.Otp("123456")));

        auth0.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void sec03AnyStepWhenSealedContextTamperedThenInvalidFlowEndedAndNothingSent() {
        // SEC-03: a changed character in the stored ciphertext
        String flowId = startFlow(null);
        PendingStepUp original = SessionContents.flow(web.session(), flowId).orElseThrow();
        String sealed = original.sealedContext();
        int at = sealed.lastIndexOf('.') - 5;
        String tampered = sealed.substring(0, at) + (sealed.charAt(at) == 'A' ? 'B' : 'A') + sealed.substring(at + 1);
        flows.update(web.session(), original.with(tampered, null));

        assertThrows(MfaTokenInvalidException.class, () -> service.verify(flowId, new Verification.Otp("123456")));

        assertTrue(service.flow(flowId).isEmpty());
        auth0.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void sec32WhenSealedContextDoesNotOpenThenSecurityEventButNotForAFlowThatIsNotThere() {
        String flowId = startFlow(null);
        PendingStepUp original = SessionContents.flow(web.session(), flowId).orElseThrow();
        flows.update(web.session(), original.with(original.sealedContext().replace('.', '!'), null));
        List<String> events;
        try (LogCapture security = new LogCapture(SecurityLog.LOGGER_NAME)) {
            assertThrows(MfaTokenInvalidException.class, () -> service.listAuthenticators("AAAAAAAAAAAAAAAAAAAAAA"));
            assertThrows(MfaTokenInvalidException.class, () -> service.verify(flowId, new Verification.Otp("123456")));
            events = security.messages();
        }

        assertEquals(1, events.size(), events.toString());
        assertTrue(events.get(0).startsWith("mfa.context_invalid user=" + SecurityLog.pseudonym(SUBJECT)
                + " session=s-"), events.get(0));
        assertTrue(events.get(0).contains(" flow=" + flowId + " "), events.get(0));
    }

    @Test
    void sec04AnyStepWhenAnotherUserSignedInThenInvalidAndNothingSent() {
        // SEC-04: the context is bound to the user who started the flow
        String flowId = startFlow(null);
        credentials.subject.set("auth0|mallory");

        assertThrows(MfaTokenInvalidException.class, () -> service.listAuthenticators(flowId));

        auth0.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void sec04AnyStepWhenFlowCopiedIntoAnotherSessionThenInvalid() {
        // SEC-04: another session has no such flow, even with the same sealed context copied over
        String flowId = startFlow(null);
        TestRequests other = TestRequests.withSession();
        MfaService otherService = serviceFor(other.request());

        assertThrows(MfaTokenInvalidException.class, () -> otherService.listAuthenticators(flowId));

        // The same user's other session: the sealed context is bound to the session it was sealed in.
        SessionContents.copyFlow(web.session(), other.session(), flowId);
        assertThrows(MfaTokenInvalidException.class, () -> otherService.listAuthenticators(flowId));
        SessionContents.copyFlow(web.session(), other.session(), flowId);
        credentials.subject.set("auth0|bob");
        assertThrows(MfaTokenInvalidException.class, () -> otherService.listAuthenticators(flowId));
        auth0.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void anyStepWhenDomainResolverFailsThenItsErrorUnwrappedAndNothingSent() {
        // PY-MC-07: the resolver's failure propagates as it is, and no call goes to a domain of nowhere
        String flowId = startFlow(null);
        MfaService resolving = serviceFor(web.request(), new TenantDomains(TestConfigs.DOMAIN, r -> null));

        MfaException e = assertThrows(MfaException.class, () -> resolving.listAuthenticators(flowId));

        assertEquals(ErrorCodes.DOMAIN_RESOLVER_ERROR, e.code());
        auth0.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void anyStepWhenRequestResolvesAnotherTenantThenInvalid() {
        // reference-tests J.17: a context never goes to another tenant than the one that issued it
        String flowId = startFlow(null);
        MfaService otherTenant = serviceFor(web.request(), new TenantDomains(TestConfigs.DOMAIN, r -> "other.auth0.local"));

        assertThrows(MfaTokenInvalidException.class, () -> otherTenant.listAuthenticators(flowId));
        auth0.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void anyStepWhenNoSessionThenInvalid() {
        MfaService withoutSession = serviceFor(TestRequests.withoutSession().request());

        assertThrows(MfaTokenInvalidException.class, () -> withoutSession.listAuthenticators("AAAAAAAAAAAAAAAAAAAAAA"));
        assertTrue(withoutSession.pendingFlow().isEmpty());
    }

    @Test
    void sec01SessionStateWhenFlowPendingThenHoldsNoRawTokenAndStaysSmall() throws IOException {
        // SEC-01, SEC-36, design decision 2: only the sealed context, serializable, under 4 KB per step-up
        startFlow(challenge("otp", "phone", "push-notification", "recovery-code"), RAW + "x".repeat(900));

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(web.attributes().get(SessionContents.FLOWS_ATTRIBUTE));
        }
        String serialized = bytes.toString(StandardCharsets.ISO_8859_1);

        assertFalse(serialized.contains(RAW));
        assertTrue(bytes.size() < 4096, "serialized size " + bytes.size());
    }

    @Test
    void pendingFlowWhenStartedThenViewHasNoTokenAndExpiry() {
        String flowId = startFlow(challenge("otp"));

        StepUpFlow flow = service.pendingFlow().orElseThrow();

        assertEquals(flowId, flow.flowId());
        assertEquals(AUDIENCE, flow.audience());
        assertEquals(clock.instant().plus(config.contextTtl()), flow.expiresAt());
        assertFalse(flow.toString().contains(RAW));
    }

    @Test
    void sec06CancelWhenPendingThenFlowGone() {
        String flowId = startFlow(null);

        service.cancel(flowId);

        assertTrue(service.flow(flowId).isEmpty());
        assertThrows(MfaTokenInvalidException.class, () -> service.listAuthenticators(flowId));
    }

    // Enroll -----------------------------------------------------------------------------------------------------

    @Test
    void enrollOtpThenVerifyWhenCodeRightThenTokenInSessionAndRecoveryCodeHandedOver() {
        // PY-MC-20, PY-MC-33, reference-tests J.11 and J.12, design decision 5
        String flowId = startFlow(enroll("otp"));
        auth0.stubFor(post("/mfa/associate").willReturn(okJson("""
                {"authenticator_type":"otp","secret":"JBSWY3DPEHPK3PXP",
                 "barcode_uri":"otpauth://totp/auth0:alice?secret=JBSWY3DPEHPK3PXP","recovery_codes":["RCCANARY0000000000000000"]}""")));
        stubToken(okJson("""
                {"access_token":"AT-CANARY-1","token_type":"Bearer","expires_in":3600,"refresh_token":"RT-2",
                 "recovery_code":"RCCANARY1111111111111111"}"""));
        String sessionIdBefore = web.sessionId();

        Enrollment enrollment = service.enroll(flowId, EnrollmentRequest.otp());
        assertEquals("JBSWY3DPEHPK3PXP", enrollment.secret());
        assertEquals(List.of("RCCANARY0000000000000000"), enrollment.recoveryCodes());
        assertEquals(Factor.OTP, service.flow(flowId).orElseThrow().pendingFactor());
        assertTrue(service.flow(flowId).orElseThrow().enrolling());

        VerifyResult result = service.verify(flowId, new Verification.Otp(" 123 456 "));

        VerifyResult.Verified verified = assertInstanceOf(VerifyResult.Verified.class, result);
        assertEquals("RCCANARY1111111111111111", verified.recoveryCode().orElseThrow());
        assertFalse(verified.toString().contains("RCCANARY"));
        auth0.verify(postRequestedFor(urlEqualTo("/mfa/associate"))
                .withRequestBody(equalToJson("{\"authenticator_types\":[\"otp\"]}")));
        auth0.verify(postRequestedFor(urlEqualTo("/oauth/token")).withFormParam("otp", equalTo("123456"))
                .withFormParam("mfa_token", equalTo(RAW)));
        SessionTokens tokens = SessionContents.tokens(web.session());
        assertEquals("AT-CANARY-1", tokens.valid(KEY, clock.instant(), Duration.ZERO).orElseThrow().value());
        assertEquals("RT-2", tokens.refreshToken().orElseThrow());
        assertTrue(service.flow(flowId).isEmpty());
        assertNotEquals(sessionIdBefore, web.sessionId());
        verify(completed).fire(new StepUpCompleted(flowId, SUBJECT, AUDIENCE, "read:reports", Factor.OTP,
                clock.instant()));
    }

    @Test
    void sec27EnrollWhenFirstEnrollmentIssuesRecoveryCodeThenSealedUntilConfirmedAndHandedOverThen() {
        // the recovery code of a first enrollment is shown once the factor is confirmed, never kept in clear
        String flowId = startFlow(null);
        auth0.stubFor(post("/mfa/associate").willReturn(okJson("""
                {"authenticator_type":"oob","oob_channel":"sms","oob_code":"OOB-CANARY-9","binding_method":"prompt",
                 "recovery_codes":["RCCANARY2222222222222222"]}""")));
        stubToken(okJson(TOKEN_OK));

        service.enroll(flowId, EnrollmentRequest.sms("+4915123456789"));
        PendingStepUp pending = SessionContents.flow(web.session(), flowId).orElseThrow();
        assertFalse(pending.sealedContext().contains("RCCANARY") || pending.toString().contains("RCCANARY"));
        VerifyResult result = service.verify(flowId, new Verification.OutOfBandCode("123456"));

        assertEquals("RCCANARY2222222222222222", ((VerifyResult.Verified) result).recoveryCode().orElseThrow());
    }

    @Test
    void enrollWhenChainedAfterAFirstEnrollmentThenItsRecoveryCodeIsShownAtTheEnd() {
        String flowId = startFlow(null);
        auth0.stubFor(post("/mfa/associate").willReturn(okJson("""
                {"authenticator_type":"otp","secret":"JBSWY3DPEHPK3PXP","barcode_uri":"otpauth://totp/x?secret=JBSWY3DPEHPK3PXP",
                 "recovery_codes":["RCCANARY3333333333333333"]}""")));
        auth0.stubFor(post("/oauth/token").inScenario("chain").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"mfa_required\",\"mfa_token\":\"second\"}"))
                .willSetStateTo("second"));
        auth0.stubFor(post("/oauth/token").inScenario("chain").whenScenarioStateIs("second").willReturn(okJson(TOKEN_OK)));
        service.enroll(flowId, EnrollmentRequest.otp());

        StepUpFlow next = ((VerifyResult.AnotherFactorRequired) service.verify(flowId, new Verification.Otp("123456"))).next();
        VerifyResult.Verified verified = (VerifyResult.Verified) service.verify(next.flowId(), new Verification.Otp("654321"));

        assertEquals("RCCANARY3333333333333333", verified.recoveryCode().orElseThrow());
    }

    @Test
    void enrollSmsWhenPhoneValidThenSendsItAndVerifiesWithOobAndBindingCode() {
        // PY-MC-21, PY-MC-34, reference-tests J.4
        String flowId = startFlow(null);
        auth0.stubFor(post("/mfa/associate").willReturn(okJson("""
                {"authenticator_type":"oob","oob_channel":"sms","oob_code":"OOB-CANARY-1","binding_method":"prompt"}""")));
        stubToken(okJson(TOKEN_OK));

        Enrollment enrollment = service.enroll(flowId, EnrollmentRequest.sms("+49 151 2345 6789"));
        assertTrue(enrollment.bindingCodeRequired());
        VerifyResult result = service.verify(flowId, new Verification.OutOfBandCode("654321"));

        assertInstanceOf(VerifyResult.Verified.class, result);
        auth0.verify(postRequestedFor(urlEqualTo("/mfa/associate")).withRequestBody(equalToJson(
                "{\"authenticator_types\":[\"oob\"],\"oob_channels\":[\"sms\"],\"phone_number\":\"+4915123456789\"}")));
        auth0.verify(postRequestedFor(urlEqualTo("/oauth/token"))
                .withFormParam("grant_type", equalTo(Auth0Client.GRANT_MFA_OOB))
                .withFormParam("oob_code", equalTo("OOB-CANARY-1"))
                .withFormParam("binding_code", equalTo("654321")));
    }

    @Test
    void enrollSmsOobCodeWhenPendingThenSealedNotInSessionInClear() {
        String flowId = startFlow(null);
        auth0.stubFor(post("/mfa/associate").willReturn(okJson("""
                {"authenticator_type":"oob","oob_channel":"email","oob_code":"OOB-CANARY-2","binding_method":"prompt"}""")));

        service.enroll(flowId, EnrollmentRequest.email("alice@example.com"));

        PendingStepUp pending = SessionContents.flow(web.session(), flowId).orElseThrow();
        assertFalse(pending.toString().contains("OOB-CANARY-2"));
        assertFalse(pending.sealedContext().contains("OOB-CANARY-2"));
        StepUpContext context = flows.open(web.session(), flowId, SUBJECT, TestConfigs.DOMAIN).context();
        assertEquals("OOB-CANARY-2", context.oobCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"+1555", "12025551234", "+12025551234\r\nX:y", "+0123456789", "+1202555123456789", "++12025551234"})
    void enrollPhoneWhenNotE164ThenInvalidInputAndNothingSent(String phone) {
        // SEC-24
        String flowId = startFlow(null);

        MfaException e = assertThrows(MfaException.class, () -> service.enroll(flowId, EnrollmentRequest.voice(phone)));

        assertEquals(ErrorCodes.INVALID_INPUT, e.code());
        auth0.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void enrollEmailWhenAddressMalformedTooLongOrMissingThenInvalidInput() {
        // SEC-24
        String flowId = startFlow(null);

        for (String email : Arrays.asList("not-an-address", "a@b", "<script>@x.com", "a".repeat(250) + "@example.com",
                "", "  ", null)) {
            MfaException e = assertThrows(MfaException.class, () -> service.enroll(flowId, EnrollmentRequest.email(email)));
            assertEquals(ErrorCodes.INVALID_INPUT, e.code());
        }
        auth0.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void enrollWhenFactorNotAllowedByRequirementsThenUnsupportedFactorAndNothingSent() {
        // PY-MC-25: the unsupported factor is refused before any HTTP
        String flowId = startFlow(enroll("otp"));

        MfaException e = assertThrows(MfaException.class, () -> service.enroll(flowId, EnrollmentRequest.push()));
        MfaException recovery = assertThrows(MfaException.class,
                () -> service.enroll(flowId, new EnrollmentRequest(Factor.RECOVERY_CODE, null, null)));

        assertEquals(ErrorCodes.UNSUPPORTED_FACTOR, e.code());
        assertTrue(e.getMessage().contains("Unsupported factor_type: auth0"), e.getMessage());
        assertEquals(ErrorCodes.UNSUPPORTED_FACTOR, recovery.code());
        auth0.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void sec26EnrollWhenAuth0AsksForAChallengeAndTheUserHasAnAuthenticatorThenRefusedAndNothingEnrolled() {
        String flowId = startFlow(challenge("otp", "phone"));
        auth0.stubFor(get("/mfa/authenticators").willReturn(okJson(
                "[{\"id\":\"totp|dev_1\",\"authenticator_type\":\"otp\",\"active\":true}]")));

        MfaException e = assertThrows(MfaException.class,
                () -> service.enroll(flowId, EnrollmentRequest.sms("+14155550100")));

        assertEquals(ErrorCodes.ENROLLMENT_NOT_ALLOWED, e.code());
        auth0.verify(0, postRequestedFor(urlEqualTo("/mfa/associate")));
        assertTrue(service.flow(flowId).isPresent(), "the user can still use the authenticator they have");
    }

    @Test
    void sec26EnrollWhenTheUserHasOnlyFactorsTheRequirementsLeaveOutThenRefusedAsAuth0Would() {
        // Auth0 lets an mfa_token enroll only a user with no active authenticator: one the requirements leave out
        // counts (issue 14, fidelity 1). Nothing reaches Auth0.
        String flowId = startFlow(challenge("otp"));
        auth0.stubFor(get("/mfa/authenticators").willReturn(okJson(
                "[{\"id\":\"recovery-code|dev_1\",\"authenticator_type\":\"recovery-code\",\"active\":true},"
                        + "{\"id\":\"sms|dev_2\",\"authenticator_type\":\"oob\",\"oob_channel\":\"sms\","
                        + "\"active\":true}]")));
        auth0.stubFor(post("/mfa/associate").willReturn(okJson("{\"authenticator_type\":\"otp\","
                + "\"secret\":\"JBSWY3DPEHPK3PXP\",\"barcode_uri\":\"otpauth://totp/x?secret=JBSWY3DPEHPK3PXP\"}")));

        MfaException e = assertThrows(MfaException.class, () -> service.enroll(flowId, EnrollmentRequest.otp()));

        assertEquals(ErrorCodes.ENROLLMENT_NOT_ALLOWED, e.code());
        auth0.verify(0, postRequestedFor(urlEqualTo("/mfa/associate")));
    }

    @Test
    void sec26EnrollWhenTheUserHasNoAuthenticatorThenAllowed() {
        // Auth0's documented path: an empty list means enroll.
        String flowId = startFlow(challenge("otp"));
        auth0.stubFor(get("/mfa/authenticators").willReturn(okJson("[]")));
        auth0.stubFor(post("/mfa/associate").willReturn(okJson("{\"authenticator_type\":\"otp\","
                + "\"secret\":\"JBSWY3DPEHPK3PXP\",\"barcode_uri\":\"otpauth://totp/x?secret=JBSWY3DPEHPK3PXP\"}")));

        Enrollment enrollment = service.enroll(flowId, EnrollmentRequest.otp());

        assertEquals(Factor.OTP, enrollment.factor());
        auth0.verify(1, postRequestedFor(urlEqualTo("/mfa/associate")));
    }

    @Test
    void enrollableFactorsWhenRequirementsNameTypesThenOnlyThoseFactors() {
        // protocol §3.3: phone → SMS and voice, push-notification → push
        String flowId = startFlow(enroll("phone", "push-notification", "webauthn-roaming"));

        assertEquals(EnumSet.of(Factor.SMS, Factor.VOICE, Factor.PUSH), service.enrollableFactors(flowId));
        assertEquals(EnumSet.of(Factor.OTP, Factor.SMS, Factor.VOICE, Factor.EMAIL, Factor.PUSH),
                service.enrollableFactors(startFlow(null)));
    }

    // Challenge --------------------------------------------------------------------------------------------------

    @Test
    void challengeWhenOtpThenNoCallToAuth0() {
        // PY-MC-26: Auth0 lets OTP skip the challenge; nothing is sent
        String flowId = startFlow(null);

        ChallengeSent sent = service.challenge(flowId, new MfaAuthenticator("totp|dev_1", Factor.OTP, "otp", null));

        assertEquals(Factor.OTP, sent.factor());
        assertFalse(sent.bindingCodeRequired());
        auth0.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void challengeSmsThenVerifyWhenCodeRightThenVerified() {
        // PY-MC-27, PY-MC-31, PY-MC-34
        String flowId = startFlowForTheUsersPhone();
        stubToken(okJson(TOKEN_OK));

        ChallengeSent sent = challengeTheUsersPhone(flowId);
        VerifyResult result = service.verify(flowId, new Verification.OutOfBandCode("111222"));

        assertTrue(sent.bindingCodeRequired());
        assertInstanceOf(VerifyResult.Verified.class, result);
        auth0.verify(postRequestedFor(urlEqualTo("/mfa/challenge")).withRequestBody(equalToJson(
                "{\"mfa_token\":\"" + RAW + "\",\"client_id\":\"" + TestConfigs.CLIENT_ID + "\",\"challenge_type\":\"oob\","
                        + "\"client_secret\":\"" + TestConfigs.CLIENT_SECRET + "\",\"authenticator_id\":\"sms|dev_3\"}")));
        auth0.verify(postRequestedFor(urlEqualTo("/oauth/token")).withFormParam("oob_code", equalTo("OOB-CANARY-3")));
    }

    /** A flow whose requirements ask for a phone, with the user's authenticators listed and a challenge answered. */
    private String startFlowForTheUsersPhone() {
        stubTheUsersAuthenticators();
        String flowId = startFlow(challenge("phone"));
        auth0.stubFor(post("/mfa/challenge").willReturn(okJson("""
                {"challenge_type":"oob","oob_code":"OOB-CANARY-3","binding_method":"prompt"}""")));
        return flowId;
    }

    /** Texts a code to the user's phone, {@code sms|dev_3}. */
    private ChallengeSent challengeTheUsersPhone(String flowId) {
        return service.challenge(flowId, new MfaAuthenticator("sms|dev_3", Factor.SMS, "oob", "XXXX8730"));
    }

    @Test
    void challengeWhenFactorNotAllowedOrUnsupportedThenRefusedBeforeAnythingIsSent() {
        // SEC-26: the requirements decide what may be challenged
        stubTheUsersAuthenticators();
        String flowId = startFlow(challenge("otp"));

        MfaException notAllowed = assertThrows(MfaException.class,
                () -> service.challenge(flowId, new MfaAuthenticator("sms|dev_3", Factor.SMS, "oob", null)));
        MfaException unsupported = assertThrows(MfaException.class,
                () -> service.challenge(flowId, new MfaAuthenticator("webauthn|dev_4", null, "webauthn-roaming", null)));

        assertEquals(ErrorCodes.UNSUPPORTED_FACTOR, notAllowed.code());
        assertEquals(ErrorCodes.UNSUPPORTED_FACTOR, unsupported.code());
        auth0.verify(0, postRequestedFor(anyUrl()));
    }

    @Test
    void challengeWhenAnAppCodeWithoutAuthenticatorThenNothingAskedOrSent() {
        // the push page's "enter the code instead": Guardian shows a code as well
        String flowId = startFlow(null);

        ChallengeSent sent = service.challenge(flowId, new MfaAuthenticator(null, Factor.OTP, "otp", null));

        assertEquals(Factor.OTP, sent.factor());
        auth0.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void sec26ChallengeWithAnIdAuth0DoesNotListForTheUserThenInvalidInputAndNothingSent() {
        stubTheUsersAuthenticators();
        String flowId = startFlow(null);

        MfaException foreign = assertThrows(MfaException.class, () -> service.challenge(flowId,
                new MfaAuthenticator("sms|dev_OTHERUSER", Factor.SMS, "oob", null)));

        assertEquals(ErrorCodes.INVALID_INPUT, foreign.code());
        auth0.verify(0, postRequestedFor(anyUrl()));
        assertTrue(service.flow(flowId).isPresent(), "the flow goes on with the user's own authenticators");
    }

    @Test
    void sec26ChallengeWhenTheCallerClaimsAnotherTypeThenTheTypeAuth0ListsDecides() {
        // The authenticator app passed off as a phone: Auth0 lists it as an app, so no message is sent.
        stubTheUsersAuthenticators();
        String flowId = startFlow(null);

        ChallengeSent sent = service.challenge(flowId, new MfaAuthenticator("totp|dev_1", Factor.SMS, "oob", null));

        assertEquals(Factor.OTP, sent.factor());
        auth0.verify(0, postRequestedFor(anyUrl()));
    }

    @Test
    void f27WhenAuth0ListsAnotherUsersAuthenticatorsThenTheUsersOwnIdIsNotChallenged() {
        auth0.stubFor(get("/mfa/authenticators").willReturn(okJson("""
                [{"id":"sms|dev_MALLORY","authenticator_type":"oob","oob_channel":"sms","active":true}]""")));
        String flowId = startFlow(null);

        assertEquals(ErrorCodes.INVALID_INPUT, assertThrows(MfaException.class, () -> service.challenge(flowId,
                new MfaAuthenticator("sms|dev_3", Factor.SMS, "oob", null))).code());

        auth0.verify(0, postRequestedFor(urlEqualTo("/mfa/challenge")));
    }

    @Test
    void resendWhenCooldownPassedThenChallengedAgainAndBeforeThatRefusedWithoutACall() {
        stubTheUsersAuthenticators();
        String flowId = startFlow(null);
        auth0.stubFor(post("/mfa/challenge").willReturn(okJson(
                "{\"challenge_type\":\"oob\",\"oob_code\":\"OOB-1\",\"binding_method\":\"prompt\"}")));
        service.challenge(flowId, new MfaAuthenticator("email|dev_e", Factor.EMAIL, "oob", null));
        clock.advance(MfaService.RESEND_COOLDOWN.minusSeconds(1));

        MfaException tooSoon = assertThrows(MfaException.class, () -> service.resend(flowId));
        assertEquals(ErrorCodes.RESEND_TOO_SOON, tooSoon.code());
        auth0.verify(1, postRequestedFor(urlEqualTo("/mfa/challenge")));

        clock.advance(Duration.ofSeconds(1));
        ChallengeSent again = service.resend(flowId);

        assertEquals(Factor.EMAIL, again.factor());
        auth0.verify(2, postRequestedFor(urlEqualTo("/mfa/challenge")).withRequestBody(
                containing("email|dev_e")));
        assertEquals(clock.instant(), service.flow(flowId).orElseThrow().challengeSentAt());
    }

    @Test
    void sec24WhenResendIsPressedTenTimesThenAtMostThreeMessagesAndNoneWithinTheCooldown() {
        stubTheUsersAuthenticators();
        String flowId = startFlow(null);
        auth0.stubFor(post("/mfa/challenge").willReturn(okJson(
                "{\"challenge_type\":\"oob\",\"oob_code\":\"OOB-1\",\"binding_method\":\"prompt\"}")));
        service.challenge(flowId, new MfaAuthenticator("sms|dev_3", Factor.SMS, "oob", null));
        List<String> refusals = new ArrayList<>();

        for (int press = 1; press <= 10; press++) {
            clock.advance(Duration.ofSeconds(press % 2 == 0 ? 31 : 1));
            try {
                service.resend(flowId);
            } catch (SendsLimitedException limited) {
                refusals.add(limited.code());
            }
        }

        auth0.verify(3, postRequestedFor(urlEqualTo("/mfa/challenge")));
        assertEquals(8, refusals.size());
        assertTrue(refusals.contains(ErrorCodes.RESEND_TOO_SOON), refusals.toString());
        assertTrue(refusals.contains(ErrorCodes.SEND_LIMIT_REACHED), refusals.toString());
        assertTrue(service.flow(flowId).isPresent(), "the codes already sent stay usable");
    }

    @Test
    void sec24WhenTenMessagesWithinAnHourAcrossFlowsAndEnrollmentsThenTheEleventhIsRefusedBeforeAuth0() {
        stubTheUsersAuthenticators();
        auth0.stubFor(post("/mfa/challenge").willReturn(okJson(
                "{\"challenge_type\":\"oob\",\"oob_code\":\"OOB-1\",\"binding_method\":\"prompt\"}")));
        auth0.stubFor(post("/mfa/associate").willReturn(okJson(
                "{\"authenticator_type\":\"oob\",\"oob_channel\":\"sms\",\"oob_code\":\"OOB-2\"}")));
        for (int flow = 0; flow < 5; flow++) {
            // Auth0 demands a phone enrollment besides: the user has authenticators, so only then may one enroll.
            String flowId = startFlow(enroll("phone"));
            service.challenge(flowId, new MfaAuthenticator("email|dev_e", Factor.EMAIL, "oob", null));
            service.enroll(flowId, EnrollmentRequest.sms("+4915123456789"));
            service.cancel(flowId);
            clock.advance(Duration.ofMinutes(5));
        }
        String flowId = startFlow(null);

        SendsLimitedException limited = assertThrows(SendsLimitedException.class,
                () -> service.challenge(flowId, new MfaAuthenticator("email|dev_e", Factor.EMAIL, "oob", null)));

        assertEquals(ErrorCodes.SEND_LIMIT_REACHED, limited.code());
        assertEquals(Duration.ofMinutes(35), limited.retryAfter().orElseThrow());
        auth0.verify(5, postRequestedFor(urlEqualTo("/mfa/challenge")));
        auth0.verify(5, postRequestedFor(urlEqualTo("/mfa/associate")));
    }

    @Test
    void sec24WhenAuth0RefusesAMessageThenItDoesNotCount() {
        stubTheUsersAuthenticators();
        String flowId = startFlow(null);
        auth0.stubFor(post("/mfa/challenge").willReturn(error(400, "invalid_request", "Phone number is invalid")));
        assertThrows(IdpException.class,
                () -> service.challenge(flowId, new MfaAuthenticator("sms|dev_3", Factor.SMS, "oob", null)));
        auth0.stubFor(post("/mfa/challenge").willReturn(okJson(
                "{\"challenge_type\":\"oob\",\"oob_code\":\"OOB-1\",\"binding_method\":\"prompt\"}")));

        assertEquals(Factor.SMS, service.challenge(flowId,
                new MfaAuthenticator("sms|dev_3", Factor.SMS, "oob", null)).factor(), "no cooldown after a refusal");
    }

    @Test
    void sec24WhenTheCircuitBreakerRefusesASendThenNothingWentOutAndNothingCounts() {
        stubTheUsersAuthenticators();
        stubToken(aResponse().withStatus(503).withBody("<html>down</html>"));
        String failing = startFlow(null);
        for (int call = 0; call < 5; call++) {
            assertThrows(IdpException.class, () -> service.verify(failing, new Verification.Otp("123456")));
        }
        String flowId = startFlow(null);
        MfaAuthenticator sms = new MfaAuthenticator("sms|dev_3", Factor.SMS, "oob", null);
        for (int press = 0; press < 3; press++) {
            assertTrue(assertThrows(IdpException.class, () -> service.challenge(flowId, sms)).isNotSent());
        }
        auth0.stubFor(post("/mfa/challenge").willReturn(okJson(
                "{\"challenge_type\":\"oob\",\"oob_code\":\"OOB-1\",\"binding_method\":\"prompt\"}")));
        clock.advance(Duration.ofSeconds(30));

        assertEquals(Factor.SMS, service.challenge(flowId, sms).factor(), "the flow still has its three messages");
        auth0.verify(1, postRequestedFor(urlEqualTo("/mfa/challenge")));
    }

    @Test
    void resendWhenNothingToResendThenNoChallenge() {
        String flowId = startFlow(null);
        service.challenge(flowId, new MfaAuthenticator("totp|dev_1", Factor.OTP, "otp", null));

        assertEquals(ErrorCodes.NO_CHALLENGE, assertThrows(MfaException.class, () -> service.resend(flowId)).code());
        auth0.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void verifyOutOfBandCodeWhenNothingChallengedThenNoChallenge() {
        String flowId = startFlow(null);

        MfaException e = assertThrows(MfaException.class,
                () -> service.verify(flowId, new Verification.OutOfBandCode("123456")));

        assertEquals(ErrorCodes.NO_CHALLENGE, e.code());
        auth0.verify(0, anyRequestedFor(anyUrl()));
    }

    // Push -------------------------------------------------------------------------------------------------------

    @Test
    void f24PushWhenPendingThenSlowDownThenApprovedThenPollsAtOurCadence() {
        stubTheUsersAuthenticators();
        // reference-tests J.14, design decision 7: 5 s, +5 s on slow_down, no call when polled too soon
        String flowId = startFlow(null);
        auth0.stubFor(post("/mfa/challenge").willReturn(okJson("{\"challenge_type\":\"oob\",\"oob_code\":\"OOB-PUSH\"}")));
        auth0.stubFor(post("/oauth/token").inScenario("push").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(error(400, "authorization_pending", "Authorization pending: please repeat the request in a few seconds."))
                .willSetStateTo("slow"));
        auth0.stubFor(post("/oauth/token").inScenario("push").whenScenarioStateIs("slow")
                .willReturn(error(400, "slow_down", "You are polling faster than allowed")).willSetStateTo("approved"));
        auth0.stubFor(post("/oauth/token").inScenario("push").whenScenarioStateIs("approved").willReturn(okJson(TOKEN_OK)));

        ChallengeSent sent = service.challenge(flowId, new MfaAuthenticator("push|dev_6", Factor.PUSH, "oob", "Pixel"));
        assertEquals(Duration.ofSeconds(5), sent.pollInterval());
        assertFalse(sent.bindingCodeRequired());

        VerifyResult first = service.verify(flowId, new Verification.PushApproval());
        assertEquals(new VerifyResult.Pending(Duration.ofSeconds(5), false), first);

        clock.advance(Duration.ofSeconds(2));
        VerifyResult tooSoon = service.verify(flowId, new Verification.PushApproval());
        assertEquals(new VerifyResult.Pending(Duration.ofSeconds(3), false), tooSoon);
        auth0.verify(1, postRequestedFor(urlEqualTo("/oauth/token")));

        clock.advance(Duration.ofSeconds(3));
        VerifyResult slowDown = service.verify(flowId, new Verification.PushApproval());
        assertEquals(new VerifyResult.Pending(Duration.ofSeconds(10), true), slowDown);

        clock.advance(Duration.ofSeconds(10));
        VerifyResult approved = service.verify(flowId, new Verification.PushApproval());
        assertEquals(Factor.PUSH, assertInstanceOf(VerifyResult.Verified.class, approved).factor());
        auth0.verify(3, postRequestedFor(urlEqualTo("/oauth/token")).withFormParam("oob_code", equalTo("OOB-PUSH")));
    }

    @Test
    void f24PushWhenDeniedThenInvalidGrantAndPollingStops() {
        stubTheUsersAuthenticators();
        // protocol §7: invalid_grant is final; another factor may still be tried
        String flowId = startFlow(null);
        auth0.stubFor(post("/mfa/challenge").willReturn(okJson("{\"challenge_type\":\"oob\",\"oob_code\":\"OOB-PUSH\"}")));
        stubToken(error(400, "invalid_grant", "MFA Authorization rejected."));
        service.challenge(flowId, new MfaAuthenticator("push|dev_6", Factor.PUSH, "oob", "Pixel"));

        IdpException denied = assertThrows(IdpException.class, () -> service.verify(flowId, new Verification.PushApproval()));

        assertEquals("invalid_grant", denied.code());
        MfaException again = assertThrows(MfaException.class, () -> service.verify(flowId, new Verification.PushApproval()));
        assertEquals(ErrorCodes.NO_CHALLENGE, again.code());
        assertTrue(service.flow(flowId).isPresent());
    }

    @Test
    void f24PushWhenPolledPastTtlThenExpired() {
        stubTheUsersAuthenticators();
        // reference-tests J.14: polling beyond the TTL
        String flowId = startFlow(null);
        auth0.stubFor(post("/mfa/challenge").willReturn(okJson("{\"challenge_type\":\"oob\",\"oob_code\":\"OOB-PUSH\"}")));
        service.challenge(flowId, new MfaAuthenticator("push|dev_6", Factor.PUSH, "oob", "Pixel"));
        clock.advance(config.contextTtl().plusSeconds(1));

        assertThrows(MfaTokenExpiredException.class, () -> service.verify(flowId, new Verification.PushApproval()));
    }

    // Verify -----------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"", "12345", "1234567", "12345a", "١٢٣٤٥٦", "１２３４５６", "123456\u0000", "123456\r\n",
            "-12345", "+12345", "12 34 5"})
    void sec28VerifyOtpWhenNotSixAsciiDigitsThenInvalidInputAndNothingSent(String code) {
        // SEC-28
        String flowId = startFlow(null);

        MfaException e = assertThrows(MfaException.class, () -> service.verify(flowId, new Verification.Otp(code)));

        assertEquals(ErrorCodes.INVALID_INPUT, e.code());
        assertFalse(e.getMessage().contains(code.isEmpty() ? "§" : code));
        auth0.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void verifyOtpWhenHugeInputThenInvalidInputAndNothingSent() {
        String flowId = startFlow(null);

        MfaException e = assertThrows(MfaException.class,
                () -> service.verify(flowId, new Verification.Otp("1".repeat(1_000_000))));

        assertEquals(ErrorCodes.INVALID_INPUT, e.code());
        auth0.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void verifyWhenCodeWrongThenInvalidGrantAndFlowKeptForAnotherTry() {
        // PY-MC-43, reference-tests J.11 (kept after a failed verify)
        String flowId = startFlow(null);
        stubToken(error(403, "invalid_grant", "Invalid otp_code."));

        IdpException e = assertThrows(IdpException.class, () -> service.verify(flowId, new Verification.Otp("000000")));

        assertEquals("invalid_grant", e.code());
        assertTrue(service.flow(flowId).isPresent());
        assertTrue(SessionContents.tokens(web.session()).valid(KEY, clock.instant(), Duration.ZERO).isEmpty());
        verify(completed, never()).fire(any());
    }

    @Test
    void verifyWhenTooManyAttemptsThenCodeAndRetryAfter() {
        // SEC-22
        String flowId = startFlow(null);
        stubToken(error(429, "too_many_attempts", "Rate limit exceeded").withHeader("Retry-After", "360"));

        IdpException e = assertThrows(IdpException.class, () -> service.verify(flowId, new Verification.Otp("123456")));

        assertEquals("too_many_attempts", e.code());
        assertEquals(Duration.ofSeconds(360), e.retryAfter().orElseThrow());
    }

    @Test
    void sec21WhenFiveWrongCodesInAFlowThenTheSixthEndsItWithoutAskingAuth0() {
        String flowId = startFlow(null);
        stubToken(error(403, "invalid_grant", "Invalid otp_code."));
        for (int attempt = 1; attempt <= 5; attempt++) {
            assertEquals("invalid_grant", assertThrows(IdpException.class,
                    () -> service.verify(flowId, new Verification.Otp("000000"))).code());
        }

        assertThrows(MfaTokenExpiredException.class, () -> service.verify(flowId, new Verification.Otp("123456")));

        assertTrue(service.flow(flowId).isEmpty(), "the flow is over after its fifth wrong code");
        auth0.verify(5, postRequestedFor(urlEqualTo("/oauth/token")));
    }

    @Test
    void sec21WhenTenWrongCodesAcrossFlowsThenEvenACorrectCodeIsRefusedLocallyUntilTheLockEnds() {
        stubToken(error(403, "invalid_grant", "Invalid otp_code."));
        for (int flow = 1; flow <= 2; flow++) {
            String flowId = startFlow(null);
            for (int attempt = 1; attempt <= 5; attempt++) {
                assertThrows(IdpException.class, () -> service.verify(flowId, new Verification.Otp("000000")));
            }
            service.cancel(flowId);
        }
        auth0.verify(10, postRequestedFor(urlEqualTo("/oauth/token")));
        stubToken(okJson(TOKEN_OK));
        String flowId = startFlow(null);

        AttemptsLockedException locked = assertThrows(AttemptsLockedException.class,
                () -> service.verify(flowId, new Verification.Otp("123456")));

        assertEquals(ErrorCodes.ATTEMPTS_LOCKED, locked.code());
        assertEquals(Duration.ofSeconds(30), locked.retryAfter());
        auth0.verify(10, postRequestedFor(urlEqualTo("/oauth/token")));
        assertTrue(service.flow(flowId).isPresent(), "a lock does not end the flow: the user waits and retries");

        clock.advance(Duration.ofSeconds(31));
        assertInstanceOf(VerifyResult.Verified.class, service.verify(flowId, new Verification.Otp("123456")));
    }

    @Test
    void sec21WhenAuth0CannotJudgeTheCodeThenTheAttemptDoesNotCount() {
        String flowId = startFlow(null);
        stubToken(aResponse().withStatus(503).withBody("<html>down</html>"));
        for (int attempt = 1; attempt <= 12; attempt++) {
            IdpException down = assertThrows(IdpException.class,
                    () -> service.verify(flowId, new Verification.Otp("123456")));
            assertTrue(down.isUnavailable());
        }
        stubToken(okJson(TOKEN_OK));
        // After five failures in a row the circuit breaker refused the other seven at once (SEC-35), for 30 s.
        auth0.verify(5, postRequestedFor(urlEqualTo("/oauth/token")));
        clock.advance(Duration.ofSeconds(30));

        assertInstanceOf(VerifyResult.Verified.class, service.verify(flowId, new Verification.Otp("123456")));
    }

    @Test
    void f6WhenTheAnswerToACodeIsLostThenTheCodeIsNotSentAgainAndCountsAsOneAttempt() {
        // F6 and SEC-34: the connection is reset after the grant was sent. Auth0 may have used the code up.
        String flowId = startFlow(null);
        stubToken(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        IdpException lost = assertThrows(IdpException.class,
                () -> service.verify(flowId, new Verification.Otp("123456")));
        auth0.verify(1, postRequestedFor(urlEqualTo("/oauth/token")));
        stubToken(error(403, "invalid_grant", "Invalid otp_code."));
        for (int wrong = 1; wrong < AttemptLimiter.FLOW_FAILURES; wrong++) {
            assertThrows(IdpException.class, () -> service.verify(flowId, new Verification.Otp("000000")));
        }
        stubToken(okJson(TOKEN_OK));

        assertTrue(lost.isOutcomeUnknown());
        assertEquals(ErrorCodes.IDP_UNAVAILABLE, lost.code(), "the pages show it as Auth0's fault, not a wrong code");
        assertThrows(MfaTokenExpiredException.class, () -> service.verify(flowId, new Verification.Otp("123456")),
                "the lost code and four wrong ones are the flow's five attempts");
        auth0.verify(AttemptLimiter.FLOW_FAILURES, postRequestedFor(urlEqualTo("/oauth/token")));
    }

    @Test
    void sec21WhenTheHundredthWrongCodeInARowThenTheSessionEndsAndTheUserSignsInAgain() {
        stubToken(error(403, "invalid_grant", "Invalid otp_code."));
        for (int attempt = 1; attempt < AttemptLimiter.HARD_CAP; attempt++) {
            String flowId = startFlow(null);
            assertEquals("invalid_grant", assertThrows(IdpException.class,
                    () -> service.verify(flowId, new Verification.Otp("000000"))).code());
            service.cancel(flowId);
            clock.advance(attempt < AttemptLimiter.USER_FAILURES ? Duration.ZERO : AttemptLimiter.lockFor(attempt));
        }
        assertFalse(web.invalidated());
        String flowId = startFlow(null);

        MfaException signedOut = assertThrows(MfaException.class,
                () -> service.verify(flowId, new Verification.Otp("000000")));

        assertEquals(ErrorCodes.TOO_MANY_FAILURES, signedOut.code());
        assertTrue(web.invalidated());
        auth0.verify(AttemptLimiter.HARD_CAP, postRequestedFor(urlEqualTo("/oauth/token")));
    }

    @Test
    void sec32WhenCodesAreWrongThenRightThenEachStepIsASecurityEventWithPseudonymsAndNoSecret() {
        String flowId = startFlow(null);
        List<String> events;
        try (LogCapture security = new LogCapture(SecurityLog.LOGGER_NAME)) {
            stubToken(error(403, "invalid_grant", "Invalid otp_code."));
            assertThrows(IdpException.class, () -> service.verify(flowId, new Verification.Otp("493817")));
            stubToken(okJson(TOKEN_OK));
            service.verify(flowId, new Verification.Otp("123456"));
            events = security.messages();
        }

        assertEquals(2, events.size(), events.toString());
        String user = SecurityLog.pseudonym(SUBJECT);
        assertTrue(events.get(0).startsWith("mfa.verify_failed user=" + user + " session=s-"), events.get(0));
        assertTrue(events.get(0).contains(" flow=" + flowId + " "), events.get(0));
        assertTrue(events.get(0).endsWith(" factor=otp reason=invalid_grant"), events.get(0));
        assertTrue(events.get(1).startsWith("mfa.verify_succeeded user=" + user), events.get(1));
        assertTrue(events.get(0).matches(".* correlation=c-[0-9a-f]{12} .*"), events.get(0));
        for (String event : events) {
            for (String secret : List.of(SUBJECT, "493817", "123456", RAW, "AT-CANARY-1", web.sessionId())) {
                assertFalse(event.contains(secret), event + " holds " + secret);
            }
        }
    }

    @Test
    void sec22WhenAuth0SaysTooManyAttemptsThenCodesAreRefusedLocallyForItsRetryAfter() {
        String flowId = startFlow(null);
        stubToken(error(429, "too_many_attempts", "Rate limit exceeded").withHeader("Retry-After", "120"));
        assertThrows(IdpException.class, () -> service.verify(flowId, new Verification.Otp("123456")));
        stubToken(okJson(TOKEN_OK));

        AttemptsLockedException locked = assertThrows(AttemptsLockedException.class,
                () -> service.verify(flowId, new Verification.Otp("123456")));

        assertEquals(Duration.ofSeconds(120), locked.retryAfter());
        auth0.verify(1, postRequestedFor(urlEqualTo("/oauth/token")));
        clock.advance(Duration.ofSeconds(121));
        assertInstanceOf(VerifyResult.Verified.class, service.verify(flowId, new Verification.Otp("123456")));
    }

    @Test
    void verifyWhenAuth0SaysTheMfaTokenExpiredThenFlowEndsAsExpired() {
        // PY-MC-39: a 401 whose body is read
        String flowId = startFlow(null);
        stubToken(error(401, "expired_token", "mfa_token is expired"));

        assertThrows(MfaTokenExpiredException.class, () -> service.verify(flowId, new Verification.Otp("123456")));

        assertTrue(service.flow(flowId).isEmpty());
    }

    @Test
    void verifyWhenAuth0SaysTheTextedCodeExpiredThenTheFlowStaysForANewCode() {
        // Auth0 answers an expired SMS or e-mail code with expired_token too ("Verification code has expired",
        // Auth0.Android's examples); the mfa_token is still good, and a new code is all the user needs.
        String flowId = startFlowForTheUsersPhone();
        challengeTheUsersPhone(flowId);
        stubToken(error(403, "expired_token", "Verification code has expired"));

        IdpException e = assertThrows(IdpException.class,
                () -> service.verify(flowId, new Verification.OutOfBandCode("111222")));

        assertEquals("expired_token", e.code());
        assertTrue(service.flow(flowId).isPresent(), "the flow stays open");
    }

    @Test
    void verifyWhenAuth0SaysTheMfaTokenIsMalformedThenFlowEndsAsInvalid() {
        // AJS-MC-29: invalid_grant is a wrong code, except for "Malformed mfa_token", which no code will pass
        String flowId = startFlow(null);
        stubToken(error(403, "invalid_grant", "Malformed mfa_token"));

        assertThrows(MfaTokenInvalidException.class, () -> service.verify(flowId, new Verification.Otp("123456")));

        assertTrue(service.flow(flowId).isEmpty());
    }

    @Test
    void verifyWhenTheCodeIsWrongThenTheFlowStaysOpen() {
        // the control of the test above: the same code with another description is a wrong code
        String flowId = startFlow(null);
        stubToken(error(403, "invalid_grant", "Invalid otp_code."));

        IdpException e = assertThrows(IdpException.class,
                () -> service.verify(flowId, new Verification.Otp("123456")));

        assertEquals("invalid_grant", e.code());
        assertTrue(service.flow(flowId).isPresent());
    }

    @Test
    void verifyRecoveryCodeWhenUsedThenNewCodeReturned() {
        // PY-MC-35, PY-MC-41, AJS-MC-25
        String flowId = startFlow(null);
        stubToken(okJson("""
                {"access_token":"AT-CANARY-1","token_type":"Bearer","expires_in":3600,"recovery_code":"NEWRECOVERYCODE0000000000"}"""));

        VerifyResult result = service.verify(flowId, new Verification.RecoveryCode("abcd-efgh-ijkl-mnop-qrst-uvwx"));

        assertEquals("NEWRECOVERYCODE0000000000", ((VerifyResult.Verified) result).recoveryCode().orElseThrow());
        auth0.verify(postRequestedFor(urlEqualTo("/oauth/token"))
                .withFormParam("recovery_code", equalTo("ABCDEFGHIJKLMNOPQRSTUVWX")));
    }

    @Test
    void sec28VerifyRecoveryCodeWhenMalformedThenInvalidInputAndNothingSent() {
        // SEC-28
        String flowId = startFlow(null);

        for (String code : List.of("ABCD-1234", "ÄBCDEFGHIJKLMNOPQRSTUVWX", "ABCDEFGH<script>IJKLMNOP")) {
            assertEquals(ErrorCodes.INVALID_INPUT, assertThrows(MfaException.class,
                    () -> service.verify(flowId, new Verification.RecoveryCode(code))).code());
        }
        auth0.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void f19VerifyWhenChainedMfaRequiredThenNewFlowWithOriginalAudienceAndScope() {
        // PY-MC-44, reference-tests J.13, design decision 6
        String flowId = startFlow(challenge("otp"));
        clock.advance(Duration.ofSeconds(42));
        stubToken(aResponse().withStatus(403).withHeader("Content-Type", "application/json").withBody("""
                {"error":"mfa_required","error_description":"Additional factor required","mfa_token":"new_raw_mfa_token",
                 "mfa_requirements":{"challenge":[{"type":"phone"}]}}"""));

        VerifyResult result = service.verify(flowId, new Verification.Otp("123456"));

        StepUpFlow next = assertInstanceOf(VerifyResult.AnotherFactorRequired.class, result).next();
        assertNotEquals(flowId, next.flowId());
        assertTrue(service.flow(flowId).isEmpty());
        assertEquals("phone", next.requirements().challenge().get(0));
        StepUpContext context = flows.open(web.session(), next.flowId(), SUBJECT, TestConfigs.DOMAIN).context();
        assertEquals("new_raw_mfa_token", context.mfaToken());
        assertEquals(AUDIENCE, context.audience());
        assertEquals("read:reports", context.scope());
        assertEquals(clock.instant().getEpochSecond(), context.createdAt());
        verify(started).fire(any(StepUpStarted.class));
        verify(completed, never()).fire(any());
        assertThrows(MfaTokenInvalidException.class, () -> service.verify(flowId, new Verification.Otp("123456")));
    }

    @Test
    void verifyWhenReturnToRememberedThenChainedFlowKeepsItAndVerifiedNamesIt() {
        // each flow keeps the page that asked for it, through chained MFA (SEC-12)
        String flowId = startFlow(null);
        PendingStepUp.ReturnTo reports = new PendingStepUp.ReturnTo("/reports?id=7", false);
        assertTrue(flows.rememberReturnTo(web.session(), flowId, reports));
        auth0.stubFor(post("/oauth/token").inScenario("chain").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"mfa_required\",\"mfa_token\":\"second\"}"))
                .willSetStateTo("second"));
        auth0.stubFor(post("/oauth/token").inScenario("chain").whenScenarioStateIs("second").willReturn(okJson(TOKEN_OK)));

        StepUpFlow next = ((VerifyResult.AnotherFactorRequired) service.verify(flowId, new Verification.Otp("123456"))).next();
        assertEquals(reports, next.returnTo());
        assertEquals(reports, service.flow(next.flowId()).orElseThrow().returnTo());
        VerifyResult.Verified verified = (VerifyResult.Verified) service.verify(next.flowId(), new Verification.Otp("654321"));

        assertEquals(reports, verified.returnTo());
        assertEquals(clock.instant(), SessionContents.tokens(web.session()).lastStepUp(KEY).orElseThrow());
        assertFalse(flows.rememberReturnTo(web.session(), next.flowId(), reports));
    }

    @Test
    void sec11WhenTheIdTokenNamesAnotherUserThenSessionEndedAndEventLogged() {
        // design decision 5, SEC-11 test 1, F12, SJS-MC-26 (where SJS wipes the session, we refuse it)
        stubTenantKeys(TENANT_KEY);

        assertSessionEnded(idToken("auth0|mallory"), "another_user");
    }

    @Test
    void sec11WhenTheSignatureIsWrongThenSessionEndedAndEventLogged() throws Exception {
        // SEC-11 test 2: signed by a key that is not the tenant's, under the tenant's key id
        stubTenantKeys(TENANT_KEY);
        RSAKey forger = new RSAKeyGenerator(2048).keyID(TENANT_KEY.getKeyID()).generate();

        assertSessionEnded(signed(forger, JWSAlgorithm.RS256, claims(SUBJECT)), "bad_signature");
    }

    @Test
    void sec11WhenTheClaimsWereChangedAfterSigningThenSessionEndedAndEventLogged() {
        stubTenantKeys(TENANT_KEY);
        String[] parts = idToken("auth0|mallory").split("\\.");
        String alice = Base64.getUrlEncoder().withoutPadding().encodeToString(claims(SUBJECT).toString()
                .getBytes(StandardCharsets.UTF_8));

        assertSessionEnded(parts[0] + "." + alice + "." + parts[2], "bad_signature");
    }

    @Test
    void sec11WhenAlgIsNoneThenSessionEndedAndEventLogged() {
        // SEC-11 test 2: alg=none
        stubTenantKeys(TENANT_KEY);

        assertSessionEnded(unsignedIdToken(SUBJECT), "not_signed");
    }

    @Test
    void sec11WhenSignedWithHs256ThenSessionEndedAndEventLogged() throws Exception {
        // An HMAC token proves only knowledge of a shared secret, such as the client secret: never accepted.
        stubTenantKeys(TENANT_KEY);
        SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(TENANT_KEY.getKeyID()).build(),
                claims(SUBJECT));
        hmac.sign(new MACSigner((TestConfigs.CLIENT_SECRET + TestConfigs.SECRET).getBytes(StandardCharsets.UTF_8)));

        assertSessionEnded(hmac.serialize(), "algorithm_refused");
    }

    @Test
    void sec11WhenTheIdTokenHasExpiredThenSessionEndedAndEventLogged() {
        // SEC-11 test 2: expired (beyond the minute of clock skew)
        stubTenantKeys(TENANT_KEY);

        assertSessionEnded(idToken(SUBJECT, auth0.baseUrl() + "/", TestConfigs.CLIENT_ID,
                clock.instant().minusSeconds(120)), "expired");
    }

    @Test
    void sec11WhenTheAudienceIsAnotherClientThenSessionEndedAndEventLogged() {
        // SEC-11 test 2: wrong aud
        stubTenantKeys(TENANT_KEY);

        assertSessionEnded(idToken(SUBJECT, auth0.baseUrl() + "/", "another-client",
                clock.instant().plusSeconds(600)), "wrong_audience");
    }

    @Test
    void sec11WhenTheIssuerIsAnotherTenantThenSessionEndedAndEventLogged() {
        stubTenantKeys(TENANT_KEY);

        assertSessionEnded(idToken(SUBJECT, "https://evil.example.com/", TestConfigs.CLIENT_ID,
                clock.instant().plusSeconds(600)), "wrong_issuer");
    }

    @Test
    void sec11WhenTheKeyIsNotInTheTenantsKeySetThenSessionEndedAndEventLogged() throws Exception {
        stubTenantKeys(TENANT_KEY);
        RSAKey unknown = new RSAKeyGenerator(2048).keyID("not-the-tenants").generate();

        assertSessionEnded(signed(unknown, JWSAlgorithm.RS256, claims(SUBJECT)), "unknown_key");
        auth0.verify(1, getRequestedFor(urlEqualTo(JWKS_PATH)));
    }

    @Test
    void sec11WhenTheKeyRotatedThenRefetchedOnceAndVerified() {
        stubTenantKeys(TENANT_KEY);
        String first = startFlow(null);
        stubToken(okJson(withIdToken(idToken(SUBJECT))));
        assertInstanceOf(VerifyResult.Verified.class, service.verify(first, new Verification.Otp("123456")));
        // Auth0 publishes its next key, then signs with it.
        stubTenantKeys(TENANT_KEY, NEXT_KEY);
        clock.advance(IssuerKeys.MIN_REFETCH);
        String second = startFlow(null);
        stubToken(okJson(withIdToken(signed(NEXT_KEY, JWSAlgorithm.RS256, claims(SUBJECT)))));

        assertInstanceOf(VerifyResult.Verified.class, service.verify(second, new Verification.Otp("123456")));

        auth0.verify(2, getRequestedFor(urlEqualTo(JWKS_PATH)));
        assertFalse(web.invalidated());
    }

    @Test
    void sec11WhenJwksUnavailableThenAuth0UnavailableAndSessionNotInvalidated() {
        // Auth0 answered the grant but its keys cannot be fetched: nothing is known about the user, nothing kept.
        auth0.stubFor(get(JWKS_PATH).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "text/html").withBody("<h1>down</h1>")));
        String flowId = startFlow(null);
        stubToken(okJson(withIdToken(idToken(SUBJECT))));
        String sessionId = web.sessionId();
        List<String> events;
        IdpException e;
        try (LogCapture security = new LogCapture(SecurityLog.LOGGER_NAME)) {
            e = assertThrows(IdpException.class, () -> service.verify(flowId, new Verification.Otp("123456")));
            events = security.messages();
        }

        assertEquals(ErrorCodes.IDP_UNAVAILABLE, e.code());
        assertTrue(e.isUnavailable());
        assertFalse(web.invalidated());
        assertEquals(sessionId, web.sessionId());
        assertTrue(SessionContents.tokens(web.session()).valid(KEY, clock.instant(), Duration.ZERO).isEmpty());
        verify(completed, never()).fire(any());
        assertEquals(1, events.size(), events.toString());
        assertTrue(events.get(0).startsWith("mfa.idp_error "), events.get(0));
        assertTrue(events.get(0).endsWith(" reason=idp_unavailable"), events.get(0));
    }

    @Test
    void sec11WhenTheIdTokenExpiredWithinTheClockSkewThenVerified() {
        stubTenantKeys(TENANT_KEY);
        String flowId = startFlow(null);
        stubToken(okJson(withIdToken(idToken(SUBJECT, auth0.baseUrl(), TestConfigs.CLIENT_ID,
                clock.instant().minusSeconds(30)))));

        assertInstanceOf(VerifyResult.Verified.class, service.verify(flowId, new Verification.Otp("123456")));
    }

    @Test
    void sec11WhenTheIdTokenIsTheTenantsForTheSameUserThenVerified() {
        // SJS-MC-23 and the matching case of SEC-11
        stubTenantKeys(TENANT_KEY);
        String flowId = startFlow(null);
        stubToken(okJson(withIdToken(idToken(SUBJECT))));

        assertInstanceOf(VerifyResult.Verified.class, service.verify(flowId, new Verification.Otp("123456")));
        assertFalse(web.invalidated());
        assertTrue(SessionContents.tokens(web.session()).valid(KEY, clock.instant(), Duration.ZERO).isPresent());
        auth0.verify(1, getRequestedFor(urlEqualTo(JWKS_PATH)));
    }

    @Test
    void sec11WhenSignedWithPs256ThenVerified() {
        stubTenantKeys(TENANT_KEY);
        String flowId = startFlow(null);
        stubToken(okJson(withIdToken(signed(TENANT_KEY, JWSAlgorithm.PS256, claims(SUBJECT)))));

        assertInstanceOf(VerifyResult.Verified.class, service.verify(flowId, new Verification.Otp("123456")));
    }

    @Test
    void verifyWhenIdTokenMalformedThenBadResponseAndNothingStored() {
        // AJS-MC-32, SJS-MC-24: not a token at all is a protocol fault, not an identity
        String flowId = startFlow(null);
        stubToken(okJson("{\"access_token\":\"AT-CANARY-1\",\"token_type\":\"Bearer\",\"expires_in\":3600,"
                + "\"id_token\":\"this.is.not.a.valid.jwt\"}"));

        IdpException e = assertThrows(IdpException.class, () -> service.verify(flowId, new Verification.Otp("123456")));

        assertEquals(ErrorCodes.IDP_BAD_RESPONSE, e.code());
        assertTrue(SessionContents.tokens(web.session()).valid(KEY, clock.instant(), Duration.ZERO).isEmpty());
        assertFalse(web.invalidated());
        auth0.verify(0, getRequestedFor(urlEqualTo(JWKS_PATH)));
    }

    /**
     * SEC-11's outcome for an ID token that fails a check: the step fails with {@code identity_mismatch}, the
     * session is invalidated without a new id, nothing is stored, and one {@code mfa.identity_mismatch} is logged.
     */
    private void assertSessionEnded(String idToken, String reason) {
        String flowId = startFlow(null);
        stubToken(okJson(withIdToken(idToken)));
        String sessionId = web.sessionId();
        List<String> events;
        MfaException e;
        try (LogCapture security = new LogCapture(SecurityLog.LOGGER_NAME)) {
            e = assertThrows(MfaException.class, () -> service.verify(flowId, new Verification.Otp("123456")));
            events = security.messages();
        }

        assertEquals(ErrorCodes.IDENTITY_MISMATCH, e.code());
        assertTrue(web.invalidated());
        assertEquals(sessionId, web.sessionId(), "no new session id");
        assertTrue(web.attributes().isEmpty(), "nothing kept: " + web.attributes().keySet());
        verify(completed, never()).fire(any());
        assertEquals(1, events.size(), events.toString());
        assertTrue(events.get(0).startsWith("mfa.identity_mismatch user=" + SecurityLog.pseudonym(SUBJECT)
                + " session=s-"), events.get(0));
        assertTrue(events.get(0).contains(" flow=" + flowId + " "), events.get(0));
        assertTrue(events.get(0).endsWith(" reason=" + reason + " action=session_invalidated"), events.get(0));
        assertFalse(events.get(0).contains(idToken), events.get(0));
    }

    @Test
    void sec10VerifyWhenOtherAudiencesCachedThenOnlyThisAudienceAndScopeReplaced() {
        // PY-MC-46, PY-MC-47, SJS-MC-16, reference-tests J.12
        SessionTokenStore store = new SessionTokenStore();
        TokenKey other = new TokenKey("https://other.example.com", null);
        store.cache(web.session(), other, new CachedAccessToken("OTHER-AT", clock.instant().plusSeconds(600), ""),
                null);
        store.cache(web.session(), KEY, new CachedAccessToken("OLD-AT", clock.instant().plusSeconds(600), ""), null);
        SessionTokens tokens = SessionContents.tokens(web.session());
        String flowId = startFlow(null);
        stubToken(okJson(TOKEN_OK));

        service.verify(flowId, new Verification.Otp("123456"));

        assertEquals("AT-CANARY-1", tokens.valid(KEY, clock.instant(), Duration.ZERO).orElseThrow().value());
        assertEquals("OTHER-AT", tokens.valid(other, clock.instant(), Duration.ZERO).orElseThrow().value());
    }

    @Test
    void f26VerifyWhenTwoRequestsVerifyTheSameFlowAtOnceThenOneGrantIsSent() throws Exception {
        // SEC-12, F26: of two verify submissions exactly one reaches Auth0
        String flowId = startFlow(null);
        stubToken(okJson(TOKEN_OK).withFixedDelay(300));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        Callable<VerifyResult> submit = () -> {
            go.await();
            return service.verify(flowId, new Verification.Otp("123456"));
        };
        try {
            List<Future<VerifyResult>> results = new ArrayList<>(List.of(pool.submit(submit), pool.submit(submit)));
            go.countDown();
            List<Class<?>> kinds = new ArrayList<>();
            for (Future<VerifyResult> result : results) {
                kinds.add(result.get().getClass());
            }

            assertTrue(kinds.contains(VerifyResult.Verified.class), kinds.toString());
            assertTrue(kinds.contains(VerifyResult.AlreadyVerified.class), kinds.toString());
            auth0.verify(1, postRequestedFor(urlEqualTo("/oauth/token")));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void sec12WhenTwoTabsVerifyAtOnceThenOneGrantAndEachTabBackOnItsOwnPage() throws Exception {
        // Tab A started the flow on /reports; tab B joined it from /admin?id=7. Both submit a code at once.
        String flowId = startFlow(null);
        flows.rememberReturnTo(web.session(), flowId, new ReturnTo("/reports", false));
        String entryId = flows.join(web.session(), flowId, new ReturnTo("/admin?id=7", false)).orElseThrow();
        stubToken(okJson(TOKEN_OK).withFixedDelay(300));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        try {
            Future<VerifyResult> tabA = pool.submit(() -> {
                go.await();
                return service.verify(flowId, new Verification.Otp("123456"));
            });
            Future<VerifyResult> tabB = pool.submit(() -> {
                go.await();
                return service.verify(entryId, new Verification.Otp("654321"));
            });
            go.countDown();

            assertEquals("/reports", returnPathOf(tabA.get()));
            assertEquals("/admin?id=7", returnPathOf(tabB.get()));
            auth0.verify(1, postRequestedFor(urlEqualTo("/oauth/token")));
            assertTrue(SessionContents.flows(web.session()).isEmpty());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void sec12WhenTheOtherTabSubmitsAfterTheFlowCompletedThenBackOnItsPageWithoutAskingAuth0() {
        String flowId = startFlow(null);
        flows.rememberReturnTo(web.session(), flowId, new ReturnTo("/reports", false));
        String entryId = flows.join(web.session(), flowId, new ReturnTo("/admin?id=7", false)).orElseThrow();
        stubToken(okJson(TOKEN_OK));

        VerifyResult first = service.verify(entryId, new Verification.Otp("123456"));
        VerifyResult late = service.verify(flowId, new Verification.Otp("654321"));

        assertInstanceOf(VerifyResult.Verified.class, first);
        assertEquals("/admin?id=7", returnPathOf(first));
        VerifyResult.AlreadyVerified already = assertInstanceOf(VerifyResult.AlreadyVerified.class, late);
        assertEquals(new ReturnTo("/reports", false), already.returnTo());
        assertEquals(Optional.of(already), service.alreadyVerified(flowId));
        auth0.verify(1, postRequestedFor(urlEqualTo("/oauth/token")));
    }

    @Test
    void sec12AnEntryShowsTheFlowUnderItsOwnIdAndSharesItsWrongCodeCount() {
        String flowId = startFlow(null);
        String entryId = flows.join(web.session(), flowId, new ReturnTo("/admin", false)).orElseThrow();
        stubToken(error(403, "invalid_grant", "Invalid otp_code."));

        assertEquals(entryId, service.flow(entryId).orElseThrow().flowId());
        assertEquals(new ReturnTo("/admin", false), service.flow(entryId).orElseThrow().returnTo());
        for (int attempt = 1; attempt <= 5; attempt++) {
            String id = attempt % 2 == 0 ? entryId : flowId;
            assertThrows(IdpException.class, () -> service.verify(id, new Verification.Otp("000000")));
        }

        // Five wrong codes in the flow, whichever tab sent them: the sixth ends it, in both tabs.
        assertThrows(MfaTokenExpiredException.class, () -> service.verify(entryId, new Verification.Otp("000000")));
        assertTrue(service.flow(flowId).isEmpty());
        assertTrue(service.flow(entryId).isEmpty());
        assertTrue(service.alreadyVerified(entryId).isEmpty(), "ended, not completed");
        auth0.verify(5, postRequestedFor(urlEqualTo("/oauth/token")));
    }

    @Test
    void sec12WhenNothingCompletedThenNotAlreadyVerified() {
        String flowId = startFlow(null);

        assertTrue(service.alreadyVerified(flowId).isEmpty());
        assertTrue(service.alreadyVerified("AAAAAAAAAAAAAAAAAAAAAA").isEmpty());
        assertThrows(MfaTokenInvalidException.class,
                () -> service.verify("AAAAAAAAAAAAAAAAAAAAAA", new Verification.Otp("123456")));
    }

    private static String returnPathOf(VerifyResult result) {
        if (result instanceof VerifyResult.Verified verified) {
            return verified.returnTo().path();
        }
        return assertInstanceOf(VerifyResult.AlreadyVerified.class, result).returnTo().path();
    }

    @Test
    void verifyWhenAuth0UnavailableThenIdpUnavailableAndFlowKept() {
        // F9, F10: a server fault says nothing about the code; the user can try again
        String flowId = startFlow(null);
        stubToken(aResponse().withStatus(503).withHeader("Content-Type", "text/html").withBody("<h1>down</h1>"));

        IdpException e = assertThrows(IdpException.class, () -> service.verify(flowId, new Verification.Otp("123456")));

        assertTrue(e.isUnavailable());
        assertTrue(service.flow(flowId).isPresent());
    }

    // Delete -----------------------------------------------------------------------------------------------------

    @Test
    void deleteAuthenticatorWhenAllowedThenDeleteSentWithEncodedId() {
        // AJS-MC-12, reference-tests J.16
        String flowId = startFlow(null);
        auth0.stubFor(delete("/mfa/authenticators/totp%7Cdev_1").willReturn(aResponse().withStatus(204)));

        service.deleteAuthenticator(flowId, "totp|dev_1");

        auth0.verify(1, anyRequestedFor(urlEqualTo("/mfa/authenticators/totp%7Cdev_1")));
    }

    @Test
    void deleteAuthenticatorWhenAuth0RefusesThenIdpException() {
        // AJS-MC-13
        String flowId = startFlow(null);
        auth0.stubFor(delete(urlEqualTo("/mfa/authenticators/nope")).willReturn(
                error(404, "invalid_authenticator", "Authenticator not found")));

        IdpException e = assertThrows(IdpException.class, () -> service.deleteAuthenticator(flowId, "nope"));

        assertEquals("invalid_authenticator", e.code());
        assertNull(e.retryAfter().orElse(null));
    }

    /** The path of the tenant's key set. */
    private static final String JWKS_PATH = "/.well-known/jwks.json";
    /** The stub tenant's signing key, and the next one it rotates to. */
    private static final RSAKey TENANT_KEY = rsaKey("tenant-key-1");
    private static final RSAKey NEXT_KEY = rsaKey("tenant-key-2");

    private static RSAKey rsaKey(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The stub tenant publishes these keys (their public parts) at its JWKS. */
    private static void stubTenantKeys(RSAKey... keys) {
        auth0.stubFor(get(JWKS_PATH).willReturn(okJson(new JWKSet(List.<JWK>of(keys)).toString())));
    }

    /** An ID token as Auth0 would send it for this test's tenant and client, for a user, signed RS256. */
    private String idToken(String sub) {
        return signed(TENANT_KEY, JWSAlgorithm.RS256, claims(sub));
    }

    private static String idToken(String sub, String issuer, String audience, Instant expires) {
        return signed(TENANT_KEY, JWSAlgorithm.RS256, claims(sub, issuer, audience, expires));
    }

    /** The claims Auth0 would send for this test's tenant and client, for a user, valid for 10 hours. */
    private JWTClaimsSet claims(String sub) {
        return claims(sub, auth0.baseUrl() + "/", TestConfigs.CLIENT_ID, clock.instant().plus(Duration.ofHours(10)));
    }

    private static JWTClaimsSet claims(String sub, String issuer, String audience, Instant expires) {
        return new JWTClaimsSet.Builder().subject(sub).issuer(issuer).audience(audience)
                .expirationTime(Date.from(expires)).build();
    }

    private static String signed(RSAKey key, JWSAlgorithm algorithm, JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    /** The same claims with {@code alg=none} and no signature. */
    private String unsignedIdToken(String sub) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims(sub).toString().getBytes(StandardCharsets.UTF_8)) + ".";
    }

    private static String withIdToken(String idToken) {
        return "{\"access_token\":\"AT-CANARY-1\",\"token_type\":\"Bearer\",\"expires_in\":3600,\"id_token\":\""
                + idToken + "\"}";
    }
}
