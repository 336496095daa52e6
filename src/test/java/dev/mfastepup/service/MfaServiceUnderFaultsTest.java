package dev.mfastepup.service;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.mfastepup.MfaException;
import dev.mfastepup.MfaTokenExpiredException;
import dev.mfastepup.MutableClock;
import dev.mfastepup.TestConfigs;
import dev.mfastepup.TestRequests;
import dev.mfastepup.client.Auth0Client;
import dev.mfastepup.client.IdpException;
import dev.mfastepup.client.TenantDomains;
import dev.mfastepup.config.MfaStepUpConfig;
import dev.mfastepup.crypto.ContextSealer;
import dev.mfastepup.event.StepUpCompleted;
import dev.mfastepup.event.StepUpStarted;
import dev.mfastepup.session.SessionContents;
import dev.mfastepup.session.StepUpFlows;
import dev.mfastepup.session.TokenKey;
import dev.mfastepup.token.RefreshTokenSource;
import dev.mfastepup.testing.FaultyTokenEndpoint;
import dev.mfastepup.token.SessionCredentials;
import jakarta.enterprise.event.Event;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * F23: a random 30 % of Auth0's answers to the codes are faults (F2 too slow, F6 connection reset, F9 a 500 with
 * JSON, F10 a 503 gateway page) while 20 users complete 15 step-ups each at once, through one {@link MfaService}
 * as the application has it. Every answer a user gets is a result or a fault the pages know how to show, each
 * success completes its flow once, with that user's own token in that user's own session, and no limit stops a
 * user whose every code was right.
 */
class MfaServiceUnderFaultsTest {

    private static final int USERS = 20;
    private static final int FLOWS_PER_USER = 15;
    private static final TokenKey KEY = new TokenKey("https://api.example.com", "read:reports");

    /** Auth0's token endpoint, which answers 30 % of the codes with a fault and the rest with a token of its own. */
    private static final FaultyTokenEndpoint FAULTY_AUTH0 = new FaultyTokenEndpoint();

    @RegisterExtension
    static WireMockExtension auth0 = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()
            .bindAddress("127.0.0.1").extensions(FAULTY_AUTH0)).build();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T09:00:00Z"));
    private final AtomicLong lastBreakerPause = new AtomicLong();
    private final ThreadLocal<TestRequests> current = new ThreadLocal<>();
    private final ThreadLocal<String> user = new ThreadLocal<>();
    private final Set<String> completedFlows = ConcurrentHashMap.newKeySet();
    // F2 is an answer slower than the deadline: the short one, so that it is a timeout.
    private final MfaStepUpConfig config = TestConfigs.impatient(auth0.baseUrl());
    private final Auth0Client client = new Auth0Client(config, Executors.defaultThreadFactory(), clock);
    private final StepUpFlows flows = new StepUpFlows(new ContextSealer(config.secrets(), config.contextTtl(), clock),
            clock, config.contextTtl());

    @AfterEach
    void tearDown() {
        client.close();
    }

    @Test
    void f23WhenAThirdOfTheAnswersAreFaultsUnderLoadThenEveryAnswerIsOneThePagesKnowAndNothingIsCountedTwice()
            throws Exception {
        FAULTY_AUTH0.configure(0.30, List.of("F2", "F6", "F9", "F10"), Duration.ofMillis(2_500),
                grant -> "AT-" + grant.get("mfa_token").substring("MFATOK-".length()));
        auth0.stubFor(post("/oauth/token").willReturn(aResponse().withTransformers(FaultyTokenEndpoint.NAME)));
        MfaService service = ServiceWiring.mfaService(config, client, new TenantDomains(TestConfigs.DOMAIN, null), flows,
                new SessionCredentials(currentUser()), mockEvent(), mockEvent(), currentRequest(), clock);
        ExecutorService users = Executors.newFixedThreadPool(USERS);
        List<Future<Map<String, Integer>>> outcomes = new ArrayList<>();
        for (int u = 0; u < USERS; u++) {
            String name = "u" + u;
            outcomes.add(users.submit(() -> stepUps(service, name)));
        }
        Map<String, Integer> total = new ConcurrentHashMap<>();
        for (Future<Map<String, Integer>> outcome : outcomes) {
            outcome.get().forEach((kind, count) -> total.merge(kind, count, Integer::sum));
        }
        users.shutdown();

        System.out.printf("[f23] %d step-ups by %d users at once; Auth0 answered %d codes with a token and %s with"
                + " a fault; the users saw %s%n", USERS * FLOWS_PER_USER, USERS, FAULTY_AUTH0.answeredWithToken(),
                FAULTY_AUTH0.faults(), total);
        assertEquals(USERS * FLOWS_PER_USER, total.get("verified"), "every step-up completed, however often");
        assertEquals(USERS * FLOWS_PER_USER, completedFlows.size(), "each flow completed once");
        assertTrue(FAULTY_AUTH0.answeredWithToken() >= total.get("verified"), "no completion without a token");
        assertTrue(FAULTY_AUTH0.faults().values().stream().mapToInt(Integer::intValue).sum() > 0, "faults injected");
    }

    /** One user's step-ups, one after the other, each tried again until it completes; returns what they saw. */
    private Map<String, Integer> stepUps(MfaService service, String name) {
        TestRequests web = TestRequests.withSession();
        current.set(web);
        user.set("auth0|" + name);
        Map<String, Integer> seen = new ConcurrentHashMap<>();
        for (int n = 0; n < FLOWS_PER_USER; n++) {
            String marker = "F23-" + name + "-" + n;
            String flowId = start(web, marker);
            while (true) {
                try {
                    VerifyResult result = service.verify(flowId, new Verification.Otp("123456"));
                    assertTrue(result instanceof VerifyResult.Verified, result.toString());
                    assertTrue(completedFlows.add(flowId), "completed twice: " + flowId);
                    // this user's own token, in this user's own session
                    String token = SessionContents.tokens(web.session()).valid(KEY, clock.instant(), Duration.ZERO)
                            .orElseThrow().value();
                    assertEquals("AT-" + marker, token);
                    seen.merge("verified", 1, Integer::sum);
                    break;
                } catch (IdpException fault) {
                    // what the pages show as "Auth0 is slow / unreachable / not answering properly, try again"
                    assertTrue(fault.isUnavailable(), fault.code() + ": " + fault.getMessage());
                    seen.merge(fault.code(), 1, Integer::sum);
                    if (fault.isNotSent() && fault.retryAfter().isPresent()) {
                        pauseOfTheCircuitBreakerIsOver();
                    }
                } catch (MfaTokenExpiredException expired) {
                    // the breaker's pauses moved the clock past the flow's lifetime, or the flow had its five
                    // attempts (a lost answer, F2 or F6, counts as one): the user starts again
                    seen.merge("expired", 1, Integer::sum);
                    flowId = start(web, marker);
                } catch (MfaException other) {
                    throw new AssertionError("an answer the pages do not expect here: " + other.code(), other);
                }
            }
        }
        return seen;
    }

    private String start(TestRequests web, String marker) {
        return flows.start(web.session(), user.get(), TestConfigs.DOMAIN, KEY, "MFATOK-" + marker, null).flowId();
    }

    /** Five failures in a row opened the breaker: let its 30 s pass, once for all users. */
    private void pauseOfTheCircuitBreakerIsOver() {
        long now = System.nanoTime();
        long last = lastBreakerPause.get();
        if (now - last > Duration.ofMillis(200).toNanos() && lastBreakerPause.compareAndSet(last, now)) {
            clock.advance(Duration.ofSeconds(31));
        }
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The signed-in user of the request this thread serves. */
    private RefreshTokenSource currentUser() {
        return new RefreshTokenSource() {
            @Override
            public Optional<String> subject(HttpServletRequest request) {
                return Optional.ofNullable(user.get());
            }

            @Override
            public Optional<String> refreshToken(HttpServletRequest request) {
                return Optional.of("RT-" + user.get());
            }
        };
    }

    /** The request this thread serves, as CDI's request proxy hands the application-scoped service its own. */
    private HttpServletRequest currentRequest() {
        return (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> {
                    try {
                        return method.invoke(current.get().request(), args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @SuppressWarnings("unchecked")
    private static <T> Event<T> mockEvent() {
        return mock(Event.class);
    }
}
