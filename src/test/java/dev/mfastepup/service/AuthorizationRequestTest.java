package dev.mfastepup.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mfastepup.session.HostedLogin;
import dev.mfastepup.session.TokenKey;
import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The authorization request of a step-up through Universal Login. */
class AuthorizationRequestTest {

    @Test
    void theS256ChallengeIsRfc7636sExample() {
        // RFC 7636, Appendix B.
        assertEquals("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
                AuthorizationRequest.challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));
    }

    @Test
    void theScopeIsOpenidAndTheStepUpsWithoutOfflineAccess() {
        assertEquals("openid", AuthorizationRequest.scope(""));
        assertEquals("openid read:reports write:reports",
                AuthorizationRequest.scope("openid read:reports offline_access write:reports"));
    }

    @Test
    void randomValuesAreUrlSafeOfTheirLengthAndDiffer() {
        String verifier = AuthorizationRequest.random(32);
        assertTrue(verifier.matches("[A-Za-z0-9_-]{43}"), verifier);
        assertNotEquals(AuthorizationRequest.random(16), AuthorizationRequest.random(16));
    }

    @Test
    void maxAgeIsSentWhenAskedAndValuesAreEncoded() {
        HostedLogin login = new HostedLogin("st", "no", "verifier", "https://app.example.com/a b/callback",
                "auth0|alice", "tenant", new TokenKey("https://api.example.com/?x=1&y=2", "read"), 120L, "urn:policy",
                null, null, Instant.EPOCH);

        URI url = AuthorizationRequest.url(URI.create("https://tenant.example.com/"), "client", login, null);

        assertEquals("https://tenant.example.com/authorize", url.toString().substring(0, url.toString().indexOf('?')));
        String query = url.getRawQuery();
        assertTrue(query.contains("&max_age=120"), query);
        assertTrue(query.contains("&acr_values=urn%3Apolicy"), query);
        assertTrue(query.contains("audience=https%3A%2F%2Fapi.example.com%2F%3Fx%3D1%26y%3D2&"), query);
        assertTrue(query.contains("redirect_uri=https%3A%2F%2Fapp.example.com%2Fa+b%2Fcallback&"), query);
        assertFalse(query.contains("verifier"), "the verifier itself never travels through the browser");
        assertFalse(query.contains("login_hint"), query);
    }

    @Test
    void theLoginHintIsSentWhenTheSignInTellsIt() {
        HostedLogin login = new HostedLogin("st", "no", "verifier", "https://app.example.com/callback",
                "auth0|alice", "tenant", new TokenKey(null, null), null, "urn:policy", null, null, Instant.EPOCH);

        URI url = AuthorizationRequest.url(URI.create("https://tenant.example.com/"), "client", login,
                "alice+mfa@example.com");

        assertTrue(url.getRawQuery().endsWith("&login_hint=alice%2Bmfa%40example.com"), url.getRawQuery());
    }
}
