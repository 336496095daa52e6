package dev.mfastepup.service;

import dev.mfastepup.ErrorCodes;
import dev.mfastepup.MfaException;
import dev.mfastepup.client.IdpException;
import dev.mfastepup.event.SecurityLog;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;

/**
 * Checks the ID token Auth0 returns with an MFA grant before the grant is accepted (SEC-11): it must come from the
 * tenant that was asked ({@code iss}), be meant for this application ({@code aud}), not have expired ({@code exp},
 * with a minute for clocks that differ), and name the session's user ({@code sub}).
 *
 * <p>The signature is not checked: the token comes straight from Auth0's token endpoint over TLS, which OpenID
 * Connect Core §3.1.3.7 accepts instead. A token for another user ends the session, because the grant proves that
 * someone else's second factor was used in it; any other wrong claim fails the grant as an answer that is not the
 * protocol, and nothing is stored.
 */
final class IdTokenCheck {

    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    private final String clientId;
    private final Function<String, URI> issuerOf;
    private final Clock clock;

    /**
     * @param clientId this application's client id, the audience the token must name.
     * @param issuerOf the base URL the module calls for a domain, which Auth0 names as the issuer.
     * @param clock the clock.
     */
    IdTokenCheck(String clientId, Function<String, URI> issuerOf, Clock clock) {
        this.clientId = clientId;
        this.issuerOf = issuerOf;
        this.clock = clock;
    }

    /**
     * Checks an ID token of a step-up.
     *
     * @param step the request: its user, domain and session.
     * @param idToken the token.
     * @throws IdpException {@code idp_bad_response} for a token that cannot be read, comes from another issuer,
     *         names another audience or has expired.
     * @throws MfaException {@code identity_mismatch} for a token of another user; the session is invalidated.
     */
    void check(MfaRequest step, String idToken) {
        JWTClaimsSet claims;
        try {
            claims = JWTParser.parse(idToken).getJWTClaimsSet();
        } catch (ParseException | RuntimeException malformed) {
            throw refused("cannot be read", malformed);
        }
        if (claims == null) {
            throw refused("cannot be read", null);
        }
        if (!sameIssuer(claims.getIssuer(), issuerOf.apply(step.domain()))) {
            throw refused("comes from another issuer", null);
        }
        List<String> audience = claims.getAudience();
        if (audience == null || !audience.contains(clientId)) {
            throw refused("is meant for another application", null);
        }
        Date expires = claims.getExpirationTime();
        if (expires == null || !expires.toInstant().plus(CLOCK_SKEW).isAfter(Instant.now(clock))) {
            throw refused("has expired", null);
        }
        if (claims.getSubject() == null || !claims.getSubject().equals(step.subject())) {
            SecurityLog.record(Level.WARNING, "mfa.identity_mismatch", step.request(), step.subject(), null,
                    "action", "session_invalidated");
            step.session().invalidate();
            throw new MfaException(ErrorCodes.IDENTITY_MISMATCH,
                    "Auth0 returned a token for another user; the session was ended, sign in again");
        }
    }

    /** Auth0 writes the issuer as its base URL with a trailing slash; one slash more or less is the same issuer. */
    private static boolean sameIssuer(String issuer, URI expected) {
        return issuer != null && strip(issuer).equals(strip(expected.toString()));
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static IdpException refused(String what, Throwable cause) {
        return new IdpException(ErrorCodes.IDP_BAD_RESPONSE, 200, null,
                "Auth0 answered the MFA grant with an ID token that " + what, null, cause);
    }
}
