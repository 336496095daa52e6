package dev.mfastepup.service;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static dev.mfastepup.Auth0Stubs.error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.mfastepup.Auth0Stubs;
import dev.mfastepup.ErrorCodes;
import dev.mfastepup.Factor;
import dev.mfastepup.SendsLimitedException;
import dev.mfastepup.TestRequests;
import dev.mfastepup.client.IdpException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a challenge or an enrollment that sends a message counts: a message Auth0 refused with an answer is taken
 * back, one that may have gone out (a server fault, a lost answer) stays counted; a resend is a message to the
 * place the flow waits for, within 30 s of the last one.
 */
class MfaServiceSendsTest {

    @RegisterExtension
    static WireMockExtension auth0 = Auth0Stubs.server();

    private static final MfaAuthenticator SMS = new MfaAuthenticator("sms|dev_3", Factor.SMS, "oob", null);
    private static final MfaAuthenticator PUSH = new MfaAuthenticator("push|dev_6", Factor.PUSH, "oob", null);
    private static final ResponseDefinitionBuilder SMS_SENT = okJson(
            "{\"challenge_type\":\"oob\",\"oob_code\":\"OOB-1\"}");
    private static final ResponseDefinitionBuilder SMS_ENROLLING = okJson(
            "{\"authenticator_type\":\"oob\",\"oob_channel\":\"sms\",\"oob_code\":\"OOB-2\"}");

    private final ServiceFixture fixture = new ServiceFixture(auth0.baseUrl(), TestRequests.withSession());
    private final MfaService service = fixture.service;

    @BeforeEach
    void theUsersAuthenticators() {
        auth0.stubFor(get("/mfa/authenticators").willReturn(okJson("""
                [{"id":"sms|dev_3","authenticator_type":"oob","oob_channel":"sms","active":true},
                 {"id":"push|dev_6","authenticator_type":"oob","oob_channel":"auth0","active":true}]""")));
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    /** A code went by SMS 30 s ago; now Auth0 answers a resend like this. */
    private String resendAnswered(ResponseDefinitionBuilder answer) {
        String flowId = fixture.startFlow(null);
        auth0.stubFor(post("/mfa/challenge").willReturn(SMS_SENT));
        service.challenge(flowId, SMS);
        fixture.clock.advance(MfaService.RESEND_COOLDOWN);
        auth0.stubFor(post("/mfa/challenge").willReturn(answer));
        assertThrows(IdpException.class, () -> service.challenge(flowId, SMS));
        auth0.stubFor(post("/mfa/challenge").willReturn(SMS_SENT));
        return flowId;
    }

    @Test
    void aResendAuth0RefusedWithAnAnswerIsTakenBackSoTheNextMayGoAtOnce() {
        String flowId = resendAnswered(error(400, "invalid_request", "Phone number is invalid"));

        assertEquals(Factor.SMS, service.challenge(flowId, SMS).factor(), "the last message out is 30 s old");
    }

    @Test
    void aResendAnsweredWithAServerFaultMayHaveGoneOutSoItStaysCounted() {
        String flowId = resendAnswered(error(500, "server_error", "Internal error"));

        assertEquals(ErrorCodes.RESEND_TOO_SOON,
                assertThrows(SendsLimitedException.class, () -> service.challenge(flowId, SMS)).code());
    }

    @Test
    void aResendWhoseAnswerWasLostMayHaveGoneOutSoItStaysCounted() {
        String flowId = resendAnswered(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        assertEquals(ErrorCodes.RESEND_TOO_SOON,
                assertThrows(SendsLimitedException.class, () -> service.challenge(flowId, SMS)).code());
    }

    @Test
    void anSmsChallengeAsksForTheCodeAndAPushOnlyWhenAuth0AsksForABindingCode() {
        String flowId = fixture.startFlow(null);
        auth0.stubFor(post("/mfa/challenge").willReturn(SMS_SENT));
        assertTrue(service.challenge(flowId, SMS).bindingCodeRequired());

        assertFalse(service.challenge(flowId, PUSH).bindingCodeRequired());
        auth0.stubFor(post("/mfa/challenge").willReturn(okJson(
                "{\"challenge_type\":\"oob\",\"oob_code\":\"OOB-3\",\"binding_method\":\"prompt\"}")));
        assertTrue(service.challenge(fixture.startFlow(null), PUSH).bindingCodeRequired());
    }

    @Test
    void enrollingAnotherNumberAtOnceIsNoResendButTheSameNumberAgainWithin30SecondsIs() {
        String flowId = fixture.startFlow(ServiceFixture.enroll("phone"));
        auth0.stubFor(post("/mfa/associate").willReturn(SMS_ENROLLING));
        service.enroll(flowId, EnrollmentRequest.sms("+4915123456789"));

        service.enroll(flowId, EnrollmentRequest.sms("+4915198765432"));
        SendsLimitedException again = assertThrows(SendsLimitedException.class,
                () -> service.enroll(flowId, EnrollmentRequest.sms("+4915198765432")));

        assertEquals(ErrorCodes.RESEND_TOO_SOON, again.code());
    }

    @Test
    void anEnrollmentMessageAuth0RefusedIsTakenBackSoTheNextMayGoAtOnce() {
        String flowId = fixture.startFlow(ServiceFixture.enroll("phone"));
        auth0.stubFor(post("/mfa/associate").willReturn(SMS_ENROLLING));
        service.enroll(flowId, EnrollmentRequest.sms("+4915123456789"));
        fixture.clock.advance(MfaService.RESEND_COOLDOWN);
        auth0.stubFor(post("/mfa/associate").willReturn(error(400, "invalid_request", "Phone number is invalid")));
        assertThrows(IdpException.class, () -> service.enroll(flowId, EnrollmentRequest.sms("+4915123456789")));
        auth0.stubFor(post("/mfa/associate").willReturn(SMS_ENROLLING));

        assertTrue(service.enroll(flowId, EnrollmentRequest.sms("+4915123456789")).bindingCodeRequired());
    }

    @Test
    void anEnrollmentThatSendsNothingAndThatAuth0RefusesIsJustItsRefusal() {
        String flowId = fixture.startFlow(ServiceFixture.enroll("otp"));
        auth0.stubFor(post("/mfa/associate").willReturn(error(400, "invalid_request", "Not allowed")));

        assertEquals("invalid_request",
                assertThrows(IdpException.class, () -> service.enroll(flowId, EnrollmentRequest.otp())).code());
    }
}
