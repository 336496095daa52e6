package dev.mfastepup.emulator;

import static dev.mfastepup.emulator.Fixture.ISSUER;
import static dev.mfastepup.emulator.Fixture.REPORTS;
import static dev.mfastepup.emulator.Fixture.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmulatedMfaApiTest {

    private final Fixture f = new Fixture();

    @Test
    void noPolicyMeansTokensAtOnce() {
        Map<String, Object> body = f.mfa.issueOrRequireMfa(ISSUER, "alice", "sample-app", "https://other.example.com",
                "openid", null);
        assertNotNull(body.get("access_token"));
        assertEquals("Bearer", body.get("token_type"));
    }

    @Test
    void aUserWithoutFactorsIsAskedToEnroll() {
        OAuthError e = f.mfaRequired();
        assertEquals("Multifactor authentication required", e.description());
        // Auth0 documents e-mail as a requirement type that "can only work with challenge".
        assertEquals(Map.of("enroll", List.of(Map.of("type", "otp"), Map.of("type", "phone"),
                Map.of("type", "push-notification"))), e.extra().get("mfa_requirements"));
        assertTrue(f.mfa.list((String) e.extra().get("mfa_token")).isEmpty());
    }

    @Test
    void otpEnrollmentIsConfirmedByTheGrantAndThenChallenged() {
        String token = f.mfaToken();
        Map<String, Object> enrolled = f.mfa.associate(ISSUER, token, List.of("otp"), null, null, null);
        assertEquals("otp", enrolled.get("authenticator_type"));
        String secret = (String) enrolled.get("secret");
        assertEquals(32, secret.length());
        assertTrue(((String) enrolled.get("barcode_uri")).startsWith(
                "otpauth://totp/Emulator:alice@example.com?secret=" + secret + "&issuer=Emulator"));
        List<?> codes = (List<?>) enrolled.get("recovery_codes");
        assertTrue(((String) codes.get(0)).matches("[A-Z0-9]{24}"));
        assertEquals(false, f.mfa.list(token).get(0).get("active"));

        Map<String, Object> granted = f.mfa.verifyOtp(ISSUER, token, f.currentOtp(Base32.decode(secret)));
        assertNotNull(granted.get("access_token"));
        assertEquals(REPORTS, f.issuer.verify((String) granted.get("access_token"), f.clock.instant()).orElseThrow()
                .getAudience().get(0));

        OAuthError again = f.mfaRequired();
        assertEquals(Map.of("challenge", List.of(Map.of("type", "otp"), Map.of("type", "recovery-code"))),
                again.extra().get("mfa_requirements"));
        String next = (String) again.extra().get("mfa_token");
        List<Map<String, Object>> listed = f.mfa.list(next);
        assertEquals(2, listed.size());
        assertTrue(listed.stream().allMatch(a -> Boolean.TRUE.equals(a.get("active"))));
        assertTrue(((String) listed.get(0).get("id")).startsWith("totp|dev_"));
        assertEquals(Map.of("challenge_type", "otp"), f.mfa.challenge(next, "otp", null));
        // Auth0 lets an mfa_token enroll only a user with no active authenticator.
        OAuthError enrolled2 = expect(403, "access_denied",
                () -> f.mfa.associate(ISSUER, next, List.of("oob"), List.of("email"), null, null));
        assertEquals("User is already enrolled.", enrolled2.description());
        assertEquals(2, f.mfa.list(next).size(), "nothing was added");
    }

    @Test
    void anOtpCodeWorksOnce() {
        byte[] secret = f.enrollOtp();
        f.clock.advance(Duration.ofSeconds(30));
        String code = f.currentOtp(secret);
        f.mfa.verifyOtp(ISSUER, f.mfaToken(), code);
        OAuthError e = expect(403, "invalid_grant", () -> f.mfa.verifyOtp(ISSUER, f.mfaToken(), code));
        assertEquals("Invalid otp_code.", e.description());
    }

    @Test
    void theMfaTokenExpiresAfterTenMinutes() {
        String token = f.mfaToken();
        f.clock.advance(Duration.ofMinutes(9).plusSeconds(59));
        f.mfa.list(token);
        f.clock.advance(Duration.ofSeconds(1));
        OAuthError e = expect(401, "expired_token", () -> f.mfa.list(token));
        assertEquals("mfa_token is expired", e.description());
        expect(401, "invalid_token", () -> f.mfa.verifyOtp(ISSUER, "garbage", "123456"));
    }

    @Test
    void tenWrongCodesLockTheUserOutForSixMinutes() {
        byte[] secret = f.enrollOtp();
        String token = f.mfaToken();
        for (int i = 0; i < 10; i++) {
            expect(403, "invalid_grant", () -> f.mfa.verifyOtp(ISSUER, token, "000000"));
        }
        OAuthError limited = expect(429, "too_many_attempts", () -> f.mfa.verifyOtp(ISSUER, token,
                f.currentOtp(secret)));
        assertEquals("Rate limit exceeded", limited.description());
        assertEquals(360L, limited.retryAfterSeconds());
        f.clock.advance(Duration.ofMinutes(6));
        assertNotNull(f.mfa.verifyOtp(ISSUER, f.mfaToken(), f.currentOtp(secret)).get("access_token"));
    }

    @Test
    void twoFactorPolicyChainsADifferentFactor() {
        byte[] secret = f.enrollOtp();
        f.state.policy(REPORTS, 2);
        f.clock.advance(Duration.ofSeconds(30));
        String first = f.mfaToken();
        OAuthError chained = expect(403, "mfa_required", () -> f.mfa.verifyOtp(ISSUER, first, f.currentOtp(secret)));
        String second = (String) chained.extra().get("mfa_token");
        assertNotEquals(first, second);
        assertEquals(Map.of("enroll", List.of(Map.of("type", "phone"),
                Map.of("type", "push-notification"))), chained.extra().get("mfa_requirements"));
        expect(401, "invalid_token", () -> f.mfa.list(first));

        Map<String, Object> sms = f.mfa.associate(ISSUER, second, List.of("oob"), List.of("sms"), "+15551234567", null);
        String code = lastInboxCode("alice");
        Map<String, Object> granted = f.mfa.verifyOob(ISSUER, second, (String) sms.get("oob_code"), code);
        assertNotNull(granted.get("access_token"));
    }

    @Test
    void eachChannelIsWrittenInOneOfTheShapesAuth0MaySend() {
        Map<String, Object> sms = new java.util.LinkedHashMap<>();
        Map<String, Object> voice = new java.util.LinkedHashMap<>();
        Map<String, Object> email = new java.util.LinkedHashMap<>();
        Map<String, Object> push = new java.util.LinkedHashMap<>();
        Map<String, Object> otp = new java.util.LinkedHashMap<>();
        FactorKind.SMS.putChannel(sms);
        FactorKind.VOICE.putChannel(voice);
        FactorKind.EMAIL.putChannel(email);
        FactorKind.PUSH.putChannel(push);
        FactorKind.OTP.putChannel(otp);

        assertEquals(Map.of("oob_channel", "sms", "oob_channels", List.of("sms")), sms);
        assertEquals(Map.of("oob_channels", "voice"), voice);
        assertEquals(Map.of("oob_channels", List.of("email")), email);
        assertEquals(Map.of("oob_channel", "auth0"), push);
        assertEquals(Map.of(), otp);
    }

    @Test
    void smsEnrollmentCreatesSmsAndVoiceAndChecksTheBindingCode() {
        String token = f.mfaToken();
        expect(400, "invalid_phone_number",
                () -> f.mfa.associate(ISSUER, token, List.of("oob"), List.of("sms"), "555-1234", null));
        expect(400, "unsupported_authenticator_type",
                () -> f.mfa.associate(ISSUER, token, List.of("webauthn-roaming"), null, null, null));
        Map<String, Object> sms = f.mfa.associate(ISSUER, token, List.of("oob"), List.of("sms"), "+15551234567", null);
        assertEquals("prompt", sms.get("binding_method"));
        assertEquals("sms", sms.get("oob_channel"));
        String oobCode = (String) sms.get("oob_code");
        OAuthError wrong = expect(403, "invalid_grant", () -> f.mfa.verifyOob(ISSUER, token, oobCode, "000000x"));
        assertEquals("Invalid binding_code.", wrong.description());
        f.mfa.verifyOob(ISSUER, token, oobCode, lastInboxCode("alice"));

        String next = f.mfaToken();
        List<Map<String, Object>> listed = f.mfa.list(next);
        assertEquals(List.of("sms", "voice", "recovery-code"), listed.stream()
                .map(a -> ((String) a.get("id")).split("\\|")[0]).toList());
        assertEquals("XXXXXXXX4567", listed.get(0).get("name"));
        assertEquals(List.of("sms"), listed.get(0).get("oob_channels"));

        String voiceId = (String) listed.get(1).get("id");
        Map<String, Object> challenge = f.mfa.challenge(next, "oob", voiceId);
        assertEquals("prompt", challenge.get("binding_method"));
        assertEquals("voice", f.state.user("alice").orElseThrow().inbox().get(1).channel());
        f.mfa.verifyOob(ISSUER, next, (String) challenge.get("oob_code"), lastInboxCode("alice"));

        expect(400, "invalid_authenticator", () -> f.mfa.challenge(f.mfaToken(), "oob", "sms|dev_nope"));
        f.mfa.delete(f.mfaToken(), voiceId);
        assertEquals(1, f.mfa.list(f.mfaToken()).size());
        expect(404, "invalid_authenticator", () -> f.mfa.delete(f.mfaToken(), voiceId));
    }

    @Test
    void pushIsPendingUntilTheDeviceAnswers() {
        String token = f.mfaToken();
        Map<String, Object> push = f.mfa.associate(ISSUER, token, List.of("oob"), List.of("auth0"), null, null);
        assertFalse(push.containsKey("binding_method"));
        assertTrue(((String) push.get("barcode_uri")).contains("&base_url=" + ISSUER));
        String oobCode = (String) push.get("oob_code");
        OAuthError pending = expect(400, "authorization_pending", () -> f.mfa.verifyOob(ISSUER, token, oobCode, null));
        assertEquals("Authorization pending: please repeat the request in a few seconds.", pending.description());
        f.clock.advance(Duration.ofSeconds(2));
        expect(400, "slow_down", () -> f.mfa.verifyOob(ISSUER, token, oobCode, null));
        f.clock.advance(Duration.ofSeconds(5));
        expect(400, "authorization_pending", () -> f.mfa.verifyOob(ISSUER, token, oobCode, null));
        assertEquals(1, f.mfa.pendingPushes("alice").size());
        assertTrue(f.mfa.answerPush("alice", null, true));
        assertNotNull(f.mfa.verifyOob(ISSUER, token, oobCode, null).get("access_token"));

        String next = f.mfaToken();
        List<Map<String, Object>> listed = f.mfa.list(next);
        String pushId = (String) listed.get(0).get("id");
        // Auth0 adds the app's one-time codes beside the push authenticator, confirmed with it.
        assertEquals(pushId.replace("push|", "totp|"), listed.get(1).get("id"));
        assertEquals(true, listed.get(1).get("active"));
        Map<String, Object> challenge = f.mfa.challenge(next, "oob", pushId);
        assertEquals(Map.of("challenge_type", "oob", "oob_code", challenge.get("oob_code")), challenge);
        assertTrue(f.mfa.answerPush("alice", null, false));
        OAuthError denied = expect(403, "invalid_grant",
                () -> f.mfa.verifyOob(ISSUER, next, (String) challenge.get("oob_code"), null));
        assertEquals("MFA Authorization rejected.", denied.description());
        assertFalse(f.mfa.answerPush("alice", null, true));
    }

    @Test
    void removingThePushAuthenticatorRemovesItsOneTimeCodesToo() {
        String token = f.mfaToken();
        String oobCode = (String) f.mfa.associate(ISSUER, token, List.of("oob"), List.of("auth0"), null, null)
                .get("oob_code");
        f.mfa.answerPush("alice", null, true);
        f.mfa.verifyOob(ISSUER, token, oobCode, null);
        String next = f.mfaToken();

        f.mfa.delete(next, (String) f.mfa.list(next).get(0).get("id"));

        assertEquals(List.of("recovery-code"), f.mfa.list(next).stream()
                .map(a -> ((String) a.get("id")).split("\\|")[0]).toList());
    }

    @Test
    void withoutCustomizableMfaMfaRequiredCarriesNoRequirements() {
        f.state.configure(false, false, f.clock.instant());

        OAuthError e = f.mfaRequired();

        assertFalse(e.extra().containsKey("mfa_requirements"));
        assertNotNull(e.extra().get("mfa_token"));
    }

    @Test
    void withVerifiedEmailsListedTheUserIsChallengedByEmailAndCannotEnroll() {
        f.state.configure(true, true, f.clock.instant());

        OAuthError e = f.mfaRequired();
        String token = (String) e.extra().get("mfa_token");

        assertEquals(Map.of("challenge", List.of(Map.of("type", "email"))), e.extra().get("mfa_requirements"));
        Map<String, Object> listed = f.mfa.list(token).get(0);
        assertEquals("email|verified-alice", listed.get("id"));
        assertEquals("alice@example.com", listed.get("name"));
        expect(403, "access_denied", () -> f.mfa.associate(ISSUER, token, List.of("otp"), null, null, null));
        Map<String, Object> challenge = f.mfa.challenge(token, "oob", "email|verified-alice");
        assertNotNull(f.mfa.verifyOob(ISSUER, token, (String) challenge.get("oob_code"), lastInboxCode("alice"))
                .get("access_token"));

        f.state.configure(true, false, f.clock.instant());
        assertTrue(f.mfa.list(f.mfaToken()).isEmpty(), "switched off again");
    }

    @Test
    void aRecoveryCodeIsRotatedOnUse() {
        String token = f.mfaToken();
        Map<String, Object> enrolled = f.mfa.associate(ISSUER, token, List.of("otp"), null, null, null);
        String recovery = (String) ((List<?>) enrolled.get("recovery_codes")).get(0);
        // Not usable before the factor it came with is confirmed.
        expect(403, "invalid_grant", () -> f.mfa.verifyRecoveryCode(ISSUER, token, recovery));
        f.mfa.verifyOtp(ISSUER, token, f.currentOtp(Base32.decode((String) enrolled.get("secret"))));

        Map<String, Object> granted = f.mfa.verifyRecoveryCode(ISSUER, f.mfaToken(), recovery.toLowerCase());
        String rotated = (String) granted.get("recovery_code");
        assertTrue(rotated.matches("[A-Z0-9]{24}"));
        assertNotEquals(recovery, rotated);
        expect(403, "invalid_grant", () -> f.mfa.verifyRecoveryCode(ISSUER, f.mfaToken(), recovery));
        assertNotNull(f.mfa.verifyRecoveryCode(ISSUER, f.mfaToken(), rotated).get("access_token"));
    }

    @Test
    void theOtpHookShowsTheCurrentCode() {
        byte[] secret = f.enrollOtp();
        assertEquals(f.currentOtp(secret), f.mfa.currentOtp("alice").orElseThrow());
        assertTrue(f.mfa.currentOtp("bob").isEmpty());
    }

    @Test
    void aUserAddedWithAnAuthenticatorAppIsChallengedAndVerifiesItsCodeOnce() {
        byte[] secret = "12345678901234567890".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        DemoUser carol = new DemoUser("load-1", "pw", "load-1@example.com", "load-1", "auth0|load-1");
        assertTrue(f.state.addUserWithOtp(carol, secret, "dev1", f.clock.instant()));
        assertFalse(f.state.addUserWithOtp(carol, secret, "dev2", f.clock.instant()), "a username is taken once");

        OAuthError required = expect(403, "mfa_required", () -> f.mfa.issueOrRequireMfa(ISSUER, "load-1",
                "sample-app", Fixture.REPORTS, "openid read:reports", null));
        assertEquals(Map.of("challenge", List.of(Map.of("type", "otp"))),
                required.extra().get("mfa_requirements"));
        String token = (String) required.extra().get("mfa_token");
        String code = f.currentOtp(secret);
        assertNotNull(f.mfa.verifyOtp(ISSUER, token, code).get("access_token"));
        String next = (String) expect(403, "mfa_required", () -> f.mfa.issueOrRequireMfa(ISSUER, "load-1",
                "sample-app", Fixture.REPORTS, "openid read:reports", null)).extra().get("mfa_token");
        expect(403, "invalid_grant", () -> f.mfa.verifyOtp(ISSUER, next, code));
    }

    private String lastInboxCode(String username) {
        List<InboxMessage> inbox = f.state.user(username).orElseThrow().inbox();
        return inbox.get(inbox.size() - 1).code();
    }
}
