package dev.mfastepup.emulator;

/**
 * A user of the emulated tenant.
 *
 * @param username the login name.
 * @param password the password (demo values only).
 * @param email the verified e-mail address.
 * @param name the display name.
 * @param sub the subject, as Auth0 writes it ({@code auth0|...}).
 */
public record DemoUser(String username, String password, String email, String name, String sub) {
}
