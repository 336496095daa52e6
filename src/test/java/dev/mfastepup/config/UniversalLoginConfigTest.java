package dev.mfastepup.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mfastepup.ErrorCodes;
import dev.mfastepup.MfaException;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.net.URI;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

/** The settings of the step-up through Universal Login. */
class UniversalLoginConfigTest {

    @Test
    void theRoadIsOffUntilTurnedOn() {
        UniversalLoginConfig defaults = UniversalLoginConfig.read(config(Map.of()));

        assertFalse(defaults.enabled());
        assertTrue(defaults.callbackUrl().isEmpty());
        assertEquals(UniversalLoginConfig.MULTI_FACTOR_POLICY, defaults.acrValues());
        assertTrue(UniversalLoginConfig.read(config(Map.of(UniversalLoginConfig.KEY_ENABLED, " TRUE "))).enabled());
        assertFalse(defaults.only());
    }

    @Test
    void theOnlyRoadNeedsTheRoadTurnedOn() {
        assertTrue(UniversalLoginConfig.read(config(Map.of(UniversalLoginConfig.KEY_ENABLED, "true",
                UniversalLoginConfig.KEY_ONLY, "true"))).only());

        MfaException alone = assertThrows(MfaException.class, () -> UniversalLoginConfig.read(
                config(Map.of(UniversalLoginConfig.KEY_ONLY, "true"))));
        assertEquals(ErrorCodes.CONFIGURATION_ERROR, alone.code());
        assertTrue(alone.getMessage().contains(UniversalLoginConfig.KEY_ENABLED), alone.getMessage());
        MfaException notABoolean = assertThrows(MfaException.class, () -> UniversalLoginConfig.read(
                config(Map.of(UniversalLoginConfig.KEY_ENABLED, "true", UniversalLoginConfig.KEY_ONLY, "1"))));
        assertTrue(notABoolean.getMessage().contains(UniversalLoginConfig.KEY_ONLY), notABoolean.getMessage());
    }

    @Test
    void aCallbackUrlIsHttpsOrHttpOnTheLoopback() {
        assertEquals(URI.create("https://shop.example.com/mfa/universal-login/callback"),
                callback("https://shop.example.com/mfa/universal-login/callback"));
        assertEquals(URI.create("http://localhost:8080/mfa/universal-login/callback"),
                callback("http://localhost:8080/mfa/universal-login/callback"));
        for (String refused : new String[] {"http://shop.example.com/cb", "/relative/callback",
            "https://shop.example.com/cb?x=1", "https://shop.example.com/cb#f", "javascript:alert(1)"}) {
            MfaException e = assertThrows(MfaException.class, () -> callback(refused), refused);
            assertEquals(ErrorCodes.CONFIGURATION_ERROR, e.code());
            assertTrue(e.getMessage().contains(UniversalLoginConfig.KEY_CALLBACK_URL), e.getMessage());
            assertFalse(e.getMessage().contains(refused), "the message names the rule, not the value");
        }
    }

    @Test
    void otherAcrValuesCanBeAskedFor() {
        UniversalLoginConfig other = UniversalLoginConfig.read(config(Map.of(UniversalLoginConfig.KEY_ACR_VALUES,
                "urn:example:loa:3")));

        assertEquals("urn:example:loa:3", other.acrValues());
    }

    @Test
    void aValueThatIsNotValidNamesItsKey() {
        MfaException enabled = assertThrows(MfaException.class, () -> UniversalLoginConfig.read(
                config(Map.of(UniversalLoginConfig.KEY_ENABLED, "yes"))));
        assertTrue(enabled.getMessage().contains(UniversalLoginConfig.KEY_ENABLED), enabled.getMessage());
        MfaException acr = assertThrows(MfaException.class, () -> UniversalLoginConfig.read(
                config(Map.of(UniversalLoginConfig.KEY_ACR_VALUES, "urn:a\nurn:b"))));
        assertTrue(acr.getMessage().contains(UniversalLoginConfig.KEY_ACR_VALUES), acr.getMessage());
    }

    private static URI callback(String value) {
        return UniversalLoginConfig.read(config(Map.of(UniversalLoginConfig.KEY_CALLBACK_URL, value))).callbackUrl()
                .orElseThrow();
    }

    private static Config config(Map<String, String> values) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(values, "test", 500)).build();
    }
}
