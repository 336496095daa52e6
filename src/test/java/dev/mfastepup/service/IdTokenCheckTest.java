package dev.mfastepup.service;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.mfastepup.Auth0Stubs;
import dev.mfastepup.ErrorCodes;
import dev.mfastepup.LogCapture;
import dev.mfastepup.MfaException;
import dev.mfastepup.MutableClock;
import dev.mfastepup.TestConfigs;
import dev.mfastepup.TestRequests;
import dev.mfastepup.client.Auth0Client;
import dev.mfastepup.event.SecurityLog;
import dev.mfastepup.session.SessionContents;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link IdTokenCheck} and {@link IssuerKeys} against a stub tenant that publishes its keys (SEC-11): which keys a
 * token may be signed with, and how often the key set is fetched.
 */
class IdTokenCheckTest {

    @RegisterExtension
    static WireMockExtension auth0 = Auth0Stubs.server();

    private static final String SUBJECT = "auth0|alice";
    private static final String JWKS_PATH = "/.well-known/jwks.json";
    private static final RSAKey TENANT_KEY = rsaKey("tenant-key-1");
    private static final RSAKey ROGUE_KEY = rsaKey("rogue");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
    private Auth0Client client;
    private IdTokenCheck check;

    @BeforeEach
    void setUp() {
        client = new Auth0Client(TestConfigs.config(auth0.baseUrl()), Executors.defaultThreadFactory(), clock);
        check = new IdTokenCheck(TestConfigs.CLIENT_ID, client::baseUri, new IssuerKeys(client::keySet, clock), clock);
        stubKeys(TENANT_KEY.toPublicJWK());
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    @Test
    void sec11WhenManyTokensWithUnknownKidThenJwksFetchedAtMostOnceEvery30Seconds() throws Exception {
        check.check(step(TestRequests.withSession()), "flow", signed(TENANT_KEY, header(TENANT_KEY)));
        clock.advance(IssuerKeys.MIN_REFETCH);
        List<Callable<String>> forged = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            RSAKey rogue = i < 2 ? rsaKey("rogue-" + i) : ROGUE_KEY;
            TestRequests web = TestRequests.withSession();
            String token = signed(rogue, header(rogue));
            forged.add(() -> {
                MfaException e = assertThrows(MfaException.class, () -> check.check(step(web), "flow", token));
                assertTrue(web.invalidated());
                return e.code();
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<String> codes = new ArrayList<>();
        List<String> events;
        try (LogCapture security = new LogCapture(SecurityLog.LOGGER_NAME)) {
            for (Future<String> outcome : pool.invokeAll(forged)) {
                codes.add(outcome.get());
            }
            events = security.messages();
        } finally {
            pool.shutdownNow();
        }

        assertEquals(List.of(ErrorCodes.IDENTITY_MISMATCH), codes.stream().distinct().toList());
        assertEquals(40, events.stream().filter(m -> m.startsWith("mfa.identity_mismatch ")
                && m.contains(" reason=unknown_key ")).count(), events.toString());
        auth0.verify(2, getRequestedFor(urlEqualTo(JWKS_PATH)));

        clock.advance(IssuerKeys.MIN_REFETCH.minusSeconds(1));
        assertEquals("unknown_key", reasonOf(TestRequests.withSession(), signed(ROGUE_KEY, header(ROGUE_KEY))));
        auth0.verify(2, getRequestedFor(urlEqualTo(JWKS_PATH)));

        clock.advance(Duration.ofSeconds(1));
        assertEquals("unknown_key", reasonOf(TestRequests.withSession(), signed(ROGUE_KEY, header(ROGUE_KEY))));
        auth0.verify(3, getRequestedFor(urlEqualTo(JWKS_PATH)));
    }

    @Test
    void sec11WhenTheKeySetIsOlderThanTenMinutesThenFetchedAgain() {
        String token = signed(TENANT_KEY, header(TENANT_KEY));
        check.check(step(TestRequests.withSession()), "flow", token);
        clock.advance(IssuerKeys.MAX_AGE.minusSeconds(1));
        check.check(step(TestRequests.withSession()), "flow", token);
        auth0.verify(1, getRequestedFor(urlEqualTo(JWKS_PATH)));

        clock.advance(Duration.ofSeconds(1));
        check.check(step(TestRequests.withSession()), "flow", token);

        auth0.verify(2, getRequestedFor(urlEqualTo(JWKS_PATH)));
    }

    @Test
    void sec11WhenTheTokenNamesNoKeyIdThenTheTenantsKeysAreTried() {
        TestRequests web = TestRequests.withSession();

        check.check(step(web), "flow", signed(TENANT_KEY, new JWSHeader.Builder(JWSAlgorithm.RS256).build()));

        assertFalse(web.invalidated());
    }

    @Test
    void sec11WhenTheHeaderPointsAtOtherKeysThenTheyAreNeverFetchedOrUsed() {
        // jku, and the key itself in the header (CVE-2018-0114 in another library): both are the attacker's
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(ROGUE_KEY.getKeyID())
                .jwkURL(URI.create(auth0.baseUrl() + "/evil/jwks.json")).jwk(ROGUE_KEY.toPublicJWK()).build();

        assertEquals("unknown_key", reasonOf(TestRequests.withSession(), signed(ROGUE_KEY, header)));

        auth0.verify(0, anyRequestedFor(urlEqualTo("/evil/jwks.json")));
    }

    @Test
    void sec11WhenTheTenantsKeyIsForEncryptionOrAnotherAlgorithmThenNotUsed() throws Exception {
        stubKeys(new RSAKey.Builder(TENANT_KEY.toPublicJWK()).keyUse(KeyUse.ENCRYPTION).build());
        assertEquals("unknown_key", reasonOf(TestRequests.withSession(), signed(TENANT_KEY, header(TENANT_KEY))));

        clock.advance(IssuerKeys.MIN_REFETCH);
        stubKeys(new RSAKey.Builder(TENANT_KEY.toPublicJWK()).algorithm(JWSAlgorithm.RS512).build());
        assertEquals("unknown_key", reasonOf(TestRequests.withSession(), signed(TENANT_KEY, header(TENANT_KEY))));

        // An EC key under the same id does not verify an RS256 token either.
        clock.advance(IssuerKeys.MIN_REFETCH);
        ECKey ec = new ECKeyGenerator(Curve.P_256).keyID(TENANT_KEY.getKeyID()).generate();
        stubKeys(ec.toPublicJWK());
        assertEquals("unknown_key", reasonOf(TestRequests.withSession(), signed(TENANT_KEY, header(TENANT_KEY))));
    }

    @Test
    void sec11WhenTheSignatureIsEmptyOrZeroThenBadSignature() throws Exception {
        SignedJWT jwt = SignedJWT.parse(signed(TENANT_KEY, header(TENANT_KEY)));
        String stripped = jwt.getHeader().toBase64URL() + "." + jwt.getPayload().toBase64URL() + ".";
        String zeroed = jwt.getHeader().toBase64URL() + "." + jwt.getPayload().toBase64URL() + "."
                + Base64URL.encode(new byte[256]);

        assertEquals("bad_signature", reasonOf(TestRequests.withSession(), zeroed));
        assertEquals("bad_signature", reasonOf(TestRequests.withSession(), stripped));
        // Not a token at all stays a protocol fault: the session is kept.
        TestRequests web = TestRequests.withSession();
        MfaException e = assertThrows(MfaException.class, () -> check.check(step(web), "flow", "a.b."));
        assertEquals(ErrorCodes.IDP_BAD_RESPONSE, e.code());
        assertFalse(web.invalidated());
    }

    // Helpers ----------------------------------------------------------------------------------------------------

    /** Checks a token that must fail, and returns the reason logged with {@code mfa.identity_mismatch}. */
    private String reasonOf(TestRequests web, String token) {
        List<String> events;
        try (LogCapture security = new LogCapture(SecurityLog.LOGGER_NAME)) {
            MfaException e = assertThrows(MfaException.class, () -> check.check(step(web), "flow", token));
            assertEquals(ErrorCodes.IDENTITY_MISMATCH, e.code());
            events = security.messages().stream().filter(m -> m.contains(" session=s-")).toList();
        }
        assertTrue(web.invalidated());
        String event = events.stream().filter(m -> m.startsWith("mfa.identity_mismatch ")).findFirst()
                .orElseThrow(() -> new AssertionError("no mfa.identity_mismatch in " + events));
        return event.replaceAll(".* reason=(\\S+) .*", "$1");
    }

    private static MfaRequest step(TestRequests web) {
        return new MfaRequest(web.request(), web.session(), SessionContents.tokens(web.session()), SUBJECT,
                TestConfigs.DOMAIN);
    }

    private static void stubKeys(JWK... keys) {
        auth0.stubFor(get(JWKS_PATH).willReturn(okJson(new JWKSet(List.of(keys)).toString(false))));
    }

    private static JWSHeader header(RSAKey key) {
        return new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build();
    }

    private String signed(RSAKey key, JWSHeader header) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(SUBJECT).issuer(auth0.baseUrl() + "/")
                .audience(TestConfigs.CLIENT_ID).expirationTime(Date.from(clock.instant().plusSeconds(600))).build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private static RSAKey rsaKey(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
