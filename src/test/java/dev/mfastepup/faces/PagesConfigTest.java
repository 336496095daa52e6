package dev.mfastepup.faces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mfastepup.ErrorCodes;
import dev.mfastepup.MfaException;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PagesConfigTest {

    private static Config config(Map<String, String> values) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(values, "test", 100)).build();
    }

    @Test
    void readWhenNothingSetThenCancelGoesHomeAndNoFallback() {
        PagesConfig pages = PagesConfig.read(config(Map.of()));

        assertEquals("/", pages.cancelPath());
        assertEquals(Optional.empty(), pages.universalLoginUrl());
    }

    @Test
    void readWhenSetThenRead() {
        PagesConfig pages = PagesConfig.read(config(Map.of("mfa-stepup.pages.cancel-path", "/home",
                "mfa-stepup.pages.universal-login-url", "https://tenant.auth0.com/authorize?acr_values=x")));

        assertEquals("/home", pages.cancelPath());
        assertEquals("tenant.auth0.com", pages.universalLoginUrl().orElseThrow().getHost());
    }

    @ParameterizedTest
    @ValueSource(strings = {"//evil.example", "https://evil.example/", "home", "/\\evil"})
    void readWhenCancelPathLeavesTheApplicationThenRefusedNamingTheKey(String path) {
        MfaException e = assertThrows(MfaException.class,
                () -> PagesConfig.read(config(Map.of("mfa-stepup.pages.cancel-path", path))));

        assertEquals(ErrorCodes.CONFIGURATION_ERROR, e.code());
        assertTrue(e.getMessage().startsWith("mfa-stepup.pages.cancel-path"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://tenant.auth0.com/authorize", "javascript:alert(1)", "not a url"})
    void readWhenFallbackNotHttpsThenRefused(String url) {
        MfaException e = assertThrows(MfaException.class,
                () -> PagesConfig.read(config(Map.of("mfa-stepup.pages.universal-login-url", url))));

        assertTrue(e.getMessage().startsWith("mfa-stepup.pages.universal-login-url"));
    }
}
