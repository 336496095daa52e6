package dev.mfastepup.emulator;

import static dev.mfastepup.emulator.Browser.MFA;
import static dev.mfastepup.emulator.Fixture.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The test hook that makes the next authorization-code ID token lie about the login. */
class IdTokenHooksTest {

    private final Fixture f = new Fixture();
    private final Browser browser = new Browser(f);
    private Instant loggedInAt;

    /** Logs the key-only user in with the security key; returns the ID token. */
    private JWTClaimsSet stepUp() throws Exception {
        loggedInAt = f.clock.instant();
        browser.login("keyonly@example.com", "keyonly-password", "acr_values", MFA);
        return browser.idToken(browser.securityKey("acr_values", MFA));
    }

    /** The next ID token from the session, without any page. */
    private JWTClaimsSet again() throws Exception {
        return browser.idToken(browser.authorize("acr_values", MFA));
    }

    private void hook(Map<String, Object> body) {
        IdTokenHooksResource.set(f.state, body);
    }

    @Test
    void omitAmrAcrDropsBothClaimsOnce() throws Exception {
        hook(Map.of("omitAmrAcr", true));
        JWTClaimsSet forged = stepUp();
        assertNull(forged.getClaim("amr"));
        assertNull(forged.getClaim("acr"));
        assertEquals(loggedInAt.getEpochSecond(), forged.getLongClaim("auth_time"));
        assertEquals(List.of("mfa"), again().getStringListClaim("amr"));
    }

    @Test
    void authTimeSecondsAgoMakesTheLoginLookOldOnce() throws Exception {
        stepUp();
        f.clock.advance(Duration.ofSeconds(10));
        hook(Map.of("authTimeSecondsAgo", 3600));
        assertEquals(f.clock.instant().getEpochSecond() - 3600, again().getLongClaim("auth_time"));
        assertEquals(loggedInAt.getEpochSecond(), again().getLongClaim("auth_time"));
    }

    @Test
    void nonceReplacesTheRequestsOnce() throws Exception {
        hook(Map.of("nonce", "forged-nonce"));
        JWTClaimsSet forged = stepUp();
        assertEquals("forged-nonce", forged.getStringClaim("nonce"));
        assertEquals(List.of("mfa"), forged.getStringListClaim("amr"), "only the nonce was changed");
        assertEquals("n-1", again().getStringClaim("nonce"));
    }

    @Test
    void changesCombineAndWaitForATokenThatHasAnIdToken() throws Exception {
        stepUp();
        hook(Map.of("omitAmrAcr", true, "nonce", "other", "authTimeSecondsAgo", 0));
        // A code exchanged without openid has no ID token, and leaves the changes for the next one.
        Map<String, String> query = Browser.query(browser.authorize("scope", "profile"));
        Map<String, String> form = Map.of("grant_type", "authorization_code", "client_id", "sample-app",
                "client_secret", EmulatorSettings.DEFAULT_CLIENT_SECRET, "code", query.get("code"));
        assertFalse(f.endpoint.token(Fixture.ISSUER, null, form::get).containsKey("id_token"));
        JWTClaimsSet forged = again();
        assertNull(forged.getClaim("amr"));
        assertEquals("other", forged.getStringClaim("nonce"));
        assertEquals(f.clock.instant().getEpochSecond(), forged.getLongClaim("auth_time"));
        JWTClaimsSet next = again();
        assertEquals("n-1", next.getStringClaim("nonce"));
        assertEquals(MFA, next.getStringClaim("acr"));
    }

    @Test
    void aResetForgetsPendingChanges() throws Exception {
        hook(Map.of("nonce", "forged-nonce"));
        f.state.reset();
        assertEquals("n-1", stepUp().getStringClaim("nonce"));
    }

    @Test
    void aMalformedBodyIsRefusedAndChangesNothing() throws Exception {
        Map<String, Object> nullNonce = new HashMap<>();
        nullNonce.put("nonce", null);
        for (Map<String, Object> body : List.of(Map.<String, Object>of(), Map.<String, Object>of("amr", false),
                Map.<String, Object>of("omitAmrAcr", false), Map.<String, Object>of("omitAmrAcr", "yes"),
                Map.<String, Object>of("authTimeSecondsAgo", -1), Map.<String, Object>of("authTimeSecondsAgo", 1.5),
                Map.<String, Object>of("authTimeSecondsAgo", "60"), Map.<String, Object>of("nonce", ""),
                Map.<String, Object>of("nonce", "ok", "authTimeSecondsAgo", -5), nullNonce)) {
            expect(400, "invalid_request", () -> hook(body));
        }
        expect(400, "invalid_request", () -> hook(null));
        JWTClaimsSet id = stepUp();
        assertEquals("n-1", id.getStringClaim("nonce"));
        assertEquals(loggedInAt.getEpochSecond(), id.getLongClaim("auth_time"));
        assertEquals(MFA, id.getStringClaim("acr"));
    }
}
