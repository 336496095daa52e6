package dev.mfastepup.emulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The claims an ID token from the authorization-code grant carries beyond the profile: {@code auth_time} always,
 * {@code nonce} when the request had one, and, as Auth0 documents for step-up in web apps, {@code amr: ["mfa"]}
 * when a second factor was done in the login session and {@code acr} (the multi-factor policy) when the request's
 * {@code acr_values} also asked for it. A password-only login carries neither: Auth0 puts {@code mfa} in
 * {@code amr} only when a second factor was done.
 */
public final class LoginClaims {

    /** The policy of {@code acr_values} and {@code acr} that stands for multi-factor authentication. */
    public static final String MFA_POLICY = "http://schemas.openid.net/pape/policies/2007/06/multi-factor";

    private LoginClaims() {
    }

    /**
     * Returns the claims of a login.
     *
     * @param login what the login established.
     * @param nonce the request's nonce, or {@code null}.
     * @return the claims, in a map the caller may change.
     */
    public static Map<String, Object> of(LoginFacts login, String nonce) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("auth_time", login.authTime().getEpochSecond());
        if (nonce != null && !nonce.isBlank()) {
            claims.put("nonce", nonce);
        }
        if (login.multiFactor()) {
            claims.put("amr", List.of("mfa"));
            if (login.multiFactorPolicyAsked()) {
                claims.put("acr", MFA_POLICY);
            }
        }
        return claims;
    }
}
