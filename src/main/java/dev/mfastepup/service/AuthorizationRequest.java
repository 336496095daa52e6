package dev.mfastepup.service;

import dev.mfastepup.session.HostedLogin;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The URL of Auth0's {@code /authorize} for a step-up through Universal Login: the authorization-code flow with
 * PKCE (S256), a {@code state} and a {@code nonce} of 128 random bits each, the {@code acr_values} of the
 * multi-factor policy, and {@code max_age} when a recent authentication is asked for. The scope is {@code openid}
 * and the step-up's own; {@code offline_access} is not asked for, so the session's refresh token stays the one
 * the sign-in gave, unless Auth0 sends another.
 */
final class AuthorizationRequest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder URL_SAFE = Base64.getUrlEncoder().withoutPadding();

    private AuthorizationRequest() {
        // static only
    }

    /**
     * Builds the URL.
     *
     * @param tenant the tenant's base URL, ending in {@code /}.
     * @param clientId this application's client id.
     * @param login the request's values, kept in the session.
     * @param loginHint the user's login name for Auth0's page, or {@code null}; not kept in the session.
     * @return the URL.
     */
    static URI url(URI tenant, String clientId, HostedLogin login, String loginHint) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", clientId);
        query.put("redirect_uri", login.redirectUri());
        query.put("scope", scope(login.key().scope()));
        if (!login.key().audience().isEmpty()) {
            query.put("audience", login.key().audience());
        }
        query.put("state", login.state());
        query.put("nonce", login.nonce());
        query.put("code_challenge", challenge(login.codeVerifier()));
        query.put("code_challenge_method", "S256");
        query.put("acr_values", login.acrValues());
        if (login.maxAge() != null) {
            query.put("max_age", Long.toString(login.maxAge()));
        }
        if (loginHint != null) {
            query.put("login_hint", loginHint);
        }
        return tenant.resolve("authorize?" + query.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&")));
    }

    /** {@code openid} and the step-up's scope, each once. */
    static String scope(String stepUpScope) {
        StringBuilder scope = new StringBuilder("openid");
        for (String part : stepUpScope.trim().split("\\s+")) {
            if (!part.isEmpty() && !part.equals("openid") && !part.equals("offline_access")) {
                scope.append(' ').append(part);
            }
        }
        return scope.toString();
    }

    /**
     * The S256 code challenge of a verifier (RFC 7636 §4.2).
     *
     * @param verifier the verifier.
     * @return base64url of its SHA-256, without padding.
     */
    static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return URL_SAFE.encodeToString(digest);
        } catch (NoSuchAlgorithmException impossible) {
            // Every Java platform has SHA-256.
            throw new IllegalStateException(impossible);
        }
    }

    /**
     * A random value for {@code state}, {@code nonce} or the PKCE verifier.
     *
     * @param bytes how many random bytes: 16 for 128 bits; 32 gives a verifier of 43 characters (RFC 7636 asks 43
     *        to 128).
     * @return the value, base64url without padding.
     */
    static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return URL_SAFE.encodeToString(value);
    }
}
