package dev.mfastepup.token;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.mfastepup.Auth0Stubs;
import dev.mfastepup.ErrorCodes;
import dev.mfastepup.LogCapture;
import dev.mfastepup.MutableClock;
import dev.mfastepup.TestConfigs;
import dev.mfastepup.TestCredentials;
import dev.mfastepup.TestRequests;
import dev.mfastepup.client.Auth0Client;
import dev.mfastepup.client.TenantDomains;
import dev.mfastepup.config.MfaStepUpConfig;
import dev.mfastepup.crypto.ContextSealer;
import dev.mfastepup.event.RecordedEvents;
import dev.mfastepup.event.SecurityLog;
import dev.mfastepup.session.SessionContents;
import dev.mfastepup.session.SessionTokenStore;
import dev.mfastepup.session.SessionTokens;
import dev.mfastepup.session.StepUpFlows;
import dev.mfastepup.session.TokenKey;
import jakarta.enterprise.event.Event;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link AccessTokenService} and the session: every change reaches the next server of a cluster, a rotated refresh
 * token is kept only when Auth0 sent one, and a request that cannot have the session's lock gets a clear answer.
 */
class AccessTokenServiceSessionTest {

    @RegisterExtension
    static WireMockExtension auth0 = Auth0Stubs.server();

    private static final String AUDIENCE = "https://api.example.com";
    private static final TokenKey KEY = new TokenKey(AUDIENCE, null);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
    private final TestCredentials credentials = new TestCredentials("auth0|alice", "RT-1");
    private final TestRequests web = TestRequests.replicated();
    private MfaStepUpConfig config = TestConfigs.config(auth0.baseUrl());
    private Auth0Client client;

    @AfterEach
    void closeClient() {
        if (client != null) {
            client.close();
        }
    }

    private AccessTokenService service() {
        return serviceFor(web.request());
    }

    /** One client per test, built with the configuration as the test set it, closed after the test. */
    @SuppressWarnings("unchecked")
    private AccessTokenService serviceFor(HttpServletRequest request) {
        if (client == null) {
            client = new Auth0Client(config, Executors.defaultThreadFactory());
        }
        ContextSealer sealer = new ContextSealer(config.secrets(), config.contextTtl(), clock);
        SessionCredentials sessionCredentials = new SessionCredentials(credentials);
        StepUpOpener stepUps = new StepUpOpener(new StepUpFlows(sealer, clock, config.contextTtl()),
                mock(Event.class), RecordedEvents.none(), request);
        SessionTokenStore store = new SessionTokenStore();
        return new AccessTokenService(config, new TenantDomains(TestConfigs.DOMAIN, r -> TestConfigs.DOMAIN),
                sessionCredentials, store, stepUps,
                new RefreshGrant(config, client, sessionCredentials, store, stepUps, request, clock), request, clock);
    }

    /** What the next server of the cluster reads. */
    private SessionTokens onTheNextServer() {
        return SessionContents.findTokens(web.session()).orElseThrow();
    }

    @Test
    void sec36AGrantedTokenAndTheRotatedRefreshTokenReachTheNextServer() {
        auth0.stubFor(post("/oauth/token").willReturn(
                okJson("{\"access_token\":\"AT-1\",\"expires_in\":3600,\"refresh_token\":\"RT-2\"}")));

        assertEquals("AT-1", service().get(AUDIENCE));

        assertEquals("AT-1", onTheNextServer().valid(KEY, clock.instant(), Duration.ZERO).orElseThrow().value());
        assertEquals("RT-2", onTheNextServer().refreshToken().orElseThrow());
    }

    @Test
    void sec36AnotherUsersTokensAreDroppedOnTheNextServerEvenWhenTheStepUpStarts() {
        auth0.stubFor(post("/oauth/token").willReturn(okJson("{\"access_token\":\"AT-ALICE\",\"expires_in\":3600}")));
        AccessTokenService service = service();
        service.get(AUDIENCE);
        credentials.subject.set("auth0|bob");
        auth0.stubFor(post("/oauth/token").willReturn(aResponse().withStatus(403).withBody(
                "{\"error\":\"mfa_required\",\"error_description\":\"MFA\",\"mfa_token\":\"MFATOK-1\"}")));

        assertThrows(MfaRequiredException.class, () -> service.get(AUDIENCE));

        assertEquals("auth0|bob", onTheNextServer().subject().orElseThrow());
        assertTrue(onTheNextServer().valid(KEY, clock.instant(), Duration.ZERO).isEmpty(), "Alice's token is gone");
    }

    @Test
    void sec36AHandedOverRefreshTokenAndForgettingReachTheNextServer() {
        AccessTokenService service = service();

        service.useRefreshToken("auth0|carol", "RT-HANDED-OVER");
        assertEquals("RT-HANDED-OVER", onTheNextServer().refreshToken().orElseThrow());
        assertEquals("auth0|carol", onTheNextServer().subject().orElseThrow());

        service.forget();
        assertTrue(onTheNextServer().refreshToken().isEmpty());
    }

    @Test
    void handingOverABlankOrMissingSubjectOrRefreshTokenIsRefusedAndStoresNothing() {
        AccessTokenService service = service();

        for (String[] bad : List.of(new String[] {null, "RT"}, new String[] {" ", "RT"},
                new String[] {"auth0|carol", null}, new String[] {"auth0|carol", "\t"})) {
            assertThrows(IllegalArgumentException.class, () -> service.useRefreshToken(bad[0], bad[1]));
        }
        assertTrue(SessionContents.findTokens(web.session()).isEmpty());
    }

    @Test
    void aBlankRotatedRefreshTokenDoesNotReplaceTheOneHeld() {
        auth0.stubFor(post("/oauth/token").willReturn(
                okJson("{\"access_token\":\"AT-1\",\"expires_in\":3600,\"refresh_token\":\" \"}")));

        service().get(AUDIENCE);

        assertTrue(onTheNextServer().refreshToken().isEmpty(), "the source's RT-1 is used, none is stored");
        auth0.stubFor(post("/oauth/token").willReturn(
                okJson("{\"access_token\":\"AT-2\",\"expires_in\":3600,\"refresh_token\":\"RT-2\"}")));
        clock.advance(Duration.ofHours(2));
        service().get(AUDIENCE);
        auth0.stubFor(post("/oauth/token").willReturn(
                okJson("{\"access_token\":\"AT-3\",\"expires_in\":3600,\"refresh_token\":\"\"}")));
        clock.advance(Duration.ofHours(2));
        service().get(AUDIENCE);

        assertEquals("RT-2", onTheNextServer().refreshToken().orElseThrow());
    }

    @Test
    void aTokenGrantedWithoutAScopeCarriesTheScopeAskedFor() {
        auth0.stubFor(post("/oauth/token").willReturn(okJson("{\"access_token\":\"AT-1\",\"expires_in\":3600}")));
        auth0.stubFor(post("/oauth/token").withRequestBody(com.github.tomakehurst.wiremock.client.WireMock
                .containing("audience=https%3A%2F%2Fother")).willReturn(
                        okJson("{\"access_token\":\"AT-2\",\"expires_in\":3600,\"scope\":\"read\"}")));
        AccessTokenService service = service();

        assertEquals("write read", service.token(AUDIENCE, "write read").grantedScope());
        assertEquals("read", service.token("https://other", "write read").grantedScope());
        auth0.verify(postRequestedFor(urlEqualTo("/oauth/token")).withFormParam("audience", equalTo(AUDIENCE)));
    }

    @Test
    void sec32AStartedStepUpIsASecurityEvent() {
        auth0.stubFor(post("/oauth/token").willReturn(aResponse().withStatus(403).withBody(
                "{\"error\":\"mfa_required\",\"error_description\":\"MFA\",\"mfa_token\":\"MFATOK-1\"}")));
        AccessTokenService service = service();
        List<String> events;
        try (LogCapture security = new LogCapture(SecurityLog.LOGGER_NAME)) {
            MfaRequiredException e = assertThrows(MfaRequiredException.class, () -> service.get(AUDIENCE));
            events = security.messages();
            assertTrue(events.get(0).contains(" flow=" + e.flowId() + " "), events.toString());
        }

        assertEquals(1, events.size(), events.toString());
        assertTrue(events.get(0).startsWith("mfa.step_up_started user=" + SecurityLog.pseudonym("auth0|alice")),
                events.get(0));
    }

    /** Another request of the session holds the lock for longer than a call to Auth0 can take. */
    @Test
    void sec13ARequestThatCannotHaveTheSessionsLockGetsIdpUnavailableAndSendsNothing() throws Exception {
        config = TestConfigs.impatient(auth0.baseUrl());
        TestRequests shared = TestRequests.withSession();
        AccessTokenService service = serviceFor(shared.request());
        SessionTokenStore store = new SessionTokenStore();
        store.bindSubject(shared.session(), "auth0|alice");
        ReentrantLock lock = store.lockFor(shared.session(), KEY);
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread other = new Thread(() -> {
            lock.lock();
            held.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                lock.unlock();
            }
        });
        other.start();
        held.await();
        try {
            AccessTokenException e = assertThrows(AccessTokenException.class, () -> service.get(AUDIENCE));
            assertEquals(ErrorCodes.IDP_UNAVAILABLE, e.code());

            Thread.currentThread().interrupt();
            AccessTokenException interrupted = assertThrows(AccessTokenException.class, () -> service.get(AUDIENCE));
            assertEquals(ErrorCodes.IDP_UNAVAILABLE, interrupted.code());
            assertTrue(Thread.interrupted(), "the interruption is kept for the caller");
        } finally {
            release.countDown();
            other.join();
        }
        auth0.verify(0, anyRequestedFor(anyUrl()));
    }
}
