package dev.mfastepup.emulator;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;

/**
 * Signs the tenant's JWTs with one RS256 key made at start, and publishes that key as a JWKS.
 */
public final class TokenIssuer {

    /** The lifetime of access and ID tokens. */
    public static final Duration TOKEN_LIFETIME = Duration.ofHours(1);
    /** The audience of an access token asked for without one. */
    public static final String DEFAULT_AUDIENCE = "https://emulator/userinfo";

    private final RSAKey key;

    /** Generates the signing key (RSA 2048). */
    public TokenIssuer() {
        try {
            key = new RSAKeyGenerator(2048).keyID("emulator-" + Randoms.token(6)).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate the signing key", e);
        }
    }

    /**
     * Returns the public JWKS.
     *
     * @return the JSON object with {@code keys}.
     */
    public Map<String, Object> jwks() {
        return new JWKSet(key.toPublicJWK()).toJSONObject(true);
    }

    /** @return the key id. */
    public String keyId() {
        return key.getKeyID();
    }

    /**
     * Signs an access token.
     *
     * @param issuer the issuer URL.
     * @param user the user.
     * @param clientId the client ({@code azp}).
     * @param audience the audience, or {@code null} for {@link #DEFAULT_AUDIENCE}.
     * @param scope the scope, or {@code null}.
     * @param now now.
     * @return the compact JWT.
     */
    public String accessToken(String issuer, DemoUser user, String clientId, String audience, String scope,
            Instant now) {
        return accessToken(issuer, user, clientId, audience, scope, Map.of(), now);
    }

    /**
     * Signs an access token with claims of the login ({@code auth_time}, {@code amr}, {@code acr}).
     *
     * @param issuer the issuer URL.
     * @param user the user.
     * @param clientId the client ({@code azp}).
     * @param audience the audience, or {@code null} for {@link #DEFAULT_AUDIENCE}.
     * @param scope the scope, or {@code null}.
     * @param extra the login's claims.
     * @param now now.
     * @return the compact JWT.
     */
    public String accessToken(String issuer, DemoUser user, String clientId, String audience, String scope,
            Map<String, Object> extra, Instant now) {
        JWTClaimsSet.Builder claims = common(issuer, user, now)
                .audience(audience == null || audience.isBlank() ? DEFAULT_AUDIENCE : audience)
                .claim("azp", clientId)
                .jwtID(Randoms.token(12));
        if (scope != null && !scope.isBlank()) {
            claims.claim("scope", scope);
        }
        extra.forEach(claims::claim);
        return sign(claims.build(), new JOSEObjectType("at+jwt"));
    }

    /**
     * Signs an ID token.
     *
     * @param issuer the issuer URL.
     * @param user the user.
     * @param clientId the client, the token's audience.
     * @param extra further claims, such as {@code nonce} or {@code auth_time}, added after the profile's.
     * @param now now.
     * @return the compact JWT.
     */
    public String idToken(String issuer, DemoUser user, String clientId, Map<String, Object> extra, Instant now) {
        JWTClaimsSet.Builder claims = common(issuer, user, now)
                .audience(clientId)
                .claim("email", user.email())
                .claim("email_verified", true)
                .claim("name", user.name())
                .claim("nickname", user.username())
                .claim("preferred_username", user.username());
        extra.forEach(claims::claim);
        return sign(claims.build(), JOSEObjectType.JWT);
    }

    /**
     * Verifies a token this tenant signed, as {@code /userinfo} does.
     *
     * @param token the compact JWT.
     * @param now now.
     * @return its claims, or empty when the signature is not ours or it has expired.
     */
    public Optional<JWTClaimsSet> verify(String token, Instant now) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!jwt.verify(new RSASSAVerifier(key.toRSAPublicKey()))) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            if (claims.getExpirationTime() == null || !claims.getExpirationTime().toInstant().isAfter(now)) {
                return Optional.empty();
            }
            return Optional.of(claims);
        } catch (ParseException | JOSEException e) {
            return Optional.empty();
        }
    }

    private static JWTClaimsSet.Builder common(String issuer, DemoUser user, Instant now) {
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(user.sub())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(TOKEN_LIFETIME)));
    }

    private String sign(JWTClaimsSet claims, JOSEObjectType type) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(type).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a token", e);
        }
    }
}
