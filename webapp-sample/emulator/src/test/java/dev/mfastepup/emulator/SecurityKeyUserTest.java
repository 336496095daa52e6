package dev.mfastepup.emulator;

import static dev.mfastepup.emulator.Fixture.ISSUER;
import static dev.mfastepup.emulator.Fixture.REPORTS;
import static dev.mfastepup.emulator.Fixture.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecurityKeyUserTest {

    private static final String USER = "keyonly@example.com";

    private final Fixture f = new Fixture();

    private String mfaToken() {
        OAuthError e = expect(403, "mfa_required", () -> f.mfa.issueOrRequireMfa(ISSUER, USER, "sample-app",
                REPORTS, "openid read:reports", null));
        return (String) e.extra().get("mfa_token");
    }

    @Test
    void theKeyIsListedAsAuth0ListsAWebAuthnRoamingAuthenticator() {
        List<Map<String, Object>> listed = f.mfa.list(mfaToken());
        assertEquals(1, listed.size(), listed.toString());
        Map<String, Object> key = listed.get(0);
        assertEquals(SecurityKeyUser.KEY_ID, key.get("id"));
        assertTrue(((String) key.get("id")).startsWith("webauthn-roaming|dev_"));
        assertEquals("webauthn-roaming", key.get("authenticator_type"));
        assertEquals(true, key.get("active"));
        assertTrue(!key.containsKey("oob_channel") && !key.containsKey("oob_channels"), key.toString());
    }

    @Test
    void mfaRequiredAsksForTheKeyOnRefreshAsOnThePasswordGrant() {
        OAuthError password = expect(403, "mfa_required", () -> f.mfa.issueOrRequireMfa(ISSUER, USER,
                "sample-app", REPORTS, "openid read:reports", null));
        assertEquals(Map.of("challenge", List.of(Map.of("type", "webauthn-roaming"))),
                password.extra().get("mfa_requirements"));

        Map<String, Object> login = f.mfa.issueOrRequireMfa(ISSUER, USER, "sample-app", null,
                "openid offline_access", null);
        Map<String, String> form = new HashMap<>(Map.of("grant_type", "refresh_token", "client_id", "sample-app",
                "client_secret", EmulatorSettings.DEFAULT_CLIENT_SECRET,
                "refresh_token", (String) login.get("refresh_token"), "audience", REPORTS, "scope", "read:reports"));
        expect(403, "mfa_required", () -> f.endpoint.token(ISSUER, null, form::get));
    }

    @Test
    void theMfaApiCannotChallengeTheKey() {
        String token = mfaToken();
        OAuthError named = expect(400, "unsupported_challenge_type",
                () -> f.mfa.challenge(token, "otp oob", SecurityKeyUser.KEY_ID));
        assertTrue(named.description().contains("WebAuthn"), named.description());
        expect(400, "unsupported_challenge_type", () -> f.mfa.challenge(token, "otp oob", null));
        expect(400, "unsupported_challenge_type", () -> f.mfa.challenge(token, "webauthn-roaming", null));
        expect(403, "invalid_grant", () -> f.mfa.verifyOtp(ISSUER, token, "123456"));
    }

    @Test
    void anMfaTokenCannotEnrollAnotherFactorBesideTheKey() {
        String token = mfaToken();
        OAuthError e = expect(403, "access_denied",
                () -> f.mfa.associate(ISSUER, token, List.of("otp"), null, null, null));
        assertEquals("User is already enrolled.", e.description());
        assertEquals(1, f.mfa.list(token).size(), "nothing was added");
    }

    @Test
    void theKeyComesBackWithAResetAndOnlyTheDemoUserHasOne() {
        f.state.user(USER).orElseThrow().authenticators().clear();
        f.state.reset();
        assertEquals(List.of(SecurityKeyUser.KEY_ID), f.state.user(USER).orElseThrow().active().stream()
                .map(Authenticator::id).toList());
        assertTrue(f.state.user("alice").orElseThrow().authenticators().isEmpty());
        TenantState replaced = new TenantState(EmulatorSettings.users("keyonly:pw"));
        assertTrue(replaced.user("keyonly").orElseThrow().authenticators().isEmpty());
    }
}
