package dev.mfastepup.sample;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.text.ParseException;
import java.util.Set;

/**
 * Validates the access tokens the reports API receives, as any resource server in front of Auth0 must: an RS256
 * signature by a key of the issuer's JWKS (fetched once, cached, fetched again for an unknown key id), the type
 * ({@code JWT} or RFC 9068's {@code at+jwt}), the issuer,
 * the audience {@value SampleConfig#REPORTS_AUDIENCE}, and the expiry (60 s of clock skew). Anything else is
 * refused.
 */
@ApplicationScoped
public class BearerTokenValidator {

    @Inject
    SampleConfig config;

    private ConfigurableJWTProcessor<SecurityContext> processor;

    /** For CDI. */
    public BearerTokenValidator() {
    }

    /**
     * A validator for an issuer and its key set, without CDI (for tests).
     *
     * @param issuer the expected {@code iss}.
     * @param jwks where the issuer's keys are.
     */
    BearerTokenValidator(String issuer, URL jwks) {
        processor = processor(issuer, jwks);
    }

    @PostConstruct
    void init() {
        try {
            processor = processor(config.getIssuer(), URI.create(config.getJwksUri()).toURL());
        } catch (MalformedURLException e) {
            throw new IllegalStateException("Bad JWKS URL " + config.getJwksUri(), e);
        }
    }

    private static ConfigurableJWTProcessor<SecurityContext> processor(String issuer, URL jwks) {
        // Timeouts of 2 s (Nimbus's default is 0.5 s, short for a cold server), key sets up to 50 KB.
        JWKSource<SecurityContext> keys = JWKSourceBuilder
                .create(jwks, new DefaultResourceRetriever(2_000, 2_000, 50 * 1024))
                .retrying(true)
                .build();
        ConfigurableJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        // Access tokens come as typ "JWT" or, in RFC 9068's profile, "at+jwt".
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(
                JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                SampleConfig.REPORTS_AUDIENCE,
                new JWTClaimsSet.Builder().issuer(issuer).build(),
                Set.of("sub", "exp")));
        return processor;
    }

    /**
     * Validates a token.
     *
     * @param token the compact JWT from the {@code Authorization: Bearer} header.
     * @return its claims.
     * @throws InvalidTokenException when the token is malformed, badly signed, from another issuer, for another
     *         audience or expired.
     */
    public JWTClaimsSet validate(String token) {
        try {
            return processor.process(token, null);
        } catch (ParseException | BadJOSEException | JOSEException e) {
            throw new InvalidTokenException(e.getMessage());
        }
    }

    /** A token the API does not accept; the message is safe to send back (it never contains the token). */
    public static class InvalidTokenException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InvalidTokenException(String message) {
            super(message, null, false, false);
        }
    }
}
