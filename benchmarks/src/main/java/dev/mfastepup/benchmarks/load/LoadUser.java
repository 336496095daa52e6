package dev.mfastepup.benchmarks.load;

/**
 * A user of the emulator made for one journey: a new one each time, since the emulator (as Auth0) accepts each
 * TOTP code once and counts every user's attempts.
 *
 * @param username the login name, also the display name.
 * @param password the password.
 * @param otpSecret the Base32 secret of the user's authenticator app.
 */
record LoadUser(String username, String password, String otpSecret) {

    /** @return the subject the emulator gives the user. */
    String subject() {
        return "auth0|" + username;
    }
}
