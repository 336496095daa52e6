package dev.mfastepup.client;

import dev.mfastepup.TestConfigs;
import dev.mfastepup.config.MfaStepUpConfig;
import java.time.Duration;
import java.util.Optional;

/** Client configurations with timeouts of the test's choosing, on top of {@link TestConfigs}. */
final class ClientConfigs {

    private ClientConfigs() {
    }

    /**
     * Timeouts so long that no stub on this machine trips them however loaded it is: for tests whose property
     * is not a timeout, so that their outcome does not depend on the machine's load.
     */
    static MfaStepUpConfig patient(String baseUrl) {
        return patient(baseUrl, Optional.of(TestConfigs.CLIENT_SECRET));
    }

    /** {@link #patient(String)}, for a confidential client or, with no secret, a public one. */
    static MfaStepUpConfig patient(String baseUrl, Optional<String> clientSecret) {
        return withTimeouts(TestConfigs.config(baseUrl, clientSecret), Duration.ofSeconds(10),
                Duration.ofSeconds(20), Duration.ofSeconds(30));
    }

    static MfaStepUpConfig withTimeouts(String baseUrl, Duration connect, Duration read, Duration deadline) {
        return withTimeouts(TestConfigs.config(baseUrl), connect, read, deadline);
    }

    private static MfaStepUpConfig withTimeouts(MfaStepUpConfig test, Duration connect, Duration read,
            Duration deadline) {
        return new MfaStepUpConfig(test.domain(), test.clientId(), test.clientSecret(), test.secrets(),
                test.contextTtl(), connect, read, deadline, test.baseUrl(), test.tokenRefreshMargin(),
                test.maxConcurrentCalls(), test.limitsStore());
    }
}
