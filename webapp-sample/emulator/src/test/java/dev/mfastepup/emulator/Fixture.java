package dev.mfastepup.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.function.Executable;

/** A tenant on a hand-moved clock, with helpers for the MFA steps. */
class Fixture {

    static final String ISSUER = "http://localhost:8080/emulator/";
    static final String REPORTS = TenantState.REPORTS_AUDIENCE;

    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    final TenantState state = new TenantState();
    final TokenIssuer issuer = new TokenIssuer();
    final TokenResponses tokens = new TokenResponses(state, issuer, clock);
    final EmulatedMfaApi mfa = new EmulatedMfaApi(state, tokens, clock);
    final EmulatorSettings settings = EmulatorSettings.defaults();
    final TokenEndpoint endpoint = new TokenEndpoint(state, new ClientAuthenticator(settings), mfa, tokens, clock);
    final SsoSessions sessions = new SsoSessions(state, clock);
    final UniversalLogin login = new UniversalLogin(state, new ClientAuthenticator(settings), sessions,
            new SecondFactorStep(state, clock), endpoint, new LoginPages(settings.users()), clock);

    /** Asks for the reports audience as alice and returns the mfa_required error. */
    OAuthError mfaRequired() {
        return expect(403, "mfa_required",
                () -> mfa.issueOrRequireMfa(ISSUER, "alice", "sample-app", REPORTS, "openid read:reports", null));
    }

    String mfaToken() {
        return (String) mfaRequired().extra().get("mfa_token");
    }

    static OAuthError expect(int status, String error, Executable call) {
        OAuthError e = assertThrows(OAuthError.class, call);
        assertEquals(error, e.error(), e.description());
        assertEquals(status, e.status());
        return e;
    }

    /** Enrolls OTP for alice and confirms it; returns the secret. */
    byte[] enrollOtp() {
        String token = mfaToken();
        Map<String, Object> enrolled = mfa.associate(ISSUER, token, List.of("otp"), null, null, null);
        byte[] secret = Base32.decode((String) enrolled.get("secret"));
        mfa.verifyOtp(ISSUER, token, Totp.code(secret, Totp.step(clock.instant())));
        return secret;
    }

    String currentOtp(byte[] secret) {
        return Totp.code(secret, Totp.step(clock.instant()));
    }
}
