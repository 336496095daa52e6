package dev.mfastepup.service;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.mfastepup.config.UniversalLoginConfig;
import dev.mfastepup.session.HostedLogin;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.ParseException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;

/**
 * What the ID token of a step-up through Universal Login must show beyond who signed it and for whom (those are
 * {@link IdTokenCheck}'s): that it answers this very request, and that a second factor was given, recently enough.
 *
 * <ul>
 * <li>{@code nonce} is the one the request sent: a code obtained for another request (another tab, another user's
 * browser) is refused (OpenID Connect Core §3.1.3.7, 11);</li>
 * <li>{@code amr} holds {@code mfa}, or {@code acr} names Auth0's multi-factor policy, when the request asked for
 * that policy. Auth0 puts both in the token when its login asked for a second factor; a token without either proves
 * a password at most. When the request asked for other policies only (a downstream API's {@code acr_values}),
 * {@code acr} must name one of them;</li>
 * <li>{@code auth_time} is present and no older than the request's {@code max_age} (with
 * {@link IdTokenCheck#CLOCK_SKEW}), when the request sent one; and never in the future.</li>
 * </ul>
 */
final class HostedClaims {

    /** The {@code amr} value Auth0 writes when a second factor was given. */
    static final String AMR_MFA = "mfa";

    private HostedClaims() {
        // static only
    }

    /**
     * Returns what is wrong with a token's claims for a request, as a short reason for the security log.
     *
     * @param claims the claims, whose signature, issuer, audience, expiry and subject are already checked.
     * @param login the request the token answers: its nonce, {@code acr_values} and {@code max_age}.
     * @param now the time now.
     * @return the reason ({@code wrong_nonce}, {@code no_second_factor}, {@code wrong_acr}, {@code no_auth_time},
     *         {@code stale_auth_time}, {@code future_auth_time}), or {@code null} when the claims are right.
     */
    static String failure(JWTClaimsSet claims, HostedLogin login, Instant now) {
        String nonce = text(claims, "nonce");
        if (nonce == null || !MessageDigest.isEqual(nonce.getBytes(StandardCharsets.UTF_8),
                login.nonce().getBytes(StandardCharsets.UTF_8))) {
            return "wrong_nonce";
        }
        List<String> asked = Arrays.asList(login.acrValues().trim().split(" +"));
        if (asked.contains(UniversalLoginConfig.MULTI_FACTOR_POLICY)) {
            if (!secondFactor(claims)) {
                return "no_second_factor";
            }
        } else if (!asked.contains(text(claims, "acr"))) {
            // Another policy (a downstream API's acr_values): the token must name one of those asked for.
            return "wrong_acr";
        }
        Date authTime = date(claims, "auth_time");
        if (authTime == null) {
            return login.maxAge() == null ? null : "no_auth_time";
        }
        Instant authenticated = authTime.toInstant();
        if (authenticated.isAfter(now.plus(IdTokenCheck.CLOCK_SKEW))) {
            return "future_auth_time";
        }
        if (login.maxAge() != null
                && authenticated.plusSeconds(login.maxAge()).plus(IdTokenCheck.CLOCK_SKEW).isBefore(now)) {
            return "stale_auth_time";
        }
        return null;
    }

    /**
     * Returns the token's {@code auth_time}: when the user last authenticated at Auth0.
     *
     * @param claims the claims.
     * @return the time, or {@code null} when the token has none (or not a number).
     */
    static Instant authTime(JWTClaimsSet claims) {
        Date authTime = date(claims, "auth_time");
        return authTime == null ? null : authTime.toInstant();
    }

    private static boolean secondFactor(JWTClaimsSet claims) {
        List<String> amr = list(claims, "amr");
        return amr != null && amr.contains(AMR_MFA)
                || UniversalLoginConfig.MULTI_FACTOR_POLICY.equals(text(claims, "acr"));
    }

    private static String text(JWTClaimsSet claims, String name) {
        try {
            return claims.getStringClaim(name);
        } catch (ParseException notText) {
            return null;
        }
    }

    private static List<String> list(JWTClaimsSet claims, String name) {
        try {
            return claims.getStringListClaim(name);
        } catch (ParseException notAList) {
            return null;
        }
    }

    private static Date date(JWTClaimsSet claims, String name) {
        try {
            return claims.getDateClaim(name);
        } catch (ParseException notADate) {
            return null;
        }
    }
}
