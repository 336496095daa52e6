package dev.mfastepup.emulator;

import static dev.mfastepup.emulator.Fixture.ISSUER;
import static dev.mfastepup.emulator.Fixture.REPORTS;
import static dev.mfastepup.emulator.Fixture.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenEndpointTest {

    private static final String SECRET = EmulatorSettings.DEFAULT_CLIENT_SECRET;
    private static final String BASIC = "Basic " + Base64.getEncoder()
            .encodeToString(("sample-app:" + SECRET).getBytes(StandardCharsets.UTF_8));

    private static final LoginFacts PASSWORD = new LoginFacts(Instant.parse("2026-03-01T09:00:00Z"), false, false);

    private final Fixture f = new Fixture();

    private Map<String, Object> post(String authorization, String... pairs) {
        Map<String, String> form = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            form.put(pairs[i], pairs[i + 1]);
        }
        return f.endpoint.token(ISSUER, authorization, form::get);
    }

    @Test
    void refusesUnknownClients() {
        expect(401, "invalid_client", () -> post(null, "grant_type", "password", "client_id", "sample-app",
                "client_secret", "wrong", "username", "alice", "password", "alice-password"));
        expect(401, "invalid_client", () -> post(null, "grant_type", "password", "username", "alice"));
        String otherBasic = "Basic " + Base64.getEncoder().encodeToString("x:y".getBytes(StandardCharsets.UTF_8));
        expect(401, "invalid_client", () -> post(otherBasic, "grant_type", "password"));
    }

    @Test
    void passwordGrantWithBasicAndPost() throws Exception {
        Map<String, Object> basic = post(BASIC, "grant_type", "password", "client_id", "sample-app",
                "username", "alice", "password", "alice-password", "scope", "openid profile");
        JWTClaimsSet id = SignedJWT.parse((String) basic.get("id_token")).getJWTClaimsSet();
        assertEquals(ISSUER, id.getIssuer());
        assertEquals("auth0|alice", id.getSubject());
        assertEquals(List.of("sample-app"), id.getAudience());
        assertEquals("alice@example.com", id.getStringClaim("email"));
        assertFalse(basic.containsKey("refresh_token"));
        Map<String, Object> posted = post(null, "grant_type", "password", "client_id", "sample-app",
                "client_secret", SECRET, "username", "bob", "password", "bob-password");
        JWTClaimsSet access = SignedJWT.parse((String) posted.get("access_token")).getJWTClaimsSet();
        assertEquals(List.of(TokenIssuer.DEFAULT_AUDIENCE), access.getAudience());
        expect(403, "invalid_grant", () -> post(BASIC, "grant_type", "password", "username", "alice",
                "password", "nope"));
        expect(403, "mfa_required", () -> post(BASIC, "grant_type", "password", "username", "alice",
                "password", "alice-password", "audience", REPORTS));
    }

    @Test
    void authorizationCodeWithPkceAndNonce() throws Exception {
        String verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        String code = f.endpoint.newCode("alice", "sample-app", "http://localhost:8080/Callback",
                "openid profile email offline_access", null, "n-0S6_WzA2Mj", Pkce.s256(verifier), "S256", PASSWORD);
        expect(403, "invalid_grant", () -> post(BASIC, "grant_type", "authorization_code", "code", code,
                "redirect_uri", "http://localhost:8080/Callback", "code_verifier", "wrong"));
        // The code was used up by the failed attempt.
        String again = f.endpoint.newCode("alice", "sample-app", "http://localhost:8080/Callback",
                "openid profile email offline_access", null, "n-0S6_WzA2Mj", Pkce.s256(verifier), "S256", PASSWORD);
        Map<String, Object> body = post(BASIC, "grant_type", "authorization_code", "code", again,
                "redirect_uri", "http://localhost:8080/Callback", "code_verifier", verifier);
        assertEquals("n-0S6_WzA2Mj", SignedJWT.parse((String) body.get("id_token")).getJWTClaimsSet()
                .getStringClaim("nonce"));
        assertNotNull(body.get("refresh_token"));
        assertEquals(3600L, body.get("expires_in"));
        expect(403, "invalid_grant", () -> post(BASIC, "grant_type", "authorization_code", "code", again,
                "redirect_uri", "http://localhost:8080/Callback", "code_verifier", verifier));
    }

    private JWTClaimsSet idTokenOfCode(LoginFacts login) throws Exception {
        String code = f.endpoint.newCode("alice", "sample-app", "http://localhost:8080/Callback", "openid", null,
                null, null, null, login);
        Map<String, Object> body = post(BASIC, "grant_type", "authorization_code", "code", code);
        return SignedJWT.parse((String) body.get("id_token")).getJWTClaimsSet();
    }

    @Test
    void theIdTokenOfACodeSaysWhenAndHowTheUserLoggedIn() throws Exception {
        JWTClaimsSet password = idTokenOfCode(PASSWORD);
        assertEquals(PASSWORD.authTime().getEpochSecond(), password.getLongClaim("auth_time"));
        // Auth0's password-only login has no mfa in amr, and no acr.
        assertNull(password.getClaim("amr"));
        assertNull(password.getClaim("acr"));
        assertNull(password.getClaim("nonce"));

        JWTClaimsSet stepUp = idTokenOfCode(new LoginFacts(PASSWORD.authTime(), true, true));
        assertEquals(List.of("mfa"), stepUp.getStringListClaim("amr"));
        assertEquals("http://schemas.openid.net/pape/policies/2007/06/multi-factor", stepUp.getStringClaim("acr"));
        assertEquals(PASSWORD.authTime().getEpochSecond(), stepUp.getLongClaim("auth_time"));

        // A second factor done in the session, but acr_values did not ask for the policy: amr only.
        JWTClaimsSet unasked = idTokenOfCode(new LoginFacts(PASSWORD.authTime(), true, false));
        assertEquals(List.of("mfa"), unasked.getStringListClaim("amr"));
        assertNull(unasked.getClaim("acr"));
        // Asked for, but no second factor done: neither.
        JWTClaimsSet notDone = idTokenOfCode(new LoginFacts(PASSWORD.authTime(), false, true));
        assertNull(notDone.getClaim("amr"));
        assertNull(notDone.getClaim("acr"));
    }

    @Test
    void theAccessTokenOfACodeCarriesTheLoginClaimsForResourceServers() throws Exception {
        String code = f.endpoint.newCode("alice", "sample-app", "http://localhost:8080/Callback", "openid", null,
                "n-1", null, null, new LoginFacts(PASSWORD.authTime(), true, true));
        JWTClaimsSet access = SignedJWT.parse((String) post(BASIC, "grant_type", "authorization_code", "code", code)
                .get("access_token")).getJWTClaimsSet();

        assertEquals(PASSWORD.authTime().getEpochSecond(), access.getLongClaim("auth_time"));
        assertEquals(List.of("mfa"), access.getStringListClaim("amr"));
        assertEquals("http://schemas.openid.net/pape/policies/2007/06/multi-factor", access.getStringClaim("acr"));
        assertNull(access.getClaim("nonce"), "the nonce is the ID token's alone");

        String password = f.endpoint.newCode("alice", "sample-app", "http://localhost:8080/Callback", "openid", null,
                null, null, null, PASSWORD);
        JWTClaimsSet passwordOnly = SignedJWT.parse((String) post(BASIC, "grant_type", "authorization_code", "code",
                password).get("access_token")).getJWTClaimsSet();
        assertNull(passwordOnly.getClaim("amr"));
        assertNull(passwordOnly.getClaim("acr"));
    }

    @Test
    void tokensOfTheMfaApiAndOfRefreshCarryNoLoginClaims() throws Exception {
        byte[] secret = f.enrollOtp();
        f.clock.advance(java.time.Duration.ofSeconds(30));
        Map<String, Object> body = f.mfa.verifyOtp(ISSUER, f.mfaToken(), f.currentOtp(secret));
        JWTClaimsSet id = SignedJWT.parse((String) body.get("id_token")).getJWTClaimsSet();
        // Auth0: tokens issued through the MFA API do not carry amr.
        assertNull(id.getClaim("amr"));
        assertNull(id.getClaim("acr"));
        assertNull(id.getClaim("auth_time"));

        String code = f.endpoint.newCode("alice", "sample-app", "http://localhost:8080/Callback",
                "openid offline_access", null, null, null, null, new LoginFacts(PASSWORD.authTime(), true, true));
        String refreshToken = (String) post(BASIC, "grant_type", "authorization_code", "code", code)
                .get("refresh_token");
        Map<String, Object> refresh = post(BASIC, "grant_type", "refresh_token", "refresh_token", refreshToken);
        JWTClaimsSet refreshed = SignedJWT.parse((String) refresh.get("id_token")).getJWTClaimsSet();
        assertNull(refreshed.getClaim("amr"));
        assertNull(refreshed.getClaim("auth_time"));
        JWTClaimsSet refreshedAccess = SignedJWT.parse((String) refresh.get("access_token")).getJWTClaimsSet();
        assertNull(refreshedAccess.getClaim("acr"));
        assertNull(refreshedAccess.getClaim("auth_time"));
    }

    @Test
    void refreshRotatesAndAppliesTheMfaPolicy() throws Exception {
        Map<String, Object> login = post(BASIC, "grant_type", "password", "username", "alice",
                "password", "alice-password", "scope", "openid offline_access");
        String refreshToken = (String) login.get("refresh_token");
        OAuthError mfa = expect(403, "mfa_required", () -> post(BASIC, "grant_type", "refresh_token",
                "client_id", "sample-app", "refresh_token", refreshToken, "audience", REPORTS, "scope", "read:reports"));
        assertNotNull(mfa.extra().get("mfa_token"));

        Map<String, Object> refreshed = post(BASIC, "grant_type", "refresh_token", "refresh_token", refreshToken);
        String rotated = (String) refreshed.get("refresh_token");
        assertNotNull(rotated);
        expect(403, "invalid_grant", () -> post(BASIC, "grant_type", "refresh_token", "refresh_token", refreshToken));

        f.state.policy(REPORTS, 0);
        Map<String, Object> reports = post(BASIC, "grant_type", "refresh_token", "refresh_token", rotated,
                "audience", REPORTS, "scope", "read:reports");
        JWTClaimsSet access = SignedJWT.parse((String) reports.get("access_token")).getJWTClaimsSet();
        assertEquals(List.of(REPORTS), access.getAudience());
        assertEquals("read:reports", access.getStringClaim("scope"));
        assertTrue(reports.containsKey("refresh_token"));
    }

    @Test
    void mfaGrantsGoThroughTheEndpoint() {
        String token = f.mfaToken();
        Map<String, Object> enrolled = f.mfa.associate(ISSUER, token, List.of("otp"), null, null, null);
        String otp = f.currentOtp(Base32.decode((String) enrolled.get("secret")));
        Map<String, Object> body = post(null, "grant_type", TokenEndpoint.GRANT_MFA_OTP, "client_id", "sample-app",
                "client_secret", SECRET, "mfa_token", token, "otp", otp);
        assertNotNull(body.get("access_token"));
        expect(400, "unsupported_grant_type", () -> post(BASIC, "grant_type", "urn:nope"));
        expect(400, "invalid_request", () -> post(BASIC, "grant_type", TokenEndpoint.GRANT_MFA_OTP,
                "mfa_token", token));
    }
}
