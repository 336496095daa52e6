package dev.mfastepup.pages;

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

    @Test
    void sec19ReadWhenNothingSetThenHstsForAYearWithoutSubdomains() {
        PagesConfig pages = PagesConfig.read(config(Map.of()));

        assertEquals(31_536_000L, pages.hstsMaxAgeSeconds());
        assertEquals(false, pages.hstsIncludeSubdomains());
        assertEquals("max-age=31536000", pages.strictTransportSecurity());
    }

    @Test
    void sec19ReadWhenSubdomainsAndMaxAgeSetThenBothInTheHeader() {
        PagesConfig pages = PagesConfig.read(config(Map.of("mfa-stepup.pages.hsts-include-subdomains", " TRUE ",
                "mfa-stepup.pages.hsts-max-age", "63072000")));

        assertEquals("max-age=63072000; includeSubDomains", pages.strictTransportSecurity());
    }

    @Test
    void sec19ReadWhenSubdomainsFalseThenLeftOut() {
        PagesConfig pages = PagesConfig.read(config(Map.of("mfa-stepup.pages.hsts-include-subdomains", "false",
                "mfa-stepup.pages.hsts-max-age", "0")));

        assertEquals("max-age=0", pages.strictTransportSecurity());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "a year", "1e6", "12345678901"})
    void sec19ReadWhenMaxAgeNotSecondsThenRefusedNamingTheKey(String value) {
        MfaException e = assertThrows(MfaException.class,
                () -> PagesConfig.read(config(Map.of("mfa-stepup.pages.hsts-max-age", value))));

        assertEquals(ErrorCodes.CONFIGURATION_ERROR, e.code());
        assertTrue(e.getMessage().startsWith("mfa-stepup.pages.hsts-max-age"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "1", "on"})
    void sec19ReadWhenIncludeSubdomainsNotABooleanThenRefusedNamingTheKey(String value) {
        MfaException e = assertThrows(MfaException.class,
                () -> PagesConfig.read(config(Map.of("mfa-stepup.pages.hsts-include-subdomains", value))));

        assertEquals(ErrorCodes.CONFIGURATION_ERROR, e.code());
        assertTrue(e.getMessage().startsWith("mfa-stepup.pages.hsts-include-subdomains"), e.getMessage());
    }
}
