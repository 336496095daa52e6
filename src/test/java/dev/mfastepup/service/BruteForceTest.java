package dev.mfastepup.service;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.mfastepup.Auth0Stubs.error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.Mockito.mock;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.mfastepup.AttemptsLockedException;
import dev.mfastepup.Auth0Stubs;
import dev.mfastepup.MfaTokenExpiredException;
import dev.mfastepup.MfaTokenInvalidException;
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
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SEC-21 at the service: wrong codes sent all at once through {@link MfaService}, counted where they would do harm,
 * at a stub of Auth0's token endpoint. One flow lets {@value AttemptLimiter#FLOW_FAILURES} codes through to Auth0,
 * one user {@value AttemptLimiter#USER_FAILURES} across all their flows and sessions, however many arrive together.
 *
 * <p>Like the application-scoped bean, one service serves every session: each thread's calls see that thread's
 * request (what the container's request proxy does). The stub holds each answer a little so that many codes are in
 * flight together; the counts do not depend on that delay or on the machine's load (timeouts far above both, room
 * for every call), only on what the limiter lets through.
 */
class BruteForceTest {

    @RegisterExtension
    static WireMockExtension auth0 = Auth0Stubs.server();

    private static final String SUBJECT = "auth0|alice";
    private static final int CODES = 50;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
    private final ThreadLocal<HttpServletRequest> current = new ThreadLocal<>();
    @SuppressWarnings("unchecked")
    private final Event<StepUpCompleted> completed = mock(Event.class);
    @SuppressWarnings("unchecked")
    private final Event<StepUpStarted> started = mock(Event.class);

    private Auth0Client client;
    private StepUpFlows flows;
    private MfaService service;
    private ExecutorService pool;

    @BeforeEach
    void setUp() {
        MfaStepUpConfig config = UnhurriedConfig.of(auth0.baseUrl());
        client = new Auth0Client(config, Executors.defaultThreadFactory(), clock);
        flows = new StepUpFlows(new ContextSealer(config.secrets(), config.contextTtl(), clock), clock,
                config.contextTtl());
        HttpServletRequest perThread = (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> {
                    try {
                        return method.invoke(current.get(), args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        service = ServiceWiring.mfaService(config, client, new TenantDomains(TestConfigs.DOMAIN, null), flows,
                new SessionCredentials(new TestCredentials(SUBJECT, "RT-1")), completed, started, perThread, clock);
        auth0.stubFor(get("/mfa/authenticators").willReturn(okJson("[]")));
        auth0.stubFor(post("/oauth/token").willReturn(error(403, "invalid_grant", "Invalid otp_code.")
                .withFixedDelay(200)));
        pool = Executors.newFixedThreadPool(CODES);
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(30, TimeUnit.SECONDS);
        client.close();
    }

    /** One code of the user, sent in a session for a flow. */
    private record Code(TestRequests session, String flowId) {
    }

    /** Sends every code at once, each in its own thread, and tells how each call ended. */
    private Map<String, Integer> sendAtOnce(List<Code> codes) throws Exception {
        CountDownLatch ready = new CountDownLatch(codes.size());
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> outcomes = new ArrayList<>();
        for (Code code : codes) {
            outcomes.add(pool.submit(() -> {
                current.set(code.session().request());
                ready.countDown();
                go.await();
                try {
                    service.verify(code.flowId(), new Verification.Otp("000000"));
                    return "verified";
                } catch (IdpException wrong) {
                    return wrong.code();
                } catch (MfaTokenExpiredException | MfaTokenInvalidException | AttemptsLockedException refused) {
                    return refused.getClass().getSimpleName();
                } finally {
                    current.remove();
                }
            }));
        }
        ready.await();
        go.countDown();
        Map<String, Integer> counted = new TreeMap<>();
        for (Future<String> outcome : outcomes) {
            counted.merge(outcome.get(), 1, Integer::sum);
        }
        return counted;
    }

    private static int grantsAtTheStub() {
        return auth0.findAll(postRequestedFor(urlEqualTo("/oauth/token"))
                .withFormParam("grant_type", equalTo(Auth0Client.GRANT_MFA_OTP))).size();
    }

    @Test
    void sec21WhenFiftyWrongCodesArriveAtOnceInOneFlowThenExactlyFiveReachAuth0() throws Exception {
        TestRequests web = TestRequests.withSession();
        String flowId = flows.start(web.session(), SUBJECT, TestConfigs.DOMAIN,
                new TokenKey("https://api.example.com", "read:reports"), "MFATOK-1", null).flowId();
        List<Code> codes = new ArrayList<>();
        for (int i = 0; i < CODES; i++) {
            codes.add(new Code(web, flowId));
        }

        Map<String, Integer> outcomes = sendAtOnce(codes);

        assertEquals(AttemptLimiter.FLOW_FAILURES, grantsAtTheStub(), "grants that reached Auth0; " + outcomes);
        // Five wrong, the sixth ends the flow, the other 44 find it over; none is judged by Auth0.
        assertEquals(Map.of("invalid_grant", 5, "MfaTokenExpiredException", 1, "MfaTokenInvalidException", 44),
                outcomes);
    }

    @Test
    void sec21WhenFiftyWrongCodesArriveAtOnceAcrossTenFlowsInFiveSessionsOfOneUserThenExactlyTenReachAuth0()
            throws Exception {
        // Five sessions (five browsers) of one user, each with two flows (two APIs), five codes per flow: no flow
        // reaches its own limit, so only the user's limit stands between the 50 codes and Auth0.
        List<Code> codes = new ArrayList<>();
        for (int s = 0; s < 5; s++) {
            TestRequests web = TestRequests.withSession();
            for (String audience : List.of("https://reports.example.com", "https://billing.example.com")) {
                String flowId = flows.start(web.session(), SUBJECT, TestConfigs.DOMAIN,
                        new TokenKey(audience, "read"), "MFATOK-" + s, null).flowId();
                for (int i = 0; i < AttemptLimiter.FLOW_FAILURES; i++) {
                    codes.add(new Code(web, flowId));
                }
            }
        }

        Map<String, Integer> outcomes = sendAtOnce(codes);

        assertEquals(AttemptLimiter.USER_FAILURES, grantsAtTheStub(), "grants that reached Auth0; " + outcomes);
        assertEquals(Map.of("invalid_grant", 10, "AttemptsLockedException", 40), outcomes);
    }
}
