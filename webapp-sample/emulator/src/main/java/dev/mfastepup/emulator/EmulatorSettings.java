package dev.mfastepup.emulator;

import java.util.Properties;

/**
 * The emulator's settings, from system properties, with demo defaults so that it runs with nothing configured.
 *
 * @param issuer a fixed issuer URL ending in {@code /}, or {@code null} to derive it from each request.
 * @param clientId the demo client's id.
 * @param clientSecret the demo client's secret.
 * @param hooksEnabled whether the {@code /__test} hooks answer.
 */
public record EmulatorSettings(String issuer, String clientId, String clientSecret, boolean hooksEnabled) {

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
                !"false".equalsIgnoreCase(properties.getProperty("emulator.hooks", "true")));
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
