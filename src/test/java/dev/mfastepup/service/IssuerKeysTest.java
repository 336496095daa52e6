package dev.mfastepup.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import dev.mfastepup.ErrorCodes;
import dev.mfastepup.MutableClock;
import dev.mfastepup.client.IdpException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The tenants' key sets kept at once (at most 64; a 65th starts the cache again rather than grow it), and what a
 * failed fetch leaves behind: the error goes to the caller, the next use tries again, and the try counts for the
 * 30 seconds between fetches for an unknown key. One fetch per tenant runs at a time.
 */
class IssuerKeysTest {

    private static final String TENANT = "tenant.example.com";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
    private final List<String> fetched = Collections.synchronizedList(new ArrayList<>());
    private final JWKSet keys;
    private final IssuerKeys issuerKeys;
    private volatile Supplier<JWKSet> answer;

    IssuerKeysTest() throws Exception {
        OctetSequenceKey key = new OctetSequenceKeyGenerator(256).keyID("k1").generate();
        keys = new JWKSet(key);
        answer = () -> keys;
        issuerKeys = new IssuerKeys(domain -> {
            fetched.add(domain);
            return answer.get();
        }, clock);
    }

    private void use(String domain) {
        assertEquals(1, issuerKeys.select(domain, new JWKMatcher.Builder().keyID("k1").build()).size());
    }

    private int found(String keyId) {
        return issuerKeys.select(TENANT, new JWKMatcher.Builder().keyID(keyId).build()).size();
    }

    private static IdpException down() {
        return new IdpException(ErrorCodes.IDP_UNAVAILABLE, 503, null, "down", null, null);
    }

    @Test
    void sixtyFourTenantsAreKeptAndEachKeySetIsFetchedOnce() {
        for (int i = 0; i < 64; i++) {
            use("tenant-" + i + ".example.com");
        }
        for (int i = 0; i < 64; i++) {
            use("tenant-" + i + ".example.com");
        }

        assertEquals(64, fetched.size());
    }

    @Test
    void aSixtyFifthTenantStartsTheCacheAgainSoTheOthersAreFetchedAgain() {
        for (int i = 0; i < 64; i++) {
            use("tenant-" + i + ".example.com");
        }
        use("tenant-64.example.com");
        fetched.clear();

        use("tenant-64.example.com");
        use("tenant-0.example.com");

        assertEquals(List.of("tenant-0.example.com"), fetched);
    }

    @Test
    void selectWhenTheFirstFetchFailsThenTheErrorGoesToTheCallerAndTheNextUseTriesAgain() {
        IdpException down = down();
        answer = () -> {
            throw down;
        };

        assertSame(down, assertThrows(IdpException.class, () -> found("k1")));
        answer = () -> keys;

        assertEquals(1, found("k1"));
        assertEquals(List.of(TENANT, TENANT), fetched);
    }

    @Test
    void selectWhenTheSetExpiredAndCannotBeFetchedThenTheExpiredSetIsNotUsed() {
        assertEquals(1, found("k1"));
        clock.advance(IssuerKeys.MAX_AGE);
        answer = () -> {
            throw down();
        };

        assertThrows(IdpException.class, () -> found("k1"));
        assertThrows(IdpException.class, () -> found("k1"));
        answer = () -> keys;

        assertEquals(1, found("k1"));
        assertEquals(4, fetched.size());
    }

    @Test
    void selectWhenAFetchForAnUnknownKeyFailedThenTheNextFetchForOneWaitsThirtySeconds() {
        assertEquals(1, found("k1"));
        clock.advance(IssuerKeys.MIN_REFETCH);
        answer = () -> {
            throw down();
        };
        assertThrows(IdpException.class, () -> found("k2"));
        answer = () -> keys;

        clock.advance(IssuerKeys.MIN_REFETCH.minusSeconds(1));
        assertEquals(0, found("k2"));
        assertEquals(2, fetched.size());

        clock.advance(Duration.ofSeconds(1));
        assertEquals(0, found("k2"));
        assertEquals(3, fetched.size());
        // The known key is still found, from the set fetched last, without fetching.
        assertEquals(1, found("k1"));
        assertEquals(3, fetched.size());
    }

    @Test
    void selectWhenManyRequestsNeedTheSetAtOnceThenOneFetchRunsAndTheOthersWaitForIt() throws Exception {
        CountDownLatch fetching = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        answer = () -> {
            fetching.countDown();
            try {
                assertTrue(release.await(10, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return keys;
        };
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                results.add(pool.submit(() -> found("k1")));
            }
            assertTrue(fetching.await(10, TimeUnit.SECONDS));
            Thread.sleep(100);
            release.countDown();
            for (Future<Integer> result : results) {
                assertEquals(1, result.get(10, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(List.of(TENANT), fetched);
    }
}
