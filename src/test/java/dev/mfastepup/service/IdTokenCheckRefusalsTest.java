package dev.mfastepup.service;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.mfastepup.Auth0Stubs;
import dev.mfastepup.ErrorCodes;
import dev.mfastepup.MfaException;
import dev.mfastepup.MutableClock;
import dev.mfastepup.TestConfigs;
import dev.mfastepup.TestRequests;
import dev.mfastepup.client.Auth0Client;
import dev.mfastepup.session.SessionContents;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the user is told when Auth0's ID token is refused, and that a token of two parts is no token. */
class IdTokenCheckRefusalsTest {

    @RegisterExtension
    static WireMockExtension auth0 = Auth0Stubs.server();

    private static final String SUBJECT = "auth0|alice";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
    private final Auth0Client client = new Auth0Client(TestConfigs.config(auth0.baseUrl()),
            Executors.defaultThreadFactory(), clock);
    private final IdTokenCheck check = new IdTokenCheck(TestConfigs.CLIENT_ID, client::baseUri,
            new IssuerKeys(client::keySet, clock), clock);

    @AfterEach
    void close() {
        client.close();
    }

    private static MfaRequest step(TestRequests web) {
        return new MfaRequest(web.request(), web.session(), SessionContents.tokens(web.session()), SUBJECT,
                TestConfigs.DOMAIN);
    }

    private String tokenFor(String subject, String audience) throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("tenant-key").generate();
        auth0.stubFor(get("/.well-known/jwks.json").willReturn(okJson(new JWKSet(key.toPublicJWK()).toString())));
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("tenant-key").build(),
                new JWTClaimsSet.Builder().subject(subject).issuer(auth0.baseUrl() + "/").audience(audience)
                        .expirationTime(Date.from(clock.instant().plusSeconds(600))).build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    @Test
    void aTokenForAnotherUserSaysSo() throws Exception {
        String token = tokenFor("auth0|mallory", TestConfigs.CLIENT_ID);
        TestRequests web = TestRequests.withSession();

        MfaException refused = assertThrows(MfaException.class, () -> check.check(step(web), "flow", token));

        assertEquals(ErrorCodes.IDENTITY_MISMATCH, refused.code());
        assertEquals("Auth0 returned a token for another user; the session was ended, sign in again",
                refused.getMessage());
        assertTrue(web.invalidated());
    }

    @Test
    void aTokenThatFailsAnotherCheckNamesTheCheck() throws Exception {
        String token = tokenFor(SUBJECT, "another-client");

        MfaException refused = assertThrows(MfaException.class,
                () -> check.check(step(TestRequests.withSession()), "flow", token));

        assertEquals("Auth0's ID token for this step-up failed its checks (wrong_audience); the session was ended,"
                + " sign in again", refused.getMessage());
    }

    @Test
    void aTokenOfTwoPartsIsAnUnreadableAnswerAndTheSessionStays() {
        TestRequests web = TestRequests.withSession();

        MfaException e = assertThrows(MfaException.class,
                () -> check.check(step(web), "flow", "eyJhbGciOiJSUzI1NiJ9.e30"));

        assertEquals(ErrorCodes.IDP_BAD_RESPONSE, e.code());
        assertFalse(web.invalidated());
    }
}
