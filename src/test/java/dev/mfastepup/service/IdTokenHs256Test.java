package dev.mfastepup.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.mfastepup.ErrorCodes;
import dev.mfastepup.LogCapture;
import dev.mfastepup.MfaException;
import dev.mfastepup.MutableClock;
import dev.mfastepup.TestConfigs;
import dev.mfastepup.TestRequests;
import dev.mfastepup.event.SecurityLog;
import dev.mfastepup.session.SessionContents;
import com.nimbusds.jose.jwk.JWKSet;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ID tokens of an application Auth0 signs for with HS256 (issue 14, fidelity 7): the client secret is the key,
 * and then only HS256 counts; an application on RS256 never accepts HS256, whoever signed it.
 */
class IdTokenHs256Test {

    private static final String SUBJECT = "auth0|alice";
    private static final String ISSUER = "https://tenant.example/";
    private static final String CLIENT_SECRET = "a-client-secret-as-auth0-makes-them-64-characters-long-0123456789";
    private static final RSAKey TENANT_KEY = rsaKey();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
    private final IssuerKeys keys = new IssuerKeys(domain -> new JWKSet(TENANT_KEY.toPublicJWK()), clock);

    private IdTokenCheck check(byte[] macKey) {
        return new IdTokenCheck(TestConfigs.CLIENT_ID, domain -> URI.create(ISSUER), keys, clock, macKey);
    }

    private static byte[] secret(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void anHs256TokenSignedWithTheClientSecretIsAccepted() {
        TestRequests web = TestRequests.withSession();

        check(secret(CLIENT_SECRET)).check(step(web), "flow", signed(JWSAlgorithm.HS256, mac(CLIENT_SECRET)));

        assertFalse(web.invalidated());
    }

    @Test
    void anHs256TokenSignedWithAnotherSecretIsRefusedAndEndsTheSession() {
        String forged = signed(JWSAlgorithm.HS256, mac("another-secret-just-as-long-as-the-right-one-0123456789-abcdef"));

        assertEquals("bad_signature", reasonOf(check(secret(CLIENT_SECRET)), forged));
    }

    @Test
    void anHs256TokenWithAWrongClaimIsRefusedLikeAnyOther() {
        String otherUser = signed(JWSAlgorithm.HS256, mac(CLIENT_SECRET), "auth0|mallory");

        assertEquals("another_user", reasonOf(check(secret(CLIENT_SECRET)), otherUser));
    }

    @Test
    void anApplicationOnHs256RefusesEvenTheTenantsRs256Token() {
        String rs256 = signed(JWSAlgorithm.RS256, rsa());

        assertEquals("algorithm_refused", reasonOf(check(secret(CLIENT_SECRET)), rs256));
    }

    @Test
    void anApplicationOnRs256RefusesAnHs256TokenSignedWithItsClientSecret() {
        String hs256 = signed(JWSAlgorithm.HS256, mac(CLIENT_SECRET));

        assertEquals("algorithm_refused", reasonOf(check(null), hs256));
    }

    @Test
    void anApplicationOnRs256AcceptsTheTenantsRs256Token() {
        TestRequests web = TestRequests.withSession();

        check(null).check(step(web), "flow", signed(JWSAlgorithm.RS256, rsa()));

        assertFalse(web.invalidated());
    }

    // Helpers ----------------------------------------------------------------------------------------------------

    private String reasonOf(IdTokenCheck check, String token) {
        TestRequests web = TestRequests.withSession();
        List<String> events;
        try (LogCapture security = new LogCapture(SecurityLog.LOGGER_NAME)) {
            MfaException e = assertThrows(MfaException.class, () -> check.check(step(web), "flow", token));
            assertEquals(ErrorCodes.IDENTITY_MISMATCH, e.code());
            events = security.messages();
        }
        assertTrue(web.invalidated());
        return events.stream().filter(m -> m.startsWith("mfa.identity_mismatch ")).findFirst()
                .orElseThrow(() -> new AssertionError("no mfa.identity_mismatch in " + events))
                .replaceAll(".* reason=(\\S+) .*", "$1");
    }

    private static MfaRequest step(TestRequests web) {
        return new MfaRequest(web.request(), web.session(), SessionContents.tokens(web.session()), SUBJECT,
                TestConfigs.DOMAIN);
    }

    private static JWSSigner mac(String secret) {
        try {
            return new MACSigner(secret(secret));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JWSSigner rsa() {
        try {
            return new RSASSASigner(TENANT_KEY);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private String signed(JWSAlgorithm algorithm, JWSSigner signer) {
        return signed(algorithm, signer, SUBJECT);
    }

    private String signed(JWSAlgorithm algorithm, JWSSigner signer, String subject) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(subject).issuer(ISSUER)
                .audience(TestConfigs.CLIENT_ID).expirationTime(Date.from(clock.instant().plusSeconds(600))).build();
        JWSHeader.Builder header = new JWSHeader.Builder(algorithm);
        if (algorithm == JWSAlgorithm.RS256) {
            header.keyID(TENANT_KEY.getKeyID());
        }
        SignedJWT jwt = new SignedJWT(header.build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private static RSAKey rsaKey() {
        try {
            return new RSAKeyGenerator(2048).keyID("tenant-key-1").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
