package dev.mfastepup.service;

import dev.mfastepup.TestConfigs;
import dev.mfastepup.config.LimitsStore;
import dev.mfastepup.config.MfaStepUpConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The test configuration with timeouts far above anything a loaded machine takes, and room for every call at once:
 * for tests that count what reaches the stub, so that no count depends on how busy the machine is (a call that
 * timed out or was shed would change it).
 */
final class UnhurriedConfig {

    private UnhurriedConfig() {
    }

    static MfaStepUpConfig of(String baseUrl) {
        return new MfaStepUpConfig(TestConfigs.DOMAIN, TestConfigs.CLIENT_ID, Optional.of(TestConfigs.CLIENT_SECRET),
                List.of(TestConfigs.SECRET), Duration.ofSeconds(300), Duration.ofSeconds(30), Duration.ofSeconds(60),
                Duration.ofSeconds(120), Optional.of(URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/")),
                Duration.ofSeconds(30), 64, LimitsStore.MEMORY);
    }
}
