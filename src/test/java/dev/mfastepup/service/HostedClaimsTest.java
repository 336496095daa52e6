package dev.mfastepup.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.mfastepup.config.UniversalLoginConfig;
import dev.mfastepup.session.HostedLogin;
import dev.mfastepup.session.TokenKey;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SEC-40: what {@link HostedClaims} asks of the ID token of a step-up through Universal Login. */
class HostedClaimsTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final String POLICY = UniversalLoginConfig.MULTI_FACTOR_POLICY;
    private static final String NONCE = "n-0123456789abcdefghij";

    @Test
    void sec40AmrWithMfaOrAcrWithThePolicyProvesTheSecondFactor() {
        assertNull(HostedClaims.failure(claims().claim("amr", List.of("pwd", "mfa")).build(), login(null), NOW));
        assertNull(HostedClaims.failure(claims().claim("acr", POLICY).build(), login(null), NOW));
        assertEquals("no_second_factor", HostedClaims.failure(claims().claim("amr", List.of("pwd")).build(),
                login(null), NOW));
        assertEquals("no_second_factor", HostedClaims.failure(claims().build(), login(null), NOW));
        assertEquals("no_second_factor", HostedClaims.failure(claims().claim("amr", "mfa-not-a-list-member")
                .build(), login(null), NOW));
        assertEquals("wrong_acr", HostedClaims.failure(claims().claim("amr", List.of("mfa")).build(),
                login(null, "urn:example:loa:3"), NOW), "another policy asked for: acr must name it");
        assertNull(HostedClaims.failure(claims().claim("acr", "urn:example:loa:3").build(),
                login(null, "urn:example:loa:2 urn:example:loa:3"), NOW));
    }

    @Test
    void sec40TheNonceMustBeTheRequests() {
        assertEquals("wrong_nonce", HostedClaims.failure(claims().claim("nonce", "another").claim("acr", POLICY)
                .build(), login(null), NOW));
        assertEquals("wrong_nonce", HostedClaims.failure(new JWTClaimsSet.Builder().claim("acr", POLICY).build(),
                login(null), NOW));
    }

    @Test
    void sec40AuthTimeMustBeWithinMaxAgeAndNeverInTheFuture() {
        long skew = IdTokenCheck.CLOCK_SKEW.toSeconds();
        assertNull(HostedClaims.failure(mfa(NOW.minusSeconds(300 + skew)), login(300L), NOW));
        assertEquals("stale_auth_time", HostedClaims.failure(mfa(NOW.minusSeconds(301 + skew)), login(300L), NOW));
        assertEquals("future_auth_time", HostedClaims.failure(mfa(NOW.plusSeconds(skew + 1)), login(300L), NOW));
        assertEquals("no_auth_time", HostedClaims.failure(claims().claim("amr", List.of("mfa")).build(),
                login(300L), NOW));
        assertNull(HostedClaims.failure(claims().claim("amr", List.of("mfa")).build(), login(null), NOW),
                "without max_age, auth_time may be left out");
    }

    private static JWTClaimsSet mfa(Instant authTime) {
        return claims().claim("amr", List.of("mfa")).claim("auth_time", authTime.getEpochSecond()).build();
    }

    private static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder().claim("nonce", NONCE);
    }

    private static HostedLogin login(Long maxAge) {
        return login(maxAge, POLICY);
    }

    private static HostedLogin login(Long maxAge, String acrValues) {
        return new HostedLogin("state", NONCE, "verifier", "https://app/cb", "auth0|alice", "tenant",
                new TokenKey("https://api", "read"), maxAge, acrValues, null, null, NOW.minusSeconds(30));
    }
}
