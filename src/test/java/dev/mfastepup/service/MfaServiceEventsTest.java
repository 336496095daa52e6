package dev.mfastepup.service;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static dev.mfastepup.Auth0Stubs.error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.mfastepup.AttemptsLockedException;
import dev.mfastepup.Auth0Stubs;
import dev.mfastepup.Factor;
import dev.mfastepup.MfaTokenExpiredException;
import dev.mfastepup.MfaTokenInvalidException;
import dev.mfastepup.TestConfigs;
import dev.mfastepup.TestRequests;
import dev.mfastepup.client.IdpException;
import dev.mfastepup.event.StepUpEvent;
import dev.mfastepup.event.StepUpEvent.Outcome;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@link StepUpEvent} each step of a flow fires: its outcome, factor, reason and tenant, and never a code, a
 * token or the user's {@code sub}.
 */
class MfaServiceEventsTest {

    @RegisterExtension
    static WireMockExtension auth0 = Auth0Stubs.server();

    private static final MfaAuthenticator SMS = new MfaAuthenticator("sms|dev_3", Factor.SMS, "oob", null);
    private static final String OOB_CODE = "OOB-CANARY-9";

    private final ServiceFixture fixture = new ServiceFixture(auth0.baseUrl(), TestRequests.withSession());
    private final MfaService service = fixture.service;

    @AfterEach
    void close() {
        for (StepUpEvent event : fixture.events.all()) {
            for (String secret : List.of(ServiceFixture.SUBJECT, ServiceFixture.RAW, OOB_CODE, "493817", "RT-1")) {
                assertFalse(event.toString().contains(secret), event + " holds " + secret);
            }
        }
        fixture.close();
    }

    @Test
    void aTextMessageIsAChosenFactorThenACodeSentAndAResendOnlyACodeSent() {
        stubTheUsersSmsAuthenticator();
        String flowId = fixture.startFlow(null);

        service.challenge(flowId, SMS);
        fixture.clock.advance(Duration.ofSeconds(31));
        service.resend(flowId);

        assertEquals(List.of(Outcome.FACTOR_CHOSEN, Outcome.CODE_SENT, Outcome.CODE_SENT), fixture.events.outcomes());
        StepUpEvent sent = fixture.events.all().get(1);
        assertEquals(flowId, sent.flowId());
        assertEquals(Factor.SMS, sent.factor());
        assertEquals(TestConfigs.DOMAIN, sent.tenant());
        assertNull(sent.reason());
    }

    @Test
    void aWrongCodeThenTheRightOneIsVerifiedWithTheTimeItTook() {
        stubTheUsersSmsAuthenticator();
        String flowId = fixture.startFlow(null);
        service.challenge(flowId, SMS);
        auth0.stubFor(post("/oauth/token").willReturn(error(403, "invalid_grant", "Invalid binding_code.")));
        assertThrows(IdpException.class, () -> service.verify(flowId, new Verification.OutOfBandCode("493817")));
        auth0.stubFor(post("/oauth/token").willReturn(okJson(ServiceFixture.TOKEN_OK)));
        fixture.clock.advance(Duration.ofSeconds(40));

        service.verify(flowId, new Verification.OutOfBandCode("493817"));

        assertEquals(List.of(Outcome.FACTOR_CHOSEN, Outcome.CODE_SENT, Outcome.WRONG_CODE, Outcome.VERIFIED),
                fixture.events.outcomes());
        assertEquals(Factor.SMS, fixture.events.all().get(2).factor());
        StepUpEvent verified = fixture.events.all().get(3);
        assertEquals(Factor.SMS, verified.factor());
        assertEquals(Duration.ofSeconds(40), verified.elapsed());
    }

    @Test
    void auth0sTooManyAttemptsIsALockByAuth0() {
        String flowId = fixture.startFlow(null);
        auth0.stubFor(post("/oauth/token").willReturn(error(429, "too_many_attempts", "Rate limit exceeded")));

        assertThrows(IdpException.class, () -> service.verify(flowId, new Verification.Otp("493817")));

        assertEquals(List.of(Outcome.LOCKED), fixture.events.outcomes());
        assertEquals("auth0", fixture.events.all().get(0).reason());
        assertEquals(Factor.OTP, fixture.events.all().get(0).factor());
    }

    @Test
    void theFlowsWrongCodesUsedUpIsALockOfTheFlow() {
        auth0.stubFor(post("/oauth/token").willReturn(error(403, "invalid_grant", "Invalid otp_code.")));
        String flowId = fixture.startFlow(null);
        for (int i = 0; i < AttemptLimiter.FLOW_FAILURES; i++) {
            assertThrows(IdpException.class, () -> service.verify(flowId, new Verification.Otp("000000")));
        }

        assertThrows(MfaTokenExpiredException.class, () -> service.verify(flowId, new Verification.Otp("000000")));

        assertEquals(Outcome.LOCKED, last().outcome());
        assertEquals("flow_attempts", last().reason());
    }

    @Test
    void theUsersLimitOfWrongCodesIsALockOfTheUser() {
        auth0.stubFor(post("/oauth/token").willReturn(error(403, "invalid_grant", "Invalid otp_code.")));
        for (int i = 0; i < AttemptLimiter.USER_FAILURES; i++) {
            String flowId = fixture.startFlow(null);
            assertThrows(IdpException.class, () -> service.verify(flowId, new Verification.Otp("000000")));
            service.cancel(flowId);
        }
        String flowId = fixture.startFlow(null);

        assertThrows(AttemptsLockedException.class, () -> service.verify(flowId, new Verification.Otp("000000")));

        assertEquals(Outcome.LOCKED, last().outcome());
        assertEquals("attempts", last().reason());
    }

    @Test
    void aContextPastItsLifetimeIsExpiredOnceAndACancelIsCancelledOnce() {
        String expiring = fixture.startFlow(null);
        fixture.clock.advance(fixture.config.contextTtl().plusSeconds(1));

        assertThrows(MfaTokenExpiredException.class, () -> service.challenge(expiring, SMS));
        assertThrows(MfaTokenInvalidException.class, () -> service.challenge(expiring, SMS));
        // One flow per audience and scope: the next one starts after the first has ended.
        String cancelled = fixture.startFlow(null);
        service.cancel(cancelled);
        service.cancel(cancelled);

        assertEquals(List.of(Outcome.EXPIRED, Outcome.CANCELLED), fixture.events.outcomes());
        assertEquals(expiring, fixture.events.all().get(0).flowId());
        assertEquals(cancelled, fixture.events.all().get(1).flowId());
    }

    @Test
    void auth0EndingTheFlowIsAFailureWithAuth0sCode() {
        String flowId = fixture.startFlow(null);
        auth0.stubFor(get("/mfa/authenticators").willReturn(okJson(
                "[{\"id\":\"sms|dev_3\",\"authenticator_type\":\"oob\",\"oob_channel\":\"sms\",\"active\":true}]")));
        auth0.stubFor(post("/mfa/challenge").willReturn(error(401, "invalid_token", "Invalid token")));

        assertThrows(MfaTokenInvalidException.class, () -> service.challenge(flowId, SMS));

        assertEquals(Outcome.FAILED, last().outcome());
        assertEquals("auth0_invalid_token", last().reason());
    }

    private StepUpEvent last() {
        List<StepUpEvent> all = fixture.events.all();
        return all.get(all.size() - 1);
    }

    private static void stubTheUsersSmsAuthenticator() {
        auth0.stubFor(get("/mfa/authenticators").willReturn(okJson("""
                [{"id":"sms|dev_3","authenticator_type":"oob","oob_channel":"sms","active":true}]""")));
        auth0.stubFor(post("/mfa/challenge").willReturn(okJson(
                "{\"challenge_type\":\"oob\",\"oob_code\":\"" + OOB_CODE + "\",\"binding_method\":\"prompt\"}")));
    }
}
