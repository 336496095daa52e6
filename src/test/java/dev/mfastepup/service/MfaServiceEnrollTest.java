package dev.mfastepup.service;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.mfastepup.Auth0Stubs;
import dev.mfastepup.ErrorCodes;
import dev.mfastepup.Factor;
import dev.mfastepup.MfaException;
import dev.mfastepup.StepUpRequirements;
import dev.mfastepup.TestRequests;
import dev.mfastepup.client.IdpException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Which factors a flow may enroll and challenge for each shape of Auth0's requirements, what an enrollment asks
 * the user for, and that an answer for another factor than the one enrolled is refused.
 */
class MfaServiceEnrollTest {

    @RegisterExtension
    static WireMockExtension auth0 = Auth0Stubs.server();

    private static final Set<Factor> ENROLLABLE = EnumSet.of(Factor.OTP, Factor.SMS, Factor.VOICE, Factor.EMAIL,
            Factor.PUSH);
    private static final String OTP_ENROLLING = """
            {"authenticator_type":"otp","secret":"JBSWY3DPEHPK3PXP","barcode_uri":"otpauth://totp/x"}""";

    private final ServiceFixture fixture = new ServiceFixture(auth0.baseUrl(), TestRequests.withSession());
    private final MfaService service = fixture.service;

    @AfterEach
    void close() {
        fixture.close();
    }

    private static void theUserHas(String authenticatorsJson) {
        auth0.stubFor(get("/mfa/authenticators").willReturn(okJson(authenticatorsJson)));
    }

    private static void associateAnswers(String json) {
        auth0.stubFor(post("/mfa/associate").willReturn(okJson(json)));
    }

    @Test
    void requirementsWithoutAnEnrollListOrWithAnEmptyOneAllowEveryFactorTheApiCanEnroll() {
        theUserHas("[]");
        StepUpRequirements challengeOnly = ServiceFixture.challenge("otp");
        StepUpRequirements emptyEnroll = new StepUpRequirements(List.of(), null);

        assertEquals(ENROLLABLE, service.enrollableFactors(fixture.startFlow(challengeOnly)));
        assertEquals(ENROLLABLE, service.enrollableFactors(fixture.startFlow(emptyEnroll)));
        assertEquals(ENROLLABLE, service.enrollableFactors(fixture.startFlow(null)));
    }

    @Test
    void requirementsWithoutAChallengeListOrWithAnEmptyOneLetEveryActiveAuthenticatorBeListed() {
        theUserHas("""
                [{"id":"totp|dev_1","authenticator_type":"otp","active":true},
                 {"id":"sms|dev_3","authenticator_type":"oob","oob_channel":"sms","active":true}]""");
        StepUpRequirements enrollOnly = ServiceFixture.enroll("otp");
        StepUpRequirements emptyChallenge = new StepUpRequirements(null, List.of());

        for (StepUpRequirements requirements : List.of(enrollOnly, emptyChallenge)) {
            assertEquals(List.of(Factor.OTP, Factor.SMS), service.listAuthenticators(fixture.startFlow(requirements))
                    .stream().map(MfaAuthenticator::factor).toList(), requirements.toString());
        }
    }

    @Test
    void aFactorTheRequirementsDoNotAllowIsRefusedNamingTheOnesTheyDo() {
        String flowId = fixture.startFlow(new StepUpRequirements(List.of("otp", "email"), null));

        MfaException refused = assertThrows(MfaException.class,
                () -> service.enroll(flowId, EnrollmentRequest.sms("+4915123456789")));

        assertEquals(ErrorCodes.UNSUPPORTED_FACTOR, refused.code());
        assertTrue(refused.getMessage().endsWith("Supported types: otp, email"), refused.getMessage());
        auth0.verify(0, postRequestedFor(urlEqualTo("/mfa/associate")));
    }

    @Test
    void aUserWhoseOnlyAuthenticatorIsASecurityKeyIsOfferedNoWeakerFactorAndNothingIsSent() {
        // Auth0 lets an mfa_token enroll only a user with no active authenticator ("User is already enrolled"),
        // and a security key is one, though the MFA API cannot challenge it.
        theUserHas("""
                [{"id":"recovery-code|dev_5","authenticator_type":"recovery-code","active":true},
                 {"id":"webauthn|dev_4","authenticator_type":"webauthn-roaming","active":true}]""");
        associateAnswers(OTP_ENROLLING);
        String flowId = fixture.startFlow(null);

        assertEquals(Set.of(), service.enrollableFactors(flowId));
        MfaException refused = assertThrows(MfaException.class, () -> service.enroll(flowId, EnrollmentRequest.otp()));

        assertEquals(ErrorCodes.ENROLLMENT_NOT_ALLOWED, refused.code());
        auth0.verify(0, postRequestedFor(urlEqualTo("/mfa/associate")));
    }

    @Test
    void aUserWithAnUnconfirmedEnrollmentOnlyMayEnroll() {
        theUserHas("[{\"id\":\"totp|dev_1\",\"authenticator_type\":\"otp\",\"active\":false}]");
        associateAnswers(OTP_ENROLLING);
        String flowId = fixture.startFlow(null);

        assertEquals(ENROLLABLE, service.enrollableFactors(flowId));
        assertEquals(Factor.OTP, service.enroll(flowId, EnrollmentRequest.otp()).factor());
    }

    @Test
    void whenAuth0AsksForAnEnrollmentAUserWithAnotherFactorMayEnrollWhatItAsksFor() {
        theUserHas("[{\"id\":\"sms|dev_2\",\"authenticator_type\":\"oob\",\"oob_channel\":\"sms\",\"active\":true}]");
        associateAnswers(OTP_ENROLLING);
        String flowId = fixture.startFlow(ServiceFixture.enroll("otp"));

        assertEquals(Set.of(Factor.OTP), service.enrollableFactors(flowId));
        assertEquals(Factor.OTP, service.enroll(flowId, EnrollmentRequest.otp()).factor());
    }

    @Test
    void auth0sAlreadyEnrolledAnswerIsTheSameRefusalAndKeepsTheFlow() {
        theUserHas("[]");
        auth0.stubFor(post("/mfa/associate").willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                .withStatus(403).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"access_denied\",\"error_description\":\"User is already enrolled.\"}")));
        String flowId = fixture.startFlow(null);

        MfaException refused = assertThrows(MfaException.class, () -> service.enroll(flowId, EnrollmentRequest.otp()));

        assertEquals(ErrorCodes.ENROLLMENT_NOT_ALLOWED, refused.code());
        assertTrue(service.flow(flowId).isPresent());
    }

    @Test
    void anotherRefusalOfAnEnrollmentIsAuth0sAnswerAsItIs() {
        theUserHas("[]");
        auth0.stubFor(post("/mfa/associate").willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                .withStatus(403).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"access_denied\",\"error_description\":\"Enrollment is disabled.\"}")));

        IdpException refused = assertThrows(IdpException.class,
                () -> service.enroll(fixture.startFlow(null), EnrollmentRequest.otp()));

        assertEquals("access_denied", refused.code());
    }

    @Test
    void aUserWithAnAppMayNotEnrollAnotherFactorWhenAuth0AsksForAChallenge() {
        theUserHas("[{\"id\":\"totp|dev_1\",\"authenticator_type\":\"otp\",\"active\":true}]");

        assertEquals(ErrorCodes.ENROLLMENT_NOT_ALLOWED, assertThrows(MfaException.class,
                () -> service.enroll(fixture.startFlow(null), EnrollmentRequest.otp())).code());
    }

    @Test
    void anAnswerForAnotherFactorThanTheOneEnrolledIsABadResponse() {
        associateAnswers("{\"authenticator_type\":\"oob\",\"oob_channel\":\"sms\",\"oob_code\":\"OOB-1\"}");
        assertBadResponse(EnrollmentRequest.otp(), "otp");

        associateAnswers(OTP_ENROLLING);
        assertBadResponse(EnrollmentRequest.sms("+4915123456789"), "phone");

        associateAnswers("{\"authenticator_type\":\"oob\",\"oob_channel\":\"email\",\"oob_code\":\"OOB-2\"}");
        assertBadResponse(EnrollmentRequest.sms("+4915123456789"), "phone");
    }

    private void assertBadResponse(EnrollmentRequest request, String requirement) {
        String flowId = fixture.startFlow(ServiceFixture.enroll(requirement));
        IdpException bad = assertThrows(IdpException.class, () -> service.enroll(flowId, request));
        assertEquals(ErrorCodes.IDP_BAD_RESPONSE, bad.code());
        assertFalse(service.flow(flowId).orElseThrow().pending().isPresent(), "nothing recorded as enrolling");
    }

    @Test
    void anSmsEnrollmentAsksForTheCodeAndAPushOnlyWhenAuth0AsksForABindingCode() {
        associateAnswers("{\"authenticator_type\":\"oob\",\"oob_channel\":\"sms\",\"oob_code\":\"OOB-1\"}");
        assertTrue(service.enroll(fixture.startFlow(ServiceFixture.enroll("phone")),
                EnrollmentRequest.sms("+4915123456789")).bindingCodeRequired());

        associateAnswers("""
                {"authenticator_type":"oob","oob_channel":"auth0","oob_code":"OOB-2","barcode_uri":"otpauth://x"}""");
        String push = fixture.startFlow(ServiceFixture.enroll("push-notification"));
        assertFalse(service.enroll(push, EnrollmentRequest.push()).bindingCodeRequired());
        assertFalse(service.flow(push).orElseThrow().bindingCodeRequired());

        associateAnswers("""
                {"authenticator_type":"oob","oob_channel":"auth0","oob_code":"OOB-3","binding_method":"prompt"}""");
        assertTrue(service.enroll(fixture.startFlow(ServiceFixture.enroll("push-notification")),
                EnrollmentRequest.push()).bindingCodeRequired());
    }

    @Test
    void anEmptyListOfRecoveryCodesIsNoRecoveryCode() {
        associateAnswers("""
                {"authenticator_type":"otp","secret":"JBSWY3DPEHPK3PXP","barcode_uri":"otpauth://totp/x",
                 "recovery_codes":[]}""");

        Enrollment enrollment = service.enroll(fixture.startFlow(ServiceFixture.enroll("otp")),
                EnrollmentRequest.otp());

        assertEquals(List.of(), enrollment.recoveryCodes());
    }
}
