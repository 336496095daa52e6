package dev.mfastepup.service;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.mfastepup.Auth0Stubs.error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.mfastepup.AttemptsLockedException;
import dev.mfastepup.Auth0Stubs;
import dev.mfastepup.MfaTokenExpiredException;
import dev.mfastepup.MutableClock;
import dev.mfastepup.TestConfigs;
import dev.mfastepup.TestCredentials;
import dev.mfastepup.TestRequests;
import dev.mfastepup.client.Auth0Client;
import dev.mfastepup.client.IdpException;
import dev.mfastepup.client.TenantDomains;
import dev.mfastepup.config.MfaStepUpConfig;
import dev.mfastepup.crypto.ContextSealer;
import dev.mfastepup.event.StepUpCompleted;
import dev.mfastepup.event.StepUpStarted;
import dev.mfastepup.session.StepUpFlows;
import dev.mfastepup.session.TokenKey;
import dev.mfastepup.token.SessionCredentials;
import jakarta.enterprise.event.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SEC-27: a recovery code is a second factor like a one-time code, so wrong recovery codes are counted by the same
 * limits (SEC-21): five per flow, ten in a row per user, and a lock during which even a right code is not sent.
 * {@link MfaService} over real HTTP against a stub Auth0, as in {@link MfaServiceTest}.
 */
class RecoveryCodeLimitsTest {

    @RegisterExtension
    static WireMockExtension auth0 = Auth0Stubs.server();

    private static final String SUBJECT = "auth0|alice";
    private static final TokenKey KEY = new TokenKey("https://api.example.com", "read:reports");
    private static final String WRONG = "AAAABBBBCCCCDDDDEEEEFFFF";
    private static final String RIGHT = "RCCANARY4444444444444444";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
    @SuppressWarnings("unchecked")
    private final Event<StepUpCompleted> completed = mock(Event.class);
    @SuppressWarnings("unchecked")
    private final Event<StepUpStarted> started = mock(Event.class);

    private Auth0Client client;
    private StepUpFlows flows;
    private TestRequests web;
    private MfaService service;

    @BeforeEach
    void setUp() {
        // Generous timeouts rather than the short ones of TestConfigs: what is counted here must not depend on how
        // fast a loaded machine builds its first HTTP client or answers (a timeout would count as an attempt).
        MfaStepUpConfig test = TestConfigs.config(auth0.baseUrl());
        MfaStepUpConfig config = new MfaStepUpConfig(test.domain(), test.clientId(), test.clientSecret(),
                test.secrets(), test.contextTtl(),
                Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(60), test.baseUrl(),
                test.tokenRefreshMargin(), test.maxConcurrentCalls(), test.limitsStore());
        client = new Auth0Client(config, Executors.defaultThreadFactory(), clock);
        flows = new StepUpFlows(new ContextSealer(config.secrets(), config.contextTtl(), clock), clock,
                config.contextTtl());
        web = TestRequests.withSession();
        service = ServiceWiring.mfaService(config, client, new TenantDomains(TestConfigs.DOMAIN, null), flows,
                new SessionCredentials(new TestCredentials(SUBJECT, "RT-1")), completed, started, web.request(),
                clock);
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    @Test
    void sec27WhenFiveWrongRecoveryCodesInAFlowThenTheSixthEndsItWithoutAskingAuth0() {
        String flowId = startFlow();
        stubToken(error(403, "invalid_grant", "Invalid recovery code."));
        for (int attempt = 1; attempt <= AttemptLimiter.FLOW_FAILURES; attempt++) {
            assertEquals("invalid_grant", assertThrows(IdpException.class,
                    () -> service.verify(flowId, new Verification.RecoveryCode(WRONG))).code());
        }

        assertThrows(MfaTokenExpiredException.class,
                () -> service.verify(flowId, new Verification.RecoveryCode(RIGHT)));

        assertTrue(service.flow(flowId).isEmpty(), "the flow is over after its fifth wrong code");
        auth0.verify(AttemptLimiter.FLOW_FAILURES, postRequestedFor(urlEqualTo("/oauth/token")));
    }

    @Test
    void sec27WhenTenWrongRecoveryCodesAcrossFlowsThenEvenTheRightOneIsRefusedLocallyUntilTheLockEnds() {
        stubToken(error(403, "invalid_grant", "Invalid recovery code."));
        for (int flow = 1; flow <= 2; flow++) {
            String flowId = startFlow();
            for (int attempt = 1; attempt <= AttemptLimiter.FLOW_FAILURES; attempt++) {
                assertThrows(IdpException.class, () -> service.verify(flowId, new Verification.RecoveryCode(WRONG)));
            }
            service.cancel(flowId);
        }
        auth0.verify(10, postRequestedFor(urlEqualTo("/oauth/token")));
        stubToken(okJson("{\"access_token\":\"AT-CANARY-1\",\"token_type\":\"Bearer\",\"expires_in\":3600}"));
        String flowId = startFlow();

        AttemptsLockedException locked = assertThrows(AttemptsLockedException.class,
                () -> service.verify(flowId, new Verification.RecoveryCode(RIGHT)));

        assertEquals(Duration.ofSeconds(30), locked.retryAfter());
        auth0.verify(10, postRequestedFor(urlEqualTo("/oauth/token")));
        clock.advance(Duration.ofSeconds(31));
        assertInstanceOf(VerifyResult.Verified.class,
                service.verify(flowId, new Verification.RecoveryCode(RIGHT)));
        auth0.verify(11, postRequestedFor(urlEqualTo("/oauth/token")));
    }

    private String startFlow() {
        return flows.start(web.session(), SUBJECT, TestConfigs.DOMAIN, KEY, "MFATOK-CANARY-27", null).flowId();
    }

    private static void stubToken(ResponseDefinitionBuilder response) {
        auth0.stubFor(post("/oauth/token").willReturn(response));
    }
}
