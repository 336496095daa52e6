package dev.mfastepup;

import dev.mfastepup.config.LimitsStore;
import dev.mfastepup.config.MfaStepUpConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Configurations for tests: the reference suites' client id and secret, a stub base URL, and timeouts far above
 * anything a loaded machine takes, so that no test fails because the machine is busy. A test whose subject is a
 * timeout takes {@link #impatient(String)}, whose deadline fires well before the stub's hang ends.
 */
public final class TestConfigs {

    /** The client id of the reference suites' fixtures. */
    public static final String CLIENT_ID = "<client_id>";
    /** The client secret of the reference suites' fixtures. */
    public static final String CLIENT_SECRET = "<client_secret>";
    /** A module secret of 64 random hex characters. */
    public static final String SECRET = "8f1c2b7e9d4a6f30b5e2c8d1a7f4e9b3c6d0a2f5e8b1c4d7a9f2e5b8c1d4a7f0";
    /** The domain of the reference suites' fixtures. */
    public static final String DOMAIN = "auth0.local";

    private TestConfigs() {
    }

    /**
     * A confidential client against a stub.
     *
     * @param baseUrl the stub's base URL.
     * @return the configuration.
     */
    public static MfaStepUpConfig config(String baseUrl) {
        return config(baseUrl, Optional.of(CLIENT_SECRET));
    }

    /**
     * A client against a stub, with or without a client secret.
     *
     * @param baseUrl the stub's base URL.
     * @param clientSecret the client secret, or empty for a public client.
     * @return the configuration.
     */
    public static MfaStepUpConfig config(String baseUrl, Optional<String> clientSecret) {
        return config(baseUrl, clientSecret, Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(30));
    }

    /**
     * A confidential client against a stub, with short timeouts (connect 0.5 s, read 0.8 s, 1.5 s in all): for tests
     * in which Auth0 hangs and the deadline is what ends the call.
     *
     * @param baseUrl the stub's base URL.
     * @return the configuration.
     */
    public static MfaStepUpConfig impatient(String baseUrl) {
        return config(baseUrl, Optional.of(CLIENT_SECRET), Duration.ofMillis(500), Duration.ofMillis(800),
                Duration.ofMillis(1500));
    }

    private static MfaStepUpConfig config(String baseUrl, Optional<String> clientSecret, Duration connect,
            Duration read, Duration deadline) {
        return new MfaStepUpConfig(DOMAIN, CLIENT_ID, clientSecret, List.of(SECRET), Duration.ofSeconds(300),
                connect, read, deadline,
                Optional.of(URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/")), Duration.ofSeconds(30), 8,
                LimitsStore.MEMORY);
    }
}
