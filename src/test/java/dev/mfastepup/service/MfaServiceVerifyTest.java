package dev.mfastepup.service;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.mfastepup.Auth0Stubs;
import dev.mfastepup.ErrorCodes;
import dev.mfastepup.MfaException;
import dev.mfastepup.MfaTokenInvalidException;
import dev.mfastepup.TestConfigs;
import dev.mfastepup.TestRequests;
import dev.mfastepup.client.TenantDomains;
import dev.mfastepup.session.SessionContents;
import dev.mfastepup.session.SessionTokens;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a verification leaves behind: a completed step-up written back to a replicated session, an attempt that
 * Auth0 never judged not counted, a completed flow that counts as verified only while its token lasts.
 */
class MfaServiceVerifyTest {

    @RegisterExtension
    static WireMockExtension auth0 = Auth0Stubs.server();

    private ServiceFixture fixture = new ServiceFixture(auth0.baseUrl(), TestRequests.withSession());

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void aCompletedStepUpIsWrittenBackToTheSessionSoThatTheNextServerOfTheClusterHasTheToken() {
        fixture.close();
        fixture = new ServiceFixture(auth0.baseUrl(), TestRequests.replicated());
        String flowId = fixture.startFlow(null);
        auth0.stubFor(post("/oauth/token").willReturn(okJson(ServiceFixture.TOKEN_OK)));

        assertInstanceOf(VerifyResult.Verified.class,
                fixture.service.verify(flowId, new Verification.Otp("123456")));

        SessionTokens tokens = SessionContents.tokens(fixture.web.session());
        assertEquals("AT-CANARY-1", tokens.valid(ServiceFixture.KEY, fixture.clock.instant(), Duration.ZERO)
                .orElseThrow().value());
    }

    @Test
    void anOutOfBandCodeWithNothingChallengedIsRefusedAnyNumberOfTimesWithoutUsingUpTheFlowsCodes() {
        String flowId = fixture.startFlow(null);

        for (int i = 0; i <= AttemptLimiter.FLOW_FAILURES; i++) {
            assertEquals(ErrorCodes.NO_CHALLENGE, assertThrows(MfaException.class,
                    () -> fixture.service.verify(flowId, new Verification.OutOfBandCode("123456"))).code());
        }
        auth0.stubFor(post("/oauth/token").willReturn(okJson(ServiceFixture.TOKEN_OK)));
        assertInstanceOf(VerifyResult.Verified.class,
                fixture.service.verify(flowId, new Verification.Otp("123456")));
        auth0.verify(1, postRequestedFor(urlEqualTo("/oauth/token")));
    }

    @Test
    void aCompletedFlowCountsAsVerifiedOnlyWhileItsTokenIsValid() {
        String flowId = fixture.startFlow(null);
        auth0.stubFor(post("/oauth/token").willReturn(okJson(ServiceFixture.TOKEN_OK)));
        fixture.service.verify(flowId, new Verification.Otp("123456"));
        assertTrue(fixture.service.alreadyVerified(flowId).isPresent());

        fixture.clock.advance(Duration.ofSeconds(3601));

        assertEquals(Optional.empty(), fixture.service.alreadyVerified(flowId));
        assertThrows(MfaTokenInvalidException.class,
                () -> fixture.service.verify(flowId, new Verification.Otp("123456")));
        auth0.verify(1, postRequestedFor(urlEqualTo("/oauth/token")));
    }

    @Test
    void withoutAFlowIdNothingWasVerifiedAndTheTenantIsNotEvenResolved() {
        MfaService resolving = fixture.serviceFor(new TenantDomains(TestConfigs.DOMAIN, r -> null));

        assertEquals(Optional.empty(), resolving.alreadyVerified(null));
    }
}
