package dev.mfastepup;

import dev.mfastepup.config.LimitsStore;
import dev.mfastepup.config.MfaStepUpConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Configurations for tests: the reference suites' client id and secret, short timeouts, a stub base URL. */
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
        return new MfaStepUpConfig(DOMAIN, CLIENT_ID, clientSecret, List.of(SECRET), Duration.ofSeconds(300),
                Duration.ofMillis(500), Duration.ofMillis(800), Duration.ofMillis(1500),
                Optional.of(URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/")), Duration.ofSeconds(30), 8,
                LimitsStore.MEMORY);
    }
}
