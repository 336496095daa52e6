package dev.mfastepup.emulator;

import java.time.Instant;

/**
 * The demo user whose only second factor is a WebAuthn security key. The MFA API lists the key but cannot challenge
 * it and, since the user has an active authenticator, lets no {@code mfa_token} enroll another: only Universal Login
 * can give this user a second factor, which is what a client must cope with.
 */
public final class SecurityKeyUser {

    /** The user; demo values, shown on the login page. */
    public static final DemoUser USER = new DemoUser("keyonly@example.com", "keyonly-password",
            "keyonly@example.com", "Key Only", "auth0|keyonly");
    /** The key's authenticator id, fixed so that tests and docs can name it. */
    public static final String KEY_ID = "webauthn-roaming|dev_keyonlyDemoKey01";
    /** When the key was enrolled: a fixed demo date, since the tenant state keeps no clock. */
    static final Instant ENROLLED_AT = Instant.parse("2026-01-01T00:00:00Z");

    private SecurityKeyUser() {
    }

    /**
     * Gives the demo user its confirmed security key; any other account is left as it is.
     *
     * @param account a new account.
     */
    static void enroll(UserAccount account) {
        if (USER.equals(account.user())) {
            Authenticator key = new Authenticator(KEY_ID, FactorKind.WEBAUTHN_ROAMING, null, null, null,
                    ENROLLED_AT);
            key.activate();
            account.authenticators().add(key);
        }
    }
}
