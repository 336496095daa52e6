package dev.mfastepup.service;

import static com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator.noRefresh;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.CachingJWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.mfastepup.ErrorCodes;
import dev.mfastepup.client.Auth0Client;
import dev.mfastepup.client.IdpException;
import dev.mfastepup.config.ModuleClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The keys each tenant signs its ID tokens with, fetched from the tenant's own JWKS and kept for a while.
 *
 * <p>A key set is kept for {@link #MAX_AGE} (10 minutes), then fetched again on next use. When no key of the set
 * fits a token (Auth0 rotated its key, or the token is forged), the set is fetched again, but at most once per
 * {@link #MIN_REFETCH} (30 seconds) per tenant: a flood of tokens with unknown key ids costs Auth0 one request
 * every 30 seconds, not one each. One fetch per tenant runs at a time; other requests wait for it and use its set.
 *
 * <p>Keys come only from the configured tenant's JWKS, never from a URL or key in the token's header
 * ({@code jku}, {@code jwk}, {@code x5u}). When the set cannot be fetched, the {@link IdpException} of the fetch
 * goes to the caller and the next use tries again; an expired set is not used meanwhile. The circuit breaker of
 * {@link dev.mfastepup.client.Auth0Client} stops calls to a tenant that keeps failing.
 *
 * <p>Each tenant's set is held by a Nimbus {@link CachingJWKSetSource} over the module's fetch function, with time
 * from the injected clock. Nimbus's {@code RateLimitedJWKSetSource} is not used: it lets two fetches through per
 * interval and also holds back the first fetch and the one of an expired set; the 30-second rule is a refresh
 * evaluator instead, which the cache asks under its lock.
 */
@ApplicationScoped
class IssuerKeys {

    /** How long a fetched key set is used before it is fetched again. */
    static final Duration MAX_AGE = Duration.ofMinutes(10);
    /** The shortest time between two fetches of a tenant's key set for a key it did not have. */
    static final Duration MIN_REFETCH = Duration.ofSeconds(30);

    private static final int MAX_TENANTS = 64;

    private final Function<String, JWKSet> fetch;
    private final Clock clock;
    private final Map<String, Tenant> tenants = new ConcurrentHashMap<>();

    /** For CDI proxies only. */
    IssuerKeys() {
        this.fetch = null;
        this.clock = null;
    }

    @Inject
    IssuerKeys(Auth0Client auth0, @ModuleClock Clock clock) {
        this(auth0::keySet, clock);
    }

    /**
     * @param fetch fetches a tenant's key set by domain, such as {@link dev.mfastepup.client.Auth0Client#keySet}.
     * @param clock the clock.
     */
    IssuerKeys(Function<String, JWKSet> fetch, Clock clock) {
        this.fetch = fetch;
        this.clock = clock;
    }

    /**
     * Returns the tenant's keys that fit a token's header.
     *
     * @param domain the tenant's domain.
     * @param matcher what the key must be: type, key id, use and algorithm.
     * @return the keys, none when the tenant has no such key even after fetching its set again (or when it was
     *         fetched less than {@link #MIN_REFETCH} ago).
     * @throws IdpException when the key set has to be fetched and cannot be.
     */
    List<JWK> select(String domain, JWKMatcher matcher) {
        Tenant tenant = tenant(domain);
        JWKSelector selector = new JWKSelector(matcher);
        long now = clock.millis();
        try {
            List<JWK> found = selector.select(tenant.keys.getJWKSet(noRefresh(), now, null));
            return found.isEmpty() ? selector.select(tenant.keys.getJWKSet(tenant, now, null)) : found;
        } catch (KeySourceException interrupted) {
            // Only when the wait for another request's fetch is interrupted: the fetch's own errors pass unchanged.
            throw new IdpException(ErrorCodes.IDP_UNAVAILABLE, 0, null, "The tenant's signing keys were not fetched",
                    null, interrupted);
        }
    }

    private Tenant tenant(String domain) {
        Tenant tenant = tenants.get(domain);
        if (tenant != null) {
            return tenant;
        }
        if (tenants.size() >= MAX_TENANTS) {
            // More tenants than expected: start again rather than grow without bound.
            tenants.clear();
        }
        return tenants.computeIfAbsent(domain, Tenant::new);
    }

    /**
     * One tenant: its cached set; the fetch under the cache, which notes when it was last tried; and the rule for
     * a key the set lacks, which the cache asks (again under its lock) before it fetches for one.
     */
    private final class Tenant extends JWKSetCacheRefreshEvaluator implements JWKSetSource<SecurityContext> {
        private final String domain;
        // Requests wait for the running fetch as long as it takes: the client's timeouts bound it.
        private final CachingJWKSetSource<SecurityContext> keys =
                new CachingJWKSetSource<>(this, MAX_AGE.toMillis(), Long.MAX_VALUE, null);
        private volatile long triedAt;

        Tenant(String domain) {
            this.domain = domain;
        }

        /** Fetches the set; the cache calls it under its lock, one fetch at a time. */
        @Override
        public JWKSet getJWKSet(JWKSetCacheRefreshEvaluator evaluator, long now, SecurityContext context) {
            triedAt = now;
            return fetch.apply(domain);
        }

        /** Fetch again for a key the set lacks only when the last try, failed or not, is 30 seconds old. */
        @Override
        public boolean requiresRefresh(JWKSet cached) {
            return clock.millis() >= triedAt + MIN_REFETCH.toMillis();
        }

        @Override
        public void close() {
            // The fetch function is the client's, which closes itself.
        }
    }
}
