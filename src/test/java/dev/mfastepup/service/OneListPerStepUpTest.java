package dev.mfastepup.service;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.mfastepup.Auth0Stubs;
import dev.mfastepup.ErrorCodes;
import dev.mfastepup.Factor;
import dev.mfastepup.MfaException;
import dev.mfastepup.TestRequests;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One step-up asks Auth0 for the user's authenticators once: the page that shows them, the post that chooses one
 * and the challenge's check of the chosen id (SEC-26) share the list Auth0 gave within {@link RecentLists#FRESH},
 * and a list that may have changed (after an enrollment, a removal, or that time) is asked again.
 */
class OneListPerStepUpTest {

    @RegisterExtension
    static WireMockExtension auth0 = Auth0Stubs.server();

    private static final String LISTED = """
            [{"id":"totp|dev_1","authenticator_type":"otp","active":true},
             {"id":"sms|dev_3","authenticator_type":"oob","oob_channel":"sms","active":true,"name":"XXXX8730"}]""";

    private final ServiceFixture fixture = new ServiceFixture(auth0.baseUrl(), TestRequests.withSession());
    private final MfaService service = fixture.service;

    @AfterEach
    void close() {
        fixture.close();
    }

    private static int lists() {
        return auth0.findAll(getRequestedFor(urlEqualTo("/mfa/authenticators"))).size();
    }

    private static MfaAuthenticator sms(List<MfaAuthenticator> listed) {
        return listed.stream().filter(a -> a.factor() == Factor.SMS).findFirst().orElseThrow();
    }

    @Test
    void aTextMessageStepUpListsOnceForThePageThePostAndTheChallengesCheck() {
        auth0.stubFor(get("/mfa/authenticators").willReturn(okJson(LISTED)));
        auth0.stubFor(post("/mfa/challenge").willReturn(okJson("""
                {"challenge_type":"oob","oob_code":"OOB-1","binding_method":"prompt"}""")));
        String flowId = fixture.startFlow(null);

        service.listAuthenticators(flowId);
        MfaAuthenticator chosen = sms(service.listAuthenticators(flowId));
        service.challenge(flowId, chosen);

        assertEquals(1, lists());
    }

    @Test
    void aListOlderThanItsFreshnessIsAskedAgain() {
        auth0.stubFor(get("/mfa/authenticators").willReturn(okJson(LISTED)));
        String flowId = fixture.startFlow(null);
        service.listAuthenticators(flowId);

        fixture.clock.advance(RecentLists.FRESH.minus(Duration.ofMillis(1)));
        service.listAuthenticators(flowId);
        assertEquals(1, lists());

        fixture.clock.advance(Duration.ofMillis(1));
        service.listAuthenticators(flowId);
        assertEquals(2, lists());
    }

    @Test
    void anotherFlowOfTheSameSessionAsksForItsOwnList() {
        auth0.stubFor(get("/mfa/authenticators").willReturn(okJson(LISTED)));

        service.listAuthenticators(fixture.startFlow(null));
        service.listAuthenticators(fixture.startFlow(null));

        assertEquals(2, lists());
    }

    @Test
    void aRemovalMakesTheNextListAskAuth0AndAnIdItRemovedCannotBeChallenged() {
        auth0.stubFor(get("/mfa/authenticators").willReturn(okJson(LISTED)));
        String flowId = fixture.startFlow(null);
        MfaAuthenticator chosen = sms(service.listAuthenticators(flowId));
        auth0.stubFor(delete("/mfa/authenticators/sms%7Cdev_3").willReturn(aResponse().withStatus(204)));
        service.deleteAuthenticator(flowId, "sms|dev_3");
        auth0.stubFor(get("/mfa/authenticators").willReturn(okJson("""
                [{"id":"totp|dev_1","authenticator_type":"otp","active":true}]""")));

        MfaException refused = assertThrows(MfaException.class, () -> service.challenge(flowId, chosen));

        assertEquals(ErrorCodes.INVALID_INPUT, refused.code());
        assertEquals(2, lists());
    }

    @Test
    void anEnrollmentMakesTheNextListAskAuth0() {
        auth0.stubFor(get("/mfa/authenticators").willReturn(okJson("[]")));
        auth0.stubFor(post("/mfa/associate").willReturn(okJson("""
                {"authenticator_type":"otp","secret":"JBSWY3DPEHPK3PXP","barcode_uri":"otpauth://totp/x"}""")));
        String flowId = fixture.startFlow(null);
        service.listAuthenticators(flowId);

        service.enroll(flowId, EnrollmentRequest.otp());
        service.listAuthenticators(flowId);

        assertEquals(2, lists(), "the page's list, which the enrollment's check that the user has none used again, "
                + "then a new one");
    }
}
