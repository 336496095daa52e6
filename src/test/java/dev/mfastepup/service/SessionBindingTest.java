package dev.mfastepup.service;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.mfastepup.Auth0Stubs;
import dev.mfastepup.LogCapture;
import dev.mfastepup.MfaTokenInvalidException;
import dev.mfastepup.MutableClock;
import dev.mfastepup.TestConfigs;
import dev.mfastepup.TestCredentials;
import dev.mfastepup.TestRequests;
import dev.mfastepup.client.Auth0Client;
import dev.mfastepup.client.TenantDomains;
import dev.mfastepup.config.MfaStepUpConfig;
import dev.mfastepup.crypto.ContextSealer;
import dev.mfastepup.event.SecurityLog;
import dev.mfastepup.event.StepUpCompleted;
import dev.mfastepup.event.StepUpStarted;
import dev.mfastepup.session.SessionBinding;
import dev.mfastepup.session.SessionContents;
import dev.mfastepup.session.StepUpFlows;
import dev.mfastepup.session.TokenKey;
import dev.mfastepup.token.SessionCredentials;
import jakarta.enterprise.event.Event;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SEC-04 at the service: a sealed context copied from one session into another does not open there, whether the
 * other session is the same user's, another user's or another tenant's. Each case is refused like a tampered
 * context, sends nothing to Auth0, is logged as a security event without any secret, and leaves the flow of the
 * session it was copied from working.
 */
class SessionBindingTest {

    @RegisterExtension
    static WireMockExtension auth0 = Auth0Stubs.server();

    private static final String SUBJECT = "auth0|alice";
    private static final TokenKey KEY = new TokenKey("https://api.example.com", "read:reports");
    private static final String TOKEN_OK =
            "{\"access_token\":\"AT-CANARY-1\",\"token_type\":\"Bearer\",\"expires_in\":3600}";
    /** The only fields a context_invalid line has here (the mocks have no peer address): no value of the binding. */
    private static final Pattern CONTEXT_INVALID = Pattern.compile("mfa\\.context_invalid user=u-[0-9a-f]{12}"
            + " session=s-[0-9a-f]{12} flow=[A-Za-z0-9_-]{22} correlation=c-[0-9a-f]{12}");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
    @SuppressWarnings("unchecked")
    private final Event<StepUpCompleted> completed = mock(Event.class);
    @SuppressWarnings("unchecked")
    private final Event<StepUpStarted> started = mock(Event.class);

    private MfaStepUpConfig config;
    private Auth0Client client;
    private StepUpFlows flows;
    private TestRequests alice;
    private TestRequests copy;
    private String flowId;

    @BeforeEach
    void setUp() {
        config = UnhurriedConfig.of(auth0.baseUrl());
        client = new Auth0Client(config, Executors.defaultThreadFactory(), clock);
        flows = new StepUpFlows(new ContextSealer(config.secrets(), config.contextTtl(), clock), clock,
                config.contextTtl());
        alice = TestRequests.withSession();
        copy = TestRequests.withSession();
        flowId = flows.start(alice.session(), SUBJECT, TestConfigs.DOMAIN, KEY, "MFATOK-CANARY-7f3a", null).flowId();
        auth0.stubFor(post("/oauth/token").willReturn(okJson(TOKEN_OK)));
        auth0.stubFor(get("/mfa/authenticators").willReturn(okJson("[]")));
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    private MfaService serviceFor(TestRequests web, String subject, String tenant) {
        return ServiceWiring.mfaService(config, client, new TenantDomains(TestConfigs.DOMAIN, r -> tenant), flows,
                new SessionCredentials(new TestCredentials(subject, "RT-1")), completed, started, web.request(), clock);
    }

    /** Puts alice's pending flow, sealed context and all, into the other session. */
    private void copyFlow() {
        SessionContents.copyFlow(alice.session(), copy.session(), flowId);
    }

    /** Puts alice's session value into the other session too, so that only the user or tenant binding is left. */
    private void copySessionValue() {
        copy.attributes().put(SessionBinding.ATTRIBUTE, alice.attributes().get(SessionBinding.ATTRIBUTE));
    }

    /** Tries every step that opens the context in the other session; each is refused, nothing reaches Auth0. */
    private void assertRefusedInTheCopy(MfaService copied) {
        List<String> events;
        try (LogCapture security = new LogCapture(SecurityLog.LOGGER_NAME)) {
            assertThrows(MfaTokenInvalidException.class,
                    () -> copied.verify(flowId, new Verification.Otp("123456")));
            events = security.messages();
        }
        assertEquals(1, events.size(), events.toString());
        assertTrue(CONTEXT_INVALID.matcher(events.get(0)).matches(), events.get(0));
        assertTrue(events.get(0).contains(" flow=" + flowId + " "), events.get(0));
        assertTrue(SessionContents.flowIfAny(copy.session(), flowId).isEmpty(), "the copy is dropped");
        // Copied again, the other steps are refused too.
        copyFlow();
        assertThrows(MfaTokenInvalidException.class, () -> copied.listAuthenticators(flowId));
        copyFlow();
        assertThrows(MfaTokenInvalidException.class,
                () -> copied.enroll(flowId, EnrollmentRequest.email("mallory@example.com")));
        auth0.verify(0, anyRequestedFor(anyUrl()));
    }

    /** The session the flow was copied from still completes it with the right code. */
    private void assertTheOriginalStillWorks() {
        MfaService original = serviceFor(alice, SUBJECT, TestConfigs.DOMAIN);

        assertInstanceOf(VerifyResult.Verified.class, original.verify(flowId, new Verification.Otp("123456")));
        auth0.verify(1, postRequestedFor(urlEqualTo("/oauth/token")));
    }

    @Test
    void sec04WhenCopiedIntoAnotherSessionOfTheSameUserThenInvalidNothingSentAndTheOriginalStillWorks() {
        copyFlow();

        assertRefusedInTheCopy(serviceFor(copy, SUBJECT, TestConfigs.DOMAIN));

        assertTheOriginalStillWorks();
    }

    @Test
    void sec04WhenCopiedIntoAnotherUsersSessionWithTheSessionValueTooThenInvalidAndTheOriginalStillWorks() {
        // The session value copied as well: only the binding to the user stands in the way.
        copyFlow();
        copySessionValue();

        assertRefusedInTheCopy(serviceFor(copy, "auth0|mallory", TestConfigs.DOMAIN));

        assertTheOriginalStillWorks();
    }

    @Test
    void sec04WhenCopiedIntoAnotherTenantsSessionWithTheSessionValueTooThenInvalidAndTheOriginalStillWorks() {
        // The session value copied as well: only the binding to the tenant stands in the way.
        copyFlow();
        copySessionValue();

        assertRefusedInTheCopy(serviceFor(copy, SUBJECT, "other.auth0.local"));

        assertTheOriginalStillWorks();
    }

    @Test
    void sec04WhenTheSessionValueIsCopiedTooForTheSameUserAndTenantThenTheCopyOpens() {
        // The control of the cases above: with the session's value, the same user and tenant, the copy opens. What
        // refuses a plain copy is therefore the session binding, not something else in how the copy is made.
        copyFlow();
        copySessionValue();

        assertInstanceOf(VerifyResult.Verified.class,
                serviceFor(copy, SUBJECT, TestConfigs.DOMAIN).verify(flowId, new Verification.Otp("123456")));
    }
}
