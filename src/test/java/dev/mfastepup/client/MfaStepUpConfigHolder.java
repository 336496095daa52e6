package dev.mfastepup.client;

import dev.mfastepup.TestConfigs;
import dev.mfastepup.config.MfaStepUpConfig;
import java.util.Optional;
import java.util.function.Consumer;

/** Configurations without a base URL override, for the default {@code https://{domain}/}. */
final class MfaStepUpConfigHolder {

    private MfaStepUpConfigHolder() {
    }

    static void withoutBaseUrl(Consumer<MfaStepUpConfig> test) {
        MfaStepUpConfig c = TestConfigs.config("http://unused");
        test.accept(new MfaStepUpConfig(c.domain(), c.clientId(), c.clientSecret(), c.secrets(), c.contextTtl(),
                c.connectTimeout(), c.readTimeout(), c.callDeadline(), Optional.empty(), c.tokenRefreshMargin(),
                c.maxConcurrentCalls(), c.limitsStore()));
    }
}
