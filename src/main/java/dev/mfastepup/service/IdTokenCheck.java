package dev.mfastepup.service;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.mfastepup.ErrorCodes;
import dev.mfastepup.MfaException;
import dev.mfastepup.client.Auth0Client;
import dev.mfastepup.client.IdpException;
import dev.mfastepup.config.IdTokenSigning;
import dev.mfastepup.config.MfaStepUpConfig;
import dev.mfastepup.config.ModuleClock;
import dev.mfastepup.event.SecurityLog;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Level;

/**
 * Checks the ID token Auth0 returns with an MFA grant, or with the code of a step-up through Universal Login
 * (whose own claims {@link HostedClaims} checks next), before the grant is accepted (SEC-11).
 *
 * <p>The token must:
 * <ul>
 * <li>be signed with RS256 or PS256, by a key of the tenant's own JWKS
 * ({@code .well-known/jwks.json} below the tenant's base URL, see {@link IssuerKeys}). An unsigned token
 * ({@code alg=none}), an HMAC one (HS256, signed with the client secret), a key the tenant does not publish and a
 * wrong signature are all refused. Keys named in the token's header ({@code jku}, {@code jwk}, {@code x5u}) are
 * never used. An application that Auth0 signs for with HS256 says so
 * ({@link dev.mfastepup.config.IdTokenSigning#HS256}): then only HS256 with the client secret is accepted, and
 * RS256 is refused;</li>
 * <li>come from the tenant that was asked ({@code iss});</li>
 * <li>be meant for this application ({@code aud} holds the client id);</li>
 * <li>not have expired ({@code exp}, with a minute for clocks that differ);</li>
 * <li>name the session's user ({@code sub}).</li>
 * </ul>
 *
 * <p>The token comes straight from Auth0's token endpoint over TLS, which OpenID Connect Core §3.1.3.7 accepts
 * instead of a signature. The signature is checked anyway: it makes sure the answer was made by the tenant,
 * even when TLS is cut short by a proxy or the base URL points somewhere it should not.
 *
 * <p>A token that fails any of these checks ends the session: the session is invalidated, the event
 * {@code mfa.identity_mismatch} is logged with a short reason, and the step fails with {@code identity_mismatch}.
 * The grant may prove that someone else's second factor was used, so the user signs in again. Nothing is stored.
 * A token that cannot be read at all (not a JWT, encrypted) is a protocol fault: the step fails with
 * {@code idp_bad_response} and the session stays. When the tenant's keys cannot be fetched, the step fails as
 * Auth0 being unavailable ({@code idp_unavailable}); the session stays and nothing is stored.
 *
 * <p>Nimbus's {@link DefaultJWTProcessor} selects the keys and checks the signature. The claims are checked here,
 * not by {@code DefaultJWTClaimsVerifier}: it matches the issuer exactly (one slash more would fail), checks the
 * audience before the issuer (another reason would be logged) and refuses on {@code nbf}, which this never did.
 */
@Dependent
final class IdTokenCheck {

    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    /** The algorithms Auth0 signs ID tokens with by a key of its JWKS. */
    static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.PS256);

    private final String clientId;
    private final Function<String, URI> issuerOf;
    private final Clock clock;
    private final DefaultJWTProcessor<Domain> processor = new DefaultJWTProcessor<>();
    /** The client secret when Auth0 signs with HS256, else {@code null}: then only the tenant's keys count. */
    private final byte[] macKey;

    @Inject
    IdTokenCheck(MfaStepUpConfig config, Auth0Client auth0, IssuerKeys keys, @ModuleClock Clock clock) {
        this(config.clientId(), auth0::baseUri, keys, clock, config.idTokenSigning() == IdTokenSigning.HS256
                ? config.clientSecret().orElseThrow().getBytes(StandardCharsets.UTF_8) : null);
    }

    /** As below, for RS256 and PS256 tokens. */
    IdTokenCheck(String clientId, Function<String, URI> issuerOf, IssuerKeys keys, Clock clock) {
        this(clientId, issuerOf, keys, clock, null);
    }

    /**
     * @param clientId this application's client id, the audience the token must name.
     * @param issuerOf the base URL the module calls for a domain, which Auth0 names as the issuer.
     * @param keys the tenants' signing keys.
     * @param clock the clock.
     * @param macKey the client secret when Auth0 signs ID tokens with HS256 (then only HS256 is accepted), or
     *        {@code null} for RS256 and PS256 by the tenant's keys.
     */
    IdTokenCheck(String clientId, Function<String, URI> issuerOf, IssuerKeys keys, Clock clock, byte[] macKey) {
        this.clientId = clientId;
        this.issuerOf = issuerOf;
        this.clock = clock;
        this.macKey = macKey == null ? null : macKey.clone();
        // Keys only from the tenant's JWKS, whatever the header names; any typ; the claims are checked below.
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS,
                (selector, tenant) -> keys.select(tenant.domain(), selector.getMatcher())));
        processor.setJWSTypeVerifier((type, tenant) -> { });
        processor.setJWTClaimsSetVerifier(null);
    }

    /**
     * Checks an ID token of a step-up.
     *
     * @param step the request: its user, domain and session.
     * @param flowId the flow, for the log.
     * @param idToken the token.
     * @throws IdpException {@code idp_bad_response} for a token that cannot be read; {@code idp_unavailable} (or
     *         another code of {@link dev.mfastepup.client.Auth0Client#keySet}) when the keys cannot be fetched.
     * @return the token's claims, checked.
     * @throws MfaException {@code identity_mismatch} for a token that fails a check; the session is invalidated.
     */
    JWTClaimsSet check(MfaRequest step, String flowId, String idToken) {
        JWT parsed;
        JWTClaimsSet claims;
        try {
            parsed = JWTParser.parse(idToken);
            claims = parsed.getJWTClaimsSet();
        } catch (ParseException | RuntimeException malformed) {
            if (signatureStripped(idToken)) {
                throw mismatch(step, flowId, "bad_signature");
            }
            throw unreadable(malformed);
        }
        if (claims == null) {
            throw unreadable(null);
        }
        if (parsed instanceof PlainJWT) {
            throw mismatch(step, flowId, "not_signed");
        }
        if (!(parsed instanceof SignedJWT signed)) {
            throw unreadable(null);
        }
        String failed = signatureFailure(step.domain(), signed);
        if (failed == null) {
            failed = claimsFailure(step, claims);
        }
        if (failed != null) {
            throw mismatch(step, flowId, failed);
        }
        return claims;
    }

    /** @return why the signature is not the tenant's, or {@code null} when it is. */
    private String signatureFailure(String domain, SignedJWT signed) {
        JWSAlgorithm algorithm = signed.getHeader().getAlgorithm();
        if (macKey != null) {
            return JWSAlgorithm.HS256.equals(algorithm) ? macFailure(signed) : "algorithm_refused";
        }
        if (!ALGORITHMS.contains(algorithm)) {
            return "algorithm_refused";
        }
        try {
            processor.process(signed, new Domain(domain));
            return null;
        } catch (BadJWSException invalid) {
            return "bad_signature";
        } catch (BadJOSEException noKey) {
            return "unknown_key";
        } catch (MfaException keysNotFetched) {
            throw keysNotFetched;
        } catch (JOSEException | RuntimeException unusable) {
            // A key too short for the algorithm, or a key the verifier refuses: not a valid signature.
            return "bad_signature";
        }
    }

    /** @return why an HS256 signature is not the client secret's, or {@code null} when it is. */
    private String macFailure(SignedJWT signed) {
        try {
            return signed.verify(new MACVerifier(macKey)) ? null : "bad_signature";
        } catch (JOSEException | RuntimeException unusable) {
            return "bad_signature";
        }
    }

    /**
     * Tells whether a token that nimbus will not read is a readable signed token whose signature was cut off
     * ({@code header.payload.} with an algorithm other than {@code none}): a forgery, not a protocol fault.
     */
    private static boolean signatureStripped(String idToken) {
        String[] parts = idToken.split("\\.", -1);
        if (parts.length != 3 || !parts[2].isEmpty()) {
            return false;
        }
        try {
            JWSHeader.parse(new Base64URL(parts[0]));
            JWTClaimsSet.parse(new Base64URL(parts[1]).decodeToString());
            return true;
        } catch (ParseException | RuntimeException unreadable) {
            return false;
        }
    }

    /** @return which claim is wrong, or {@code null} when all are right. */
    private String claimsFailure(MfaRequest step, JWTClaimsSet claims) {
        if (!sameIssuer(claims.getIssuer(), issuerOf.apply(step.domain()))) {
            return "wrong_issuer";
        }
        List<String> audience = claims.getAudience();
        if (audience == null || !audience.contains(clientId)) {
            return "wrong_audience";
        }
        Date expires = claims.getExpirationTime();
        if (expires == null || !expires.toInstant().plus(CLOCK_SKEW).isAfter(Instant.now(clock))) {
            return "expired";
        }
        if (claims.getSubject() == null || !claims.getSubject().equals(step.subject())) {
            return "another_user";
        }
        return null;
    }

    private static MfaException mismatch(MfaRequest step, String flowId, String reason) {
        SecurityLog.record(Level.WARNING, "mfa.identity_mismatch", step.request(), step.subject(), flowId,
                "reason", reason, "action", "session_invalidated");
        step.session().invalidate();
        return new MfaException(ErrorCodes.IDENTITY_MISMATCH, "another_user".equals(reason)
                ? "Auth0 returned a token for another user; the session was ended, sign in again"
                : "Auth0's ID token for this step-up failed its checks (" + reason
                        + "); the session was ended, sign in again");
    }

    /** Auth0 writes the issuer as its base URL with a trailing slash; one slash more or less is the same issuer. */
    private static boolean sameIssuer(String issuer, URI expected) {
        return issuer != null && strip(issuer).equals(strip(expected.toString()));
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** The tenant whose keys a token must be signed with, handed through Nimbus to {@link IssuerKeys}. */
    private record Domain(String domain) implements SecurityContext {
    }

    private static IdpException unreadable(Throwable cause) {
        return new IdpException(ErrorCodes.IDP_BAD_RESPONSE, 200, null,
                "Auth0 answered the MFA grant with an ID token that cannot be read", null, cause);
    }
}
