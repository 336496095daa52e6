package dev.mfastepup.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * The emulator's settings, from system properties, with demo defaults so that it runs with nothing configured.
 *
 * @param issuer a fixed issuer URL ending in {@code /}, or {@code null} to derive it from each request.
 * @param clientId the demo client's id.
 * @param clientSecret the demo client's secret.
 * @param hooksEnabled whether the {@code /__test} hooks answer.
 * @param users the tenant's users.
 * @param trustForwarded whether a request's standard {@code Forwarded} header (RFC 7239) names the issuer for that
 *        request, as {@code proto://host/} (system property {@code emulator.trust-forwarded}, off unless
 *        {@code true}). A proxy that forwards is taken to serve the emulator at the root of its host, as Auth0 serves
 *        a tenant at the root of its domain; this lets a client that insists on an {@code https} issuer at a domain's
 *        root (Auth0's own SDKs) talk to the emulator over plain HTTP on loopback, while requests without the header
 *        keep the request's own base URL. Off by default, since any client could then choose the issuer of its
 *        tokens; a fixed {@code issuer} wins over it.
 * @param removalNeedsMfaApiToken whether {@code DELETE /mfa/authenticators/{id}} asks, as Auth0's documentation
 *        does, for an access token of the MFA API's audience with {@code remove:authenticators}
 *        ({@code emulator.delete-bearer=mfa-api-token}), rather than taking the {@code mfa_token} as Auth0's
 *        JavaScript SDK sends it ({@code mfa-token}, the default).
 */
public record EmulatorSettings(String issuer, String clientId, String clientSecret, boolean hooksEnabled,
        List<DemoUser> users, boolean trustForwarded, boolean removalNeedsMfaApiToken) {

    /**
     * The users when {@code emulator.users} is not set: alice and bob with nothing enrolled, and
     * {@link SecurityKeyUser} with a security key.
     */
    public static final List<DemoUser> DEMO_USERS = List.of(
            new DemoUser("alice", "alice-password", "alice@example.com", "Alice Example", "auth0|alice"),
            new DemoUser("bob", "bob-password", "bob@example.com", "Bob Example", "auth0|bob"),
            SecurityKeyUser.USER);

    /** Copies the user list. */
    public EmulatorSettings {
        users = List.copyOf(users);
    }

    /** The default client id. */
    public static final String DEFAULT_CLIENT_ID = "sample-app";
    /** The default client secret; a demo value, printed at start. */
    public static final String DEFAULT_CLIENT_SECRET = "sample-app-secret-not-for-production";

    /**
     * Reads the settings.
     *
     * @param properties usually {@link System#getProperties()}.
     * @return the settings.
     */
    public static EmulatorSettings from(Properties properties) {
        String issuer = properties.getProperty("emulator.issuer");
        if (issuer != null && issuer.isBlank()) {
            issuer = null;
        }
        if (issuer != null && !issuer.endsWith("/")) {
            issuer = issuer + "/";
        }
        return new EmulatorSettings(issuer,
                properties.getProperty("emulator.client-id", DEFAULT_CLIENT_ID),
                properties.getProperty("emulator.client-secret", DEFAULT_CLIENT_SECRET),
                !"false".equalsIgnoreCase(properties.getProperty("emulator.hooks", "true")),
                users(properties.getProperty("emulator.users")),
                "true".equalsIgnoreCase(properties.getProperty("emulator.trust-forwarded", "false").trim()),
                "mfa-api-token".equalsIgnoreCase(properties.getProperty("emulator.delete-bearer", "mfa-token")));
    }

    /**
     * Reads {@code emulator.users}: {@code name:password[:email]} entries separated by commas; they replace the
     * demo users. The e-mail defaults to {@code name@example.com}, the subject is {@code auth0|name}.
     */
    static List<DemoUser> users(String text) {
        if (text == null || text.isBlank()) {
            return DEMO_USERS;
        }
        List<DemoUser> users = new ArrayList<>();
        for (String entry : text.split(",")) {
            String[] parts = entry.trim().split(":", 3);
            if (parts.length < 2 || parts[0].isBlank() || parts[1].isEmpty()) {
                throw new IllegalArgumentException("emulator.users: expected name:password[:email], got " + entry);
            }
            String name = parts[0].trim();
            String email = parts.length == 3 && !parts[2].isBlank() ? parts[2].trim() : name + "@example.com";
            String display = name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
            users.add(new DemoUser(name, parts[1], email, display, "auth0|" + name));
        }
        return users;
    }

    /**
     * Returns the demo defaults.
     *
     * @return the settings with no property set.
     */
    public static EmulatorSettings defaults() {
        return from(new Properties());
    }
}
