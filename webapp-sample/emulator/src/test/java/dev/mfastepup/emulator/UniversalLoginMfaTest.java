package dev.mfastepup.emulator;

import static dev.mfastepup.emulator.Browser.MFA;
import static dev.mfastepup.emulator.Browser.page;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The second-factor step of the emulator's Universal Login, and the ID token's amr and acr after it. */
class UniversalLoginMfaTest {

    private final Fixture f = new Fixture();
    private final Browser browser = new Browser(f);

    private static void assertMultiFactor(JWTClaimsSet id) throws Exception {
        assertEquals(List.of("mfa"), id.getStringListClaim("amr"));
        assertEquals(MFA, id.getStringClaim("acr"));
    }

    private String wrongCode(byte[] secret) {
        return f.currentOtp(secret).equals("000000") ? "111111" : "000000";
    }

    @Test
    void acrValuesAskForTheAuthenticatorAppsCodeAfterThePassword() throws Exception {
        byte[] secret = f.enrollOtp();
        f.clock.advance(Duration.ofSeconds(30));
        Instant at = f.clock.instant();
        String step = page(200, browser.login("alice", "alice-password", "acr_values", MFA));
        assertTrue(step.contains("id=\"mfa-step\"") && step.contains("id=\"otp-code\"")
                && step.contains("id=\"verify-otp\""), step);
        assertFalse(step.contains("use-security-key"), "alice has no key");
        assertTrue(step.contains("action=\"otp\"") && step.contains("name=\"acr_values\""), step);

        String wrong = page(401, browser.otp(wrongCode(secret), "acr_values", MFA));
        assertTrue(wrong.contains("id=\"mfa-error\"") && wrong.contains("id=\"otp-code\""), wrong);

        JWTClaimsSet id = browser.idToken(browser.otp(f.currentOtp(secret), "acr_values", MFA));
        assertMultiFactor(id);
        assertEquals(at.getEpochSecond(), id.getLongClaim("auth_time"));

        // The session has its second factor now: the next step-up goes straight back.
        f.clock.advance(Duration.ofMinutes(2));
        assertMultiFactor(browser.idToken(browser.authorize("acr_values", MFA)));
        assertMultiFactor(browser.idToken(browser.authorize("acr_values", MFA, "prompt", "none")));
        // Without acr_values: amr only.
        JWTClaimsSet plain = browser.idToken(browser.authorize());
        assertEquals(List.of("mfa"), plain.getStringListClaim("amr"));
        assertNull(plain.getClaim("acr"));
    }

    @Test
    void aSessionWithoutASecondFactorShowsOnlyTheStep() throws Exception {
        byte[] secret = f.enrollOtp();
        browser.idToken(browser.login("alice", "alice-password"));
        String step = page(200, browser.authorize("acr_values", MFA));
        assertTrue(step.contains("id=\"otp-code\"") && !step.contains("id=\"password\""), step);
        f.clock.advance(Duration.ofSeconds(30));
        assertMultiFactor(browser.idToken(browser.otp(f.currentOtp(secret), "acr_values", MFA)));
    }

    @Test
    void anOtpCodeWorksOnceAndTenWrongOnesLockTheStep() throws Exception {
        byte[] secret = f.enrollOtp();
        f.clock.advance(Duration.ofSeconds(30));
        String code = f.currentOtp(secret);
        browser.login("alice", "alice-password", "acr_values", MFA);
        browser.idToken(browser.otp(code, "acr_values", MFA));
        Browser other = new Browser(f);
        other.login("alice", "alice-password", "acr_values", MFA);
        page(401, other.otp(code, "acr_values", MFA));
        for (int i = 1; i < AttemptBucket.CAPACITY; i++) {
            page(401, other.otp("abc", "acr_values", MFA));
        }
        String locked = page(429, other.otp(f.currentOtp(secret), "acr_values", MFA));
        assertTrue(locked.contains("Too many failed attempts"), locked);
    }

    @Test
    void theSecurityKeyIsPlayedByItsButton() throws Exception {
        Instant at = f.clock.instant();
        String step = page(200, browser.login("keyonly@example.com", "keyonly-password", "acr_values", MFA));
        assertTrue(step.contains("id=\"use-security-key\"") && step.contains("action=\"security-key\""), step);
        assertFalse(step.contains("otp-code"), "no authenticator app");
        JWTClaimsSet id = browser.idToken(browser.securityKey("acr_values", MFA));
        assertMultiFactor(id);
        assertEquals("auth0|keyonly", id.getSubject());
        assertEquals(at.getEpochSecond(), id.getLongClaim("auth_time"));
    }

    @Test
    void aFactorTheUserDoesNotHaveIsNotAccepted() throws Exception {
        f.enrollOtp();
        browser.login("alice", "alice-password", "acr_values", MFA);
        assertTrue(page(400, browser.securityKey("acr_values", MFA)).contains("id=\"mfa-error\""));
        Browser keyOnly = new Browser(f);
        keyOnly.login("keyonly@example.com", "keyonly-password", "acr_values", MFA);
        assertTrue(page(400, keyOnly.otp("123456", "acr_values", MFA)).contains("id=\"mfa-error\""));
        // Neither counted as a second factor.
        assertTrue(page(200, browser.authorize("acr_values", MFA)).contains("id=\"mfa-step\""));
    }

    @Test
    void aUserWithoutAUsableFactorIsToldSo() {
        String none = page(403, browser.login("bob", "bob-password", "acr_values", MFA));
        assertTrue(none.contains("id=\"no-factor\"") && none.contains("no second factor enrolled"), none);
        assertFalse(none.contains("otp-code") || none.contains("use-security-key"));

        Authenticator sms = new Authenticator("sms|dev_x", FactorKind.SMS, "XXXX1234", null, null, f.clock.instant());
        sms.activate();
        f.state.user("bob").orElseThrow().authenticators().add(sms);
        String smsOnly = page(403, browser.authorize("acr_values", MFA));
        assertTrue(smsOnly.contains("id=\"no-factor\"") && smsOnly.contains("this page can use"), smsOnly);
    }

    @Test
    void theStepNeedsTheSessionCookie() {
        browser.login("keyonly@example.com", "keyonly-password", "acr_values", MFA);
        browser.cookie = null;
        String page = page(401, browser.securityKey("acr_values", MFA));
        assertTrue(page.contains("id=\"login-error\"") && page.contains("id=\"password\""), page);
    }

    @Test
    void maxAgeAsksForTheSecondFactorAgainOnceItIsOlder() throws Exception {
        browser.login("keyonly@example.com", "keyonly-password", "acr_values", MFA);
        browser.idToken(browser.securityKey("acr_values", MFA));
        f.clock.advance(Duration.ofSeconds(1000));
        // Both are older than 600 s: the password first, then the key.
        page(200, browser.authorize("acr_values", MFA, "max_age", "600"));
        String step = page(200, browser.login("keyonly@example.com", "keyonly-password",
                "acr_values", MFA, "max_age", "600"));
        assertTrue(step.contains("id=\"use-security-key\""), step);
        assertMultiFactor(browser.idToken(browser.securityKey("acr_values", MFA, "max_age", "600")));

        // Without max_age, a password entered again keeps the session's second factor.
        f.clock.advance(Duration.ofSeconds(1000));
        assertMultiFactor(browser.idToken(browser.login("keyonly@example.com", "keyonly-password",
                "acr_values", MFA, "prompt", "login")));
        // Another user's login in the same browser starts without one.
        assertTrue(page(403, browser.login("bob", "bob-password", "acr_values", MFA)).contains("no-factor"));
    }
}
