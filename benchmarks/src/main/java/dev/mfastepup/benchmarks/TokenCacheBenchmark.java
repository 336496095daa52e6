package dev.mfastepup.benchmarks;

import static org.mockito.Mockito.mock;

import dev.mfastepup.client.Auth0Client;
import dev.mfastepup.client.TenantDomains;
import dev.mfastepup.client.model.TokenResponse;
import dev.mfastepup.config.MfaStepUpConfig;
import dev.mfastepup.crypto.ContextSealer;
import dev.mfastepup.event.StepUpStarted;
import dev.mfastepup.session.CachedAccessToken;
import dev.mfastepup.session.SessionTokenStore;
import dev.mfastepup.session.StepUpFlows;
import dev.mfastepup.session.TokenKey;
import dev.mfastepup.token.AccessTokenService;
import dev.mfastepup.token.RefreshTokenSource;
import dev.mfastepup.token.SessionCredentials;
import dev.mfastepup.token.TokenWiring;
import jakarta.enterprise.event.Event;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@code AccessTokenService.get(audience, scope)} when the token is cached in the session (issue 5, item 2;
 * target &lt; 1 µs), next to a baseline measured in the same run: building the same {@link TokenKey} and looking
 * it up in a {@link HashMap}, the least any session cache has to do; and a lookup keyed by a plain string, which
 * shows what the key type itself costs.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class TokenCacheBenchmark {

    /** Non-final fields, so that the JIT cannot fold the arguments into constants. */
    private String audience = Fixtures.AUDIENCE;
    private String scope = Fixtures.SCOPE;

    private Auth0Client auth0;
    private AccessTokenService service;
    private Map<TokenKey, CachedAccessToken> baseline;
    private Map<String, String> plainBaseline;
    private String expected;

    @Setup(Level.Trial)
    @SuppressWarnings("unchecked")
    public void setUp() {
        MfaStepUpConfig config = Fixtures.config();
        Clock clock = Clock.systemUTC();
        // Its base URL points where nothing listens: a cache hit makes no call, anything else would fail.
        auth0 = new Auth0Client(config, Executors.defaultThreadFactory());
        ContextSealer sealer = new ContextSealer(config.secrets(), config.contextTtl(), clock);
        StepUpFlows flows = new StepUpFlows(sealer, clock, config.contextTtl());
        SessionCredentials credentials = new SessionCredentials(new RefreshTokenSource() {
            @Override
            public Optional<String> subject(HttpServletRequest request) {
                return Optional.of(Fixtures.SUBJECT);
            }

            @Override
            public Optional<String> refreshToken(HttpServletRequest request) {
                return Optional.of("bench-refresh-token");
            }
        });
        MapSession session = new MapSession();
        HttpServletRequest request = Fixtures.request(session);
        service = TokenWiring.accessTokenService(config, auth0, new TenantDomains(Fixtures.DOMAIN, null), flows,
                credentials, mock(Event.class), request);

        // The session as it is after a first successful get: bound to the user and tenant, one token cached.
        expected = Fixtures.jwtShaped(900, 1);
        SessionTokenStore store = new SessionTokenStore();
        store.bindSubject(session, Fixtures.SUBJECT);
        store.bindDomain(session, Fixtures.DOMAIN);
        TokenKey key = new TokenKey(audience, scope);
        CachedAccessToken cached = store.cache(session, key, AccessTokenService.accessToken(key,
                new TokenResponse(expected, "Bearer", 86_400L, null, null, scope, null), Instant.now()), null);

        String got = service.get(audience, scope);
        if (!expected.equals(got)) {
            throw new IllegalStateException("get did not return the cached token: the benchmark would not measure"
                    + " a cache hit");
        }
        baseline = new HashMap<>();
        baseline.put(key, cached);
        if (!expected.equals(baselineHashMapLookup())) {
            throw new IllegalStateException("the baseline lookup does not find the token");
        }
        plainBaseline = new HashMap<>();
        plainBaseline.put(audience + ' ' + scope, expected);
        if (!expected.equals(baselineStringKeyLookup())) {
            throw new IllegalStateException("the string-key baseline does not find the token");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        auth0.close();
    }

    /** @return the cached token, through the whole service: session, user, tenant, key, expiry. */
    @Benchmark
    public String getOnCacheHit() {
        return service.get(audience, scope);
    }

    /** @return the same token from a plain map, with the same key built the same way. */
    @Benchmark
    public String baselineHashMapLookup() {
        return baseline.get(new TokenKey(audience, scope)).value();
    }

    /** @return the same token from a map keyed by a plain string: what the key type itself costs. */
    @Benchmark
    public String baselineStringKeyLookup() {
        return plainBaseline.get(audience + ' ' + scope);
    }
}
