package dev.mfastepup.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import dev.mfastepup.MutableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tenants' key sets kept at once: at most 64; a 65th starts the cache again rather than grow it. */
class IssuerKeysTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
    private final List<String> fetched = new ArrayList<>();
    private final JWKSet keys;
    private final IssuerKeys issuerKeys;

    IssuerKeysTest() throws Exception {
        OctetSequenceKey key = new OctetSequenceKeyGenerator(256).keyID("k1").generate();
        keys = new JWKSet(key);
        issuerKeys = new IssuerKeys(domain -> {
            fetched.add(domain);
            return keys;
        }, clock);
    }

    private void use(String domain) {
        assertEquals(1, issuerKeys.select(domain, new JWKMatcher.Builder().keyID("k1").build()).size());
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
}
