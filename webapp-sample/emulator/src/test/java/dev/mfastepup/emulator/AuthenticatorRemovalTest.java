package dev.mfastepup.emulator;

import static dev.mfastepup.emulator.Fixture.ISSUER;
import static dev.mfastepup.emulator.Fixture.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@code DELETE /mfa/authenticators/{id}} under each of the two rules: the {@code mfa_token}, as Auth0's
 * JavaScript SDK sends it, or an access token of the MFA API's audience with {@code remove:authenticators}, as
 * Auth0's documentation asks.
 */
class AuthenticatorRemovalTest {

    private final Fixture f = new Fixture();

    private AuthenticatorRemoval removal(boolean needsMfaApiToken) {
        return new AuthenticatorRemoval(f.mfa, f.state, f.issuer, f.clock, needsMfaApiToken);
    }

    private String totpId() {
        return f.state.user("alice").orElseThrow().authenticators().stream()
                .filter(a -> a.kind() == FactorKind.OTP).findFirst().orElseThrow().id();
    }

    private String accessToken(String audience, String scope) {
        DemoUser alice = f.state.user("alice").orElseThrow().user();
        return f.issuer.accessToken(ISSUER, alice, "sample-app", audience, scope, f.clock.instant());
    }

    private boolean hasApp() {
        return f.state.user("alice").orElseThrow().authenticators().stream().anyMatch(a -> a.kind() == FactorKind.OTP);
    }

    @Test
    void byDefaultTheMfaTokenRemovesAnAuthenticator() {
        f.enrollOtp();

        removal(false).delete(ISSUER, f.mfaToken(), totpId());

        assertFalse(hasApp());
    }

    @Test
    void underTheDocumentedRuleAnMfaTokenIsRefusedAndNothingIsRemoved() {
        f.enrollOtp();

        OAuthError refused = expect(403, "insufficient_scope",
                () -> removal(true).delete(ISSUER, f.mfaToken(), totpId()));

        assertTrue(refused.description().contains("remove:authenticators"), refused.description());
        assertTrue(hasApp());
    }

    @Test
    void underTheDocumentedRuleAnMfaApiTokenWithTheScopeRemovesIt() {
        f.enrollOtp();

        removal(true).delete(ISSUER, accessToken(ISSUER + "mfa/", "read:authenticators remove:authenticators"),
                totpId());

        assertFalse(hasApp());
    }

    @Test
    void underTheDocumentedRuleAnAccessTokenForAnotherAudienceOrWithoutTheScopeIsRefused() {
        f.enrollOtp();
        String id = totpId();

        expect(403, "insufficient_scope",
                () -> removal(true).delete(ISSUER, accessToken("https://api.example.com", "remove:authenticators"), id));
        expect(403, "insufficient_scope",
                () -> removal(true).delete(ISSUER, accessToken(ISSUER + "mfa/", "read:authenticators"), id));
        expect(401, "invalid_token", () -> removal(true).delete(ISSUER, "not-a-token", id));

        assertTrue(hasApp());
    }

    @Test
    void theSettingIsReadFromItsProperty() {
        java.util.Properties properties = new java.util.Properties();
        assertEquals(false, EmulatorSettings.from(properties).removalNeedsMfaApiToken());
        properties.setProperty("emulator.delete-bearer", "mfa-api-token");
        assertEquals(true, EmulatorSettings.from(properties).removalNeedsMfaApiToken());
    }
}
