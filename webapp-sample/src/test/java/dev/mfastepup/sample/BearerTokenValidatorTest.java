package dev.mfastepup.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The reports API's token checks, against a key set served over HTTP on 127.0.0.1. */
class BearerTokenValidatorTest {

    private static final String ISSUER = "http://localhost:8080/emulator/";

    private static RSAKey issuerKey;
    private static HttpServer jwksServer;
    private static BearerTokenValidator validator;

    @BeforeAll
    static void serveKeys() throws Exception {
        issuerKey = new RSAKeyGenerator(2048).keyID("k1").generate();
        byte[] jwks = new JWKSet(issuerKey.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        jwksServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jwksServer.createContext("/.well-known/jwks.json", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(jwks);
            }
        });
        jwksServer.start();
        validator = new BearerTokenValidator(ISSUER, URI.create(
                "http://127.0.0.1:" + jwksServer.getAddress().getPort() + "/.well-known/jwks.json").toURL());
    }

    @AfterAll
    static void stop() {
        jwksServer.stop(0);
    }

    @Test
    void acceptsATokenOfTheIssuerForTheReportsApi() throws Exception {
        JWTClaimsSet claims = validator.validate(rs256(issuerKey, claims().build()));
        assertEquals("auth0|alice", claims.getSubject());
    }

    @Test
    void acceptsTheAudienceAmongOthers() throws Exception {
        validator.validate(rs256(issuerKey, claims()
                .audience(List.of(SampleConfig.REPORTS_AUDIENCE, ISSUER + "userinfo")).build()));
    }

    @Test
    void acceptsAnRfc9068AccessToken() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1")
                .type(new JOSEObjectType("at+jwt")).build(), claims().build());
        jwt.sign(new RSASSASigner(issuerKey));
        validator.validate(jwt.serialize());
    }

    @Test
    void refusesAnotherType() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1")
                .type(new JOSEObjectType("logout+jwt")).build(), claims().build());
        jwt.sign(new RSASSASigner(issuerKey));
        assertRefused(jwt.serialize());
    }

    @Test
    void refusesASignatureByAnotherKey() throws Exception {
        RSAKey other = new RSAKeyGenerator(2048).keyID("k1").generate();
        assertRefused(rs256(other, claims().build()));
    }

    @Test
    void refusesAnotherIssuer() throws Exception {
        assertRefused(rs256(issuerKey, claims().issuer("https://evil.example.com/").build()));
    }

    @Test
    void refusesAnotherAudience() throws Exception {
        assertRefused(rs256(issuerKey, claims().audience("https://other.example.com").build()));
    }

    @Test
    void refusesAnExpiredToken() throws Exception {
        assertRefused(rs256(issuerKey, claims().expirationTime(Date.from(Instant.now().minusSeconds(120))).build()));
    }

    @Test
    void refusesATokenWithoutExpiry() throws Exception {
        assertRefused(rs256(issuerKey, claims().expirationTime(null).build()));
    }

    @Test
    void refusesAnHmacTokenSignedWithThePublicKey() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("k1").build(), claims().build());
        jwt.sign(new MACSigner(issuerKey.toPublicJWK().toRSAPublicKey().getEncoded()));
        assertRefused(jwt.serialize());
    }

    @Test
    void refusesAnUnsignedToken() {
        assertRefused(new PlainJWT(claims().build()).serialize());
    }

    @Test
    void refusesGarbage() {
        assertRefused("not-a-token");
    }

    private static JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject("auth0|alice")
                .audience(SampleConfig.REPORTS_AUDIENCE)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .claim("scope", SampleConfig.REPORTS_SCOPE);
    }

    private static String rs256(RSAKey key, JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static void assertRefused(String token) {
        assertThrows(BearerTokenValidator.InvalidTokenException.class, () -> validator.validate(token));
    }
}
