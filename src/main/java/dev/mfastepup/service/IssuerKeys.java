package dev.mfastepup.service;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import dev.mfastepup.client.Auth0Client;
import dev.mfastepup.client.IdpException;
import dev.mfastepup.config.ModuleClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
 * every 30 seconds, not one each. One fetch per tenant runs at a time; other requests wait for it.
 *
 * <p>Keys come only from the configured tenant's JWKS, never from a URL or key in the token's header
 * ({@code jku}, {@code jwk}, {@code x5u}). When the set cannot be fetched, the {@link IdpException} of the fetch
 * goes to the caller and the next use tries again; an expired set is not used meanwhile. The circuit breaker of
 * {@link dev.mfastepup.client.Auth0Client} stops calls to a tenant that keeps failing.
 */
@ApplicationScoped
class IssuerKeys {

    /** How long a fetched key set is used before it is fetched again. */
    static final Duration MAX_AGE = Duration.ofMinutes(10);
    /** The shortest time between two fetches of a tenant's key set for a key it did not have. */
    static final Duration MIN_REFETCH = Duration.ofSeconds(30);

    private static final int MAX_TENANTS = 64;

    private final Function<String, JWKSet> source;
    private final Clock clock;
    private final Map<String, Tenant> tenants = new ConcurrentHashMap<>();

    /** For CDI proxies only. */
    IssuerKeys() {
        this.source = null;
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
        this.source = fetch;
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
        synchronized (tenant) {
            Instant now = clock.instant();
            if (tenant.keys == null || !now.isBefore(tenant.fetchedAt.plus(MAX_AGE))) {
                tenant.fetch(domain, now);
            }
            List<JWK> found = selector.select(tenant.keys);
            if (found.isEmpty() && !now.isBefore(tenant.triedAt.plus(MIN_REFETCH))) {
                tenant.fetch(domain, now);
                found = selector.select(tenant.keys);
            }
            return found;
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
        return tenants.computeIfAbsent(domain, d -> new Tenant());
    }

    /** One tenant's key set; guarded by its own monitor. */
    private final class Tenant {
        private JWKSet keys;
        private Instant fetchedAt;
        private Instant triedAt;

        void fetch(String domain, Instant now) {
            triedAt = now;
            keys = source.apply(domain);
            fetchedAt = now;
        }
    }
}
