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

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.mfastepup.AttemptsLockedException;
import dev.mfastepup.Auth0Stubs;
import dev.mfastepup.ErrorCodes;
import dev.mfastepup.Factor;
import dev.mfastepup.LogCapture;
import dev.mfastepup.MfaException;
import dev.mfastepup.MfaTokenExpiredException;
import dev.mfastepup.SendsLimitedException;
import dev.mfastepup.TestRequests;
import dev.mfastepup.client.IdpException;
import dev.mfastepup.event.SecurityLog;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The security log line each step of a step-up writes: its event, its details, and never a code or token. */
class MfaServiceSecurityLogTest {

    @RegisterExtension
    static WireMockExtension auth0 = Auth0Stubs.server();

    private static final MfaAuthenticator SMS = new MfaAuthenticator("sms|dev_3", Factor.SMS, "oob", null);
    private static final String OOB_CODE = "OOB-CANARY-9";

    private final ServiceFixture fixture = new ServiceFixture(auth0.baseUrl(), TestRequests.withSession());
    private final MfaService service = fixture.service;

    @AfterEach
    void close() {
        fixture.close();
    }

    private static void stubTheUsersSmsAuthenticator() {
        auth0.stubFor(get("/mfa/authenticators").willReturn(okJson("""
                [{"id":"sms|dev_3","authenticator_type":"oob","oob_channel":"sms","active":true}]""")));
        auth0.stubFor(post("/mfa/challenge").willReturn(okJson(
                "{\"challenge_type\":\"oob\",\"oob_code\":\"" + OOB_CODE + "\",\"binding_method\":\"prompt\"}")));
    }

    /** Runs the steps and returns the security events they wrote, after checking that none holds a secret. */
    private List<String> events(Runnable steps, String... secrets) {
        List<String> events;
        try (LogCapture security = new LogCapture(SecurityLog.LOGGER_NAME)) {
            steps.run();
            events = security.messages();
        }
        for (String event : events) {
            assertFalse(event.contains(ServiceFixture.SUBJECT), event);
            assertFalse(event.contains(ServiceFixture.RAW), event);
            for (String secret : secrets) {
                assertFalse(event.contains(secret), event + " holds " + secret);
            }
        }
        return events;
    }

    private static String only(List<String> events, String event) {
        List<String> found = events.stream().filter(e -> e.startsWith(event + " ")).toList();
        assertEquals(1, found.size(), events.toString());
        return found.get(0);
    }

    private static void expect(Class<? extends Throwable> type, Runnable step) {
        assertThrows(type, step::run);
    }

    @Test
    void aChallengeSentIsLoggedWithItsFactorButNotTheOobCode() {
        stubTheUsersSmsAuthenticator();
        String flowId = fixture.startFlow(null);

        String event = only(events(() -> service.challenge(flowId, SMS), OOB_CODE), "mfa.challenge_sent");

        assertTrue(event.contains(" flow=" + flowId + " "), event);
        assertTrue(event.endsWith(" factor=sms"), event);
    }

    @Test
    void aSendTheLimitsRefuseIsLoggedWithItsReason() {
        stubTheUsersSmsAuthenticator();
        String flowId = fixture.startFlow(null);
        service.challenge(flowId, SMS);

        String event = only(events(() -> expect(SendsLimitedException.class, () -> service.challenge(flowId, SMS))),
                "mfa.send_limited");

        assertTrue(event.endsWith(" reason=" + ErrorCodes.RESEND_TOO_SOON), event);
    }

    @Test
    void aWrongSmsCodeIsLoggedWithTheChallengedFactorAndAWrongRecoveryCodeWithItsOwn() {
        stubTheUsersSmsAuthenticator();
        String flowId = fixture.startFlow(null);
        service.challenge(flowId, SMS);
        auth0.stubFor(post("/oauth/token").willReturn(error(403, "invalid_grant", "Invalid binding_code.")));

        List<String> events = events(() -> {
            expect(IdpException.class, () -> service.verify(flowId, new Verification.OutOfBandCode("493817")));
            expect(IdpException.class,
                    () -> service.verify(flowId, new Verification.RecoveryCode("RCWRONG000000000000000AA")));
        }, "493817", "RCWRONG000000000000000AA", OOB_CODE);

        assertEquals(2, events.size(), events.toString());
        assertTrue(events.get(0).startsWith("mfa.verify_failed "), events.get(0));
        assertTrue(events.get(0).endsWith(" factor=sms reason=invalid_grant"), events.get(0));
        assertTrue(events.get(1).endsWith(" factor=recovery-code reason=invalid_grant"), events.get(1));
    }

    @Test
    void auth0sTooManyAttemptsIsLoggedAsRateLimited() {
        String flowId = fixture.startFlow(null);
        auth0.stubFor(post("/oauth/token").willReturn(error(429, "too_many_attempts", "Rate limit exceeded")));

        String event = only(events(() -> expect(IdpException.class,
                () -> service.verify(flowId, new Verification.Otp("493817"))), "493817"), "mfa.idp_rate_limited");

        assertTrue(event.endsWith(" factor=otp reason=too_many_attempts"), event);
    }

    @Test
    void aCodeWhoseAnswerWasLostIsLoggedWithAnUnknownOutcome() {
        String flowId = fixture.startFlow(null);
        auth0.stubFor(post("/oauth/token").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        String event = only(events(() -> expect(IdpException.class,
                () -> service.verify(flowId, new Verification.Otp("493817"))), "493817"), "mfa.idp_error");

        assertTrue(event.endsWith(" factor=otp reason=outcome_unknown"), event);
    }

    @Test
    void aFlowThatHadItsFiveWrongCodesIsLoggedAsExhaustedWhenTheSixthComes() {
        String flowId = fixture.startFlow(null);
        auth0.stubFor(post("/oauth/token").willReturn(error(403, "invalid_grant", "Invalid otp_code.")));
        for (int i = 0; i < AttemptLimiter.FLOW_FAILURES; i++) {
            expect(IdpException.class, () -> service.verify(flowId, new Verification.Otp("000000")));
        }

        List<String> events = events(() -> expect(MfaTokenExpiredException.class,
                () -> service.verify(flowId, new Verification.Otp("000000"))));

        assertEquals(1, events.size(), events.toString());
        assertTrue(events.get(0).startsWith("mfa.flow_exhausted "), events.get(0));
        assertTrue(events.get(0).contains(" flow=" + flowId), events.get(0));
    }

    @Test
    void aCodeOfALockedUserIsLoggedAsLockedWithTheWait() {
        auth0.stubFor(post("/oauth/token").willReturn(error(403, "invalid_grant", "Invalid otp_code.")));
        wrongCodes(AttemptLimiter.USER_FAILURES);
        String flowId = fixture.startFlow(null);

        List<String> events = events(() -> expect(AttemptsLockedException.class,
                () -> service.verify(flowId, new Verification.Otp("123456"))), "123456");

        assertEquals(1, events.size(), events.toString());
        assertTrue(events.get(0).startsWith("mfa.locked "), events.get(0));
        assertTrue(events.get(0).endsWith(" retry_after_s=30"), events.get(0));
    }

    @Test
    void theHundredthWrongCodeInARowIsLoggedAsSevereWithTheSignOut() {
        auth0.stubFor(post("/oauth/token").willReturn(error(403, "invalid_grant", "Invalid otp_code.")));
        wrongCodes(AttemptLimiter.HARD_CAP - 1);
        waitOutTheLockOf(AttemptLimiter.HARD_CAP - 1);
        String flowId = fixture.startFlow(null);

        List<String> severe;
        try (LogCapture security = new LogCapture(SecurityLog.LOGGER_NAME)) {
            MfaException signedOut = assertThrows(MfaException.class,
                    () -> service.verify(flowId, new Verification.Otp("000000")));
            assertEquals(ErrorCodes.TOO_MANY_FAILURES, signedOut.code());
            severe = security.warnings().stream().filter(e -> e.startsWith("mfa.hard_cap ")).toList();
        }

        assertEquals(1, severe.size(), severe.toString());
        assertTrue(severe.get(0).endsWith(" failures_in_a_row=at_least_100 action=session_invalidated"), severe.get(0));
        assertTrue(fixture.web.invalidated());
    }

    /** The user types this many wrong codes in a row, in flows of their own, waiting out each lock but the last. */
    private void wrongCodes(int count) {
        for (int attempt = 1; attempt <= count; attempt++) {
            waitOutTheLockOf(attempt - 1);
            String flowId = fixture.startFlow(null);
            expect(IdpException.class, () -> service.verify(flowId, new Verification.Otp("000000")));
            service.cancel(flowId);
        }
    }

    private void waitOutTheLockOf(int wrongCodesInARow) {
        if (wrongCodesInARow >= AttemptLimiter.USER_FAILURES) {
            fixture.clock.advance(AttemptLimiter.lockFor(wrongCodesInARow));
        }
    }
}
