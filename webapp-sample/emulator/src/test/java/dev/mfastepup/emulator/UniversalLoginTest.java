package dev.mfastepup.emulator;

import static dev.mfastepup.emulator.Browser.MFA;
import static dev.mfastepup.emulator.Browser.page;
import static dev.mfastepup.emulator.Browser.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The login session of the emulator's Universal Login: reuse, prompt, max_age, login_hint, logout. */
class UniversalLoginTest {

    private final Fixture f = new Fixture();
    private final Browser browser = new Browser(f);

    /** Logs alice in with her password; returns when that was. */
    private Instant passwordLogin() throws Exception {
        String page = page(200, browser.authorize());
        assertTrue(page.contains("id=\"username\"") && page.contains("id=\"password\""), page);
        Instant at = f.clock.instant();
        LoginOutcome done = browser.login("alice", "alice-password");
        assertNotNull(done.newSessionId(), "a session starts");
        JWTClaimsSet id = browser.idToken(done);
        assertEquals(at.getEpochSecond(), id.getLongClaim("auth_time"));
        assertEquals("n-1", id.getStringClaim("nonce"));
        return at;
    }

    @Test
    void aSecondAuthorizeInTheSameBrowserGoesStraightBackWithTheFirstLoginsAuthTime() throws Exception {
        Instant at = passwordLogin();
        f.clock.advance(Duration.ofMinutes(5));
        LoginOutcome again = browser.authorize();
        assertNull(again.newSessionId());
        JWTClaimsSet id = browser.idToken(again);
        assertEquals(at.getEpochSecond(), id.getLongClaim("auth_time"));
        assertEquals("auth0|alice", id.getSubject());
        assertNull(id.getClaim("amr"), "a password-only login has no mfa in amr");

        // Another browser, without the cookie, sees the login page.
        page(200, new Browser(f).authorize());
    }

    @Test
    void promptLoginAsksForThePasswordAgainWithTheUserFilledIn() throws Exception {
        passwordLogin();
        String page = page(200, browser.authorize("prompt", "login"));
        assertTrue(page.contains("id=\"username\" autocomplete=\"username\" value=\"alice\""), page);
        assertTrue(page.contains("name=\"prompt\" value=\"login\""), "carried in a hidden field: " + page);
        f.clock.advance(Duration.ofSeconds(40));
        Instant again = f.clock.instant();
        LoginOutcome done = browser.login("alice", "alice-password", "prompt", "login");
        assertEquals(again.getEpochSecond(), browser.idToken(done).getLongClaim("auth_time"));
    }

    @Test
    void maxAgeAsksForThePasswordOnceItIsOlder() throws Exception {
        passwordLogin();
        f.clock.advance(Duration.ofSeconds(100));
        browser.idToken(browser.authorize("max_age", "300"));
        browser.idToken(browser.authorize("max_age", "100"));
        browser.idToken(browser.authorize("max_age", ""));
        browser.idToken(browser.authorize("max_age", "99999999999999999999999"));
        page(200, browser.authorize("max_age", "99"));
        page(200, browser.authorize("max_age", "0"));
    }

    @Test
    void aMalformedMaxAgeIsRefusedToTheClient() {
        for (String maxAge : new String[] {"abc", "-1", "1.5"}) {
            Map<String, String> query = query(browser.authorize("max_age", maxAge));
            assertEquals("invalid_request", query.get("error"), maxAge);
            assertEquals("st-1", query.get("state"));
            assertNull(query.get("code"));
        }
        assertEquals("invalid_request", query(browser.authorize("prompt", "none login")).get("error"));
        assertEquals("unsupported_response_type",
                query(browser.authorize("response_type", "token")).get("error"));
    }

    @Test
    void unknownAndBlankValuesAreIgnored() throws Exception {
        passwordLogin();
        browser.idToken(browser.authorize("prompt", "consent select_account", "acr_values", "urn:other",
                "login_hint", " "));
        browser.idToken(browser.authorize("prompt", "", "acr_values", ""));
    }

    @Test
    void promptNoneAnswersLoginRequiredOrInteractionRequired() throws Exception {
        Map<String, String> noSession = query(browser.authorize("prompt", "none"));
        assertEquals("login_required", noSession.get("error"));
        assertEquals("st-1", noSession.get("state"));
        assertNull(noSession.get("code"));

        passwordLogin();
        browser.idToken(browser.authorize("prompt", "none"));
        Map<String, String> mfa = query(browser.authorize("prompt", "none", "acr_values", MFA));
        assertEquals("interaction_required", mfa.get("error"));
        assertEquals("st-1", mfa.get("state"));
        f.clock.advance(Duration.ofSeconds(61));
        assertEquals("login_required", query(browser.authorize("prompt", "none", "max_age", "60")).get("error"));
        assertEquals("login_required", query(browser.authorize("prompt", "none", "login_hint", "bob"))
                .get("error"));
    }

    @Test
    void aLoginHintFillsInTheUsernameAndOneForAnotherUserAsksForTheLogin() throws Exception {
        String page = page(200, new Browser(f).authorize("login_hint", "bob"));
        assertTrue(page.contains("id=\"username\" autocomplete=\"username\" value=\"bob\""), page);
        passwordLogin();
        browser.idToken(browser.authorize("login_hint", "alice"));
        assertTrue(page(200, browser.authorize("login_hint", "bob"))
                .contains("id=\"username\" autocomplete=\"username\" value=\"bob\""));
        LoginOutcome asBob = browser.login("bob", "bob-password");
        assertEquals("auth0|bob", browser.idToken(asBob).getSubject());
        assertEquals("auth0|bob", browser.idToken(browser.authorize()).getSubject());
    }

    @Test
    void aLoginHintOrALoginByEmailAddressNamesTheUserAsTheirUsernameDoes() throws Exception {
        passwordLogin();

        assertEquals("auth0|alice", browser.idToken(browser.authorize("login_hint", "Alice@Example.com"))
                .getSubject(), "the session's user, by their e-mail address: no new login");
        assertTrue(page(200, browser.authorize("login_hint", "bob@example.com"))
                .contains("value=\"bob@example.com\""), "another user's address asks for the login");
        LoginOutcome asBob = browser.login("bob@example.com", "bob-password");
        assertEquals("auth0|bob", browser.idToken(asBob).getSubject());
    }

    @Test
    void aWrongPasswordStartsNoSession() {
        LoginOutcome wrong = browser.login("alice", "nope");
        assertTrue(page(401, wrong).contains("Wrong username or password."));
        assertNull(wrong.newSessionId());
        assertNull(browser.login(null, null).newSessionId());
        assertNull(browser.login("nobody", "alice-password").newSessionId());
        page(200, browser.authorize());
    }

    @Test
    void aNewLoginReplacesTheBrowsersSessionAndLogoutEndsIt() throws Exception {
        passwordLogin();
        String first = browser.cookie;
        browser.login("alice", "alice-password");
        assertNotEquals(first, browser.cookie);
        assertTrue(f.sessions.find(first).isEmpty(), "the replaced session is gone");
        f.sessions.end(browser.cookie);
        page(200, browser.authorize());
    }

    @Test
    void aSessionEndsAfterItsLifetimeAndAResetForgetsIt() throws Exception {
        passwordLogin();
        f.clock.advance(SsoSessions.LIFETIME.minusSeconds(1));
        browser.idToken(browser.authorize());
        f.clock.advance(Duration.ofSeconds(1));
        // Anyone's login clears the sessions whose time is up from memory.
        new Browser(f).login("bob", "bob-password");
        assertFalse(f.state.ssoSessions().containsKey(browser.cookie));
        assertEquals(1, f.state.ssoSessions().size());
        page(200, browser.authorize());

        passwordLogin();
        f.state.reset();
        page(200, browser.authorize());
    }

    @Test
    void requestsThatCannotGoBackToTheClientGetAnErrorPage() {
        assertTrue(page(400, browser.authorize("client_id", "other")).contains("Unknown client"));
        assertTrue(page(400, browser.authorize("redirect_uri", "javascript:alert(1)")).contains("redirect_uri"));
        assertFalse(page(400, browser.authorize("client_id", "<b>")).contains("<b>"), "escaped");
    }

    @Test
    void theCookieIsHttpOnlyLaxOnTheWholeHostAndSecureOverHttps() {
        assertEquals("emulator_sso=emu-sso-x; Path=/; HttpOnly; SameSite=Lax", SsoCookie.set("emu-sso-x", false));
        assertEquals("emulator_sso=emu-sso-x; Path=/; HttpOnly; SameSite=Lax; Secure",
                SsoCookie.set("emu-sso-x", true));
        assertEquals("emulator_sso=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax", SsoCookie.clear(false));
    }
}
