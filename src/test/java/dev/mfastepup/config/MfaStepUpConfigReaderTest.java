package dev.mfastepup.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mfastepup.ErrorCodes;
import dev.mfastepup.LogCapture;
import dev.mfastepup.MfaException;
import dev.mfastepup.TestConfigs;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading and validating the configuration, with SmallRye Config as the MicroProfile Config implementation. */
class MfaStepUpConfigReaderTest {

    private static Map<String, String> minimal() {
        Map<String, String> values = new HashMap<>();
        values.put("mfa-stepup.domain", "Tenant.EU.auth0.com");
        values.put("mfa-stepup.client-id", "client-1");
        values.put("mfa-stepup.client-secret", "client-secret-1");
        values.put("mfa-stepup.secret", TestConfigs.SECRET);
        return values;
    }

    private static Config config(Map<String, String> values) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(values, "test", 100)).build();
    }

    private static MfaException refused(Map<String, String> values) {
        MfaException e = assertThrows(MfaException.class, () -> MfaStepUpConfigReader.read(config(values)));
        assertEquals(ErrorCodes.CONFIGURATION_ERROR, e.code());
        return e;
    }

    @Test
    void readWhenMinimalThenDefaults() {
        MfaStepUpConfig config = MfaStepUpConfigReader.read(config(minimal()));

        assertEquals("tenant.eu.auth0.com", config.domain());
        assertEquals("client-1", config.clientId());
        assertEquals(Optional.of("client-secret-1"), config.clientSecret());
        assertEquals(List.of(TestConfigs.SECRET), config.secrets());
        assertEquals(Duration.ofSeconds(300), config.contextTtl());
        assertEquals(Duration.ofMillis(2000), config.connectTimeout());
        assertEquals(Duration.ofMillis(5000), config.readTimeout());
        assertEquals(Duration.ofMillis(5000), config.callDeadline());
        assertEquals(Optional.empty(), config.baseUrl());
        assertEquals(Duration.ofSeconds(30), config.tokenRefreshMargin());
        assertEquals(32, config.maxConcurrentCalls());
        assertEquals(LimitsStore.AUTO, config.limitsStore());
        assertEquals(IdTokenSigning.RS256, config.idTokenSigning());
    }

    @Test
    void readWhenEveryKeySetThenAllRead() {
        Map<String, String> values = minimal();
        values.put("mfa-stepup.previous-secrets", "0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6071,");
        values.put("mfa-stepup.context-ttl-seconds", "600");
        values.put("mfa-stepup.connect-timeout-ms", "1000");
        values.put("mfa-stepup.read-timeout-ms", "3000");
        values.put("mfa-stepup.call-deadline-ms", "4000");
        values.put("mfa-stepup.base-url", "http://localhost:8080/emulator");
        values.put("mfa-stepup.token-refresh-margin-seconds", "0");
        values.put("mfa-stepup.max-concurrent-calls", "4");
        values.put("mfa-stepup.limits.store", " JCache ");

        MfaStepUpConfig config = MfaStepUpConfigReader.read(config(values));

        assertEquals(2, config.secrets().size());
        assertEquals(Duration.ofSeconds(600), config.contextTtl());
        assertEquals(Duration.ofMillis(4000), config.callDeadline());
        assertEquals("http://localhost:8080/emulator/", config.baseUrl().orElseThrow().toString());
        assertEquals(Duration.ZERO, config.tokenRefreshMargin());
        assertEquals(4, config.maxConcurrentCalls());
        assertEquals(LimitsStore.JCACHE, config.limitsStore());
    }

    @Test
    void readWhenIdTokensAreSignedWithHs256AndTheClientSecretIsLongEnoughThenHs256() {
        Map<String, String> values = minimal();
        values.put("mfa-stepup.client-secret", "s".repeat(MfaStepUpConfigReader.MIN_SECRET_BYTES));
        values.put("mfa-stepup.id-token-signing", " hs256 ");

        assertEquals(IdTokenSigning.HS256, MfaStepUpConfigReader.read(config(values)).idTokenSigning());
    }

    @Test
    void readWhenHs256WithoutAClientSecretOrWithAShortOneThenRefusedSayingWhatToDo() {
        Map<String, String> values = minimal();
        values.put("mfa-stepup.id-token-signing", "HS256");
        values.put("mfa-stepup.client-secret", "s".repeat(MfaStepUpConfigReader.MIN_SECRET_BYTES - 1));
        String shortOne = refused(values).getMessage();
        values.remove("mfa-stepup.client-secret");
        String none = refused(values).getMessage();

        for (String message : List.of(shortOne, none)) {
            assertEquals("mfa-stepup.id-token-signing is HS256, so Auth0 signs ID tokens with the client secret: set"
                    + " mfa-stepup.client-secret (at least 32 bytes, as Auth0 makes them), or switch the application"
                    + " to RS256 at Auth0 (Settings, Advanced, OAuth)", message);
        }
    }

    @Test
    void readWhenIdTokenSigningUnknownThenNamesKeyAndChoices() {
        Map<String, String> values = minimal();
        values.put("mfa-stepup.id-token-signing", "none");

        assertEquals("mfa-stepup.id-token-signing must be RS256 or HS256, as the application's signature algorithm"
                + " at Auth0, but is 'none'", refused(values).getMessage());
    }

    @Test
    void readWhenLimitsStoreUnknownThenNamesKeyAndChoices() {
        Map<String, String> values = minimal();
        values.put("mfa-stepup.limits.store", "redis");

        MfaException e = refused(values);

        assertEquals("mfa-stepup.limits.store must be auto, jcache or memory, but is 'redis'", e.getMessage());
    }

    @Test
    void readWhenEnvironmentVariablesThenMappedByMicroProfileRules() {
        Config config = new SmallRyeConfigBuilder().withSources(new EnvConfigSource(Map.of(
                "MFA_STEPUP_DOMAIN", "tenant.auth0.com",
                "MFA_STEPUP_CLIENT_ID", "from-env",
                "MFA_STEPUP_SECRET", TestConfigs.SECRET,
                "MFA_STEPUP_CONTEXT_TTL_SECONDS", "120"), 300)).build();

        MfaStepUpConfig read = MfaStepUpConfigReader.read(config);

        assertEquals("from-env", read.clientId());
        assertEquals(Duration.ofSeconds(120), read.contextTtl());
        assertEquals(Optional.empty(), read.clientSecret());
    }

    @ParameterizedTest
    @ValueSource(strings = {"mfa-stepup.domain", "mfa-stepup.client-id", "mfa-stepup.secret"})
    void readWhenRequiredKeyMissingThenNamesTheKey(String key) {
        Map<String, String> values = minimal();
        values.remove(key);

        assertTrue(refused(values).getMessage().startsWith(key + " is not set"));
    }

    @Test
    void sec02ReadWhenSecretTooShortThenNamesKeyAndRuleNeverTheValue() {
        // SEC-02
        Map<String, String> values = minimal();
        values.put("mfa-stepup.secret", "0123456789abcdef0123456789abcde"); // 31 bytes

        MfaException e = refused(values);

        assertTrue(e.getMessage().contains("mfa-stepup.secret"), e.getMessage());
        assertTrue(e.getMessage().contains("32 bytes"), e.getMessage());
        assertFalse(e.getMessage().contains("0123456789abcdef"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"changeme-changeme-changeme-changeme", "please-replace-me-with-a-real-secret-value",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "your-secret-here-0123456789-0123456789",
            "test-secret-long-enough-for-encryption"})
    void sec02ReadWhenSecretIsPlaceholderOrPublishedThenRefusedWithoutTheValue(String secret) {
        // SEC-02: known placeholders refused; the Python suite's secret is public
        Map<String, String> values = minimal();
        values.put("mfa-stepup.secret", secret);

        MfaException e = refused(values);

        assertTrue(e.getMessage().contains("mfa-stepup.secret"), e.getMessage());
        assertFalse(e.getMessage().contains(secret), e.getMessage());
    }

    @Test
    void readWhenPreviousSecretWeakThenNamesThatKey() {
        Map<String, String> values = minimal();
        values.put("mfa-stepup.previous-secrets", "short");

        assertTrue(refused(values).getMessage().startsWith("mfa-stepup.previous-secrets"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "601", "900", "-1", "5m", "300.0"})
    void sec05ReadWhenContextTtlOutOfRangeThenRefused(String ttl) {
        // PY-MC-12, PY-SC-02, SEC-05: Auth0's mfa_token lives 600 s, so no more
        Map<String, String> values = minimal();
        values.put("mfa-stepup.context-ttl-seconds", ttl);

        MfaException e = refused(values);

        assertTrue(e.getMessage().contains("mfa-stepup.context-ttl-seconds must be a whole number from 1 to 600"),
                e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://host/", "localhost:8080", "http:///path", "https://user:pw@host/",
            "https://host/?q=1", "https://host/#frag", "not a url",
            // Not a host to java.net.URI, so never taken for a loopback address either.
            "http://127.0.0.256/", "http://127.1/"})
    void readWhenBaseUrlNotAPlainHttpUrlThenRefused(String url) {
        Map<String, String> values = minimal();
        values.put("mfa-stepup.base-url", url);

        assertTrue(refused(values).getMessage().startsWith("mfa-stepup.base-url must be"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://tenant.auth0.com/path", "tenant auth0.com", "http://tenant.auth0.com",
            "tenant.auth0.com:99999999", "-tenant.auth0.com"})
    void readWhenDomainNotAHostNameThenRefused(String domain) {
        Map<String, String> values = minimal();
        values.put("mfa-stepup.domain", domain);

        assertTrue(refused(values).getMessage().startsWith("mfa-stepup.domain must be"));
    }

    @Test
    void toStringWhenSecretsSetThenLeavesThemOut() {
        MfaStepUpConfig config = MfaStepUpConfigReader.read(config(minimal()));

        assertFalse(config.toString().contains(TestConfigs.SECRET));
        assertFalse(config.toString().contains("client-secret-1"));
    }

    @Test
    void toStringWhenLoggedThenSaysWhichSecretsAreSetAndTheSettingsThatAreNotSecret() {
        Map<String, String> values = minimal();
        String withSecret = MfaStepUpConfigReader.read(config(values)).toString();
        values.remove("mfa-stepup.client-secret");
        String publicClient = MfaStepUpConfigReader.read(config(values)).toString();

        assertTrue(withSecret.startsWith("MfaStepUpConfig[domain=tenant.eu.auth0.com, clientId=client-1, "
                + "clientSecret=[set], secrets=[1 set], contextTtl="), withSecret);
        assertTrue(publicClient.contains(", clientSecret=[none], "), publicClient);
        assertTrue(withSecret.endsWith(", limitsStore=" + LimitsStore.AUTO + ", idTokenSigning=RS256]"), withSecret);
    }

    // The base URL, the trust anchor of ID tokens and the key set ----------------------------------------------------

    private static final String BASE_URL_LOGGER = BaseUrlSetting.class.getName();

    /** Reads the configuration and returns the warnings logged while reading it. */
    private static List<String> warningsOfReading(Map<String, String> values) {
        try (LogCapture log = new LogCapture(BASE_URL_LOGGER)) {
            MfaStepUpConfigReader.read(config(values));
            return log.warnings();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://tenant.eu.auth0.com/", "HTTP://tenant.eu.auth0.com",
            "http://10.0.0.7:8080/emulator/", "http://192.168.1.1/", "http://0.0.0.0/", "http://128.0.0.1/",
            "http://localhost.evil.example/", "http://127.0.0.1.nip.io/", "http://[::2]/", "http://[fe80::1]/",
            "http://[::]/", "http://localhost6/"})
    void readWhenBaseUrlIsPlainHttpToAnotherMachineThenRefusedNamingTheKeyAndTheWayOut(String url) {
        Map<String, String> values = minimal();
        values.put("mfa-stepup.base-url", url);

        String message = refused(values).getMessage();

        assertTrue(message.startsWith("mfa-stepup.base-url must use https unless it points to this machine"
                + " (localhost, 127.0.0.0/8 or ::1), but is plain http to "), message);
        assertTrue(message.endsWith("; use https, or set mfa-stepup.base-url.allow-insecure-http=true on a closed"
                + " test network only"), message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:8080/emulator/", "http://LocalHost/", "http://127.0.0.1:9/",
            "http://127.255.255.254/", "http://127.0.0.1", "http://[::1]:8080/", "http://[0:0:0:0:0:0:0:1]/"})
    void readWhenBaseUrlIsPlainHttpToThisMachineThenAcceptedWithOneWarning(String url) {
        Map<String, String> values = minimal();
        values.put("mfa-stepup.base-url", url);

        List<String> warnings = warningsOfReading(values);

        String uri = url.endsWith("/") ? url : url + "/";
        assertEquals(uri, MfaStepUpConfigReader.read(config(values)).baseUrl().orElseThrow().toString());
        assertEquals(List.of("mfa-stepup.base-url is set to " + uri + ": Auth0 calls go there, and the ID tokens"
                + " and key set it serves are trusted instead of those of https://{domain}/. Set it only for an"
                + " emulator, a test stub, or an Auth0 endpoint you have checked."), warnings);
    }

    @Test
    void readWhenBaseUrlIsHttpsThenAcceptedWithAWarningThatItReplacesTheTrustAnchor() {
        Map<String, String> values = minimal();
        values.put("mfa-stepup.base-url", "https://login.example.com");

        List<String> warnings = warningsOfReading(values);

        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("mfa-stepup.base-url is set to https://login.example.com/: Auth0"
                + " calls go there, and the ID tokens and key set it serves are trusted instead of those of"
                + " https://{domain}/."), warnings.get(0));
    }

    @Test
    void readWhenBaseUrlNotSetThenNoWarning() {
        assertEquals(List.of(), warningsOfReading(minimal()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "TRUE", " True "})
    void readWhenInsecureHttpAllowedThenHttpToAnyHostAcceptedWithALoudWarningAtEveryDeployment(String allowed) {
        Map<String, String> values = minimal();
        values.put("mfa-stepup.base-url", "http://auth0-emulator.test:8080/");
        values.put("mfa-stepup.base-url.allow-insecure-http", allowed);

        List<String> first = warningsOfReading(values);
        List<String> second = warningsOfReading(values);

        assertEquals("http://auth0-emulator.test:8080/",
                MfaStepUpConfigReader.read(config(values)).baseUrl().orElseThrow().toString());
        assertEquals(2, first.size(), first.toString());
        assertTrue(first.get(0).startsWith("INSECURE SETTING: mfa-stepup.base-url.allow-insecure-http=true lets"
                + " mfa-stepup.base-url send mfa_tokens, codes and refresh tokens over plain http to any host"),
                first.get(0));
        assertTrue(first.get(1).startsWith("mfa-stepup.base-url is set to http://auth0-emulator.test:8080/"),
                first.get(1));
        assertEquals(first, second, "each deployment warns again");
    }

    @Test
    void readWhenInsecureHttpExplicitlyNotAllowedThenRefusedAsWhenUnset() {
        Map<String, String> values = minimal();
        values.put("mfa-stepup.base-url", "http://auth0-emulator.test:8080/");
        values.put("mfa-stepup.base-url.allow-insecure-http", "false");

        assertTrue(refused(values).getMessage().startsWith("mfa-stepup.base-url must use https"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "1", "on", "truee"})
    void readWhenAllowInsecureHttpNotABooleanThenRefusedNamingTheKey(String value) {
        Map<String, String> values = minimal();
        values.put("mfa-stepup.base-url", "https://login.example.com/");
        values.put("mfa-stepup.base-url.allow-insecure-http", value);

        assertEquals("mfa-stepup.base-url.allow-insecure-http must be true or false, but is '" + value + "'",
                refused(values).getMessage());
    }

    @Test
    void readWhenInsecureHttpAllowedByEnvironmentVariableThenMappedByMicroProfileRules() {
        Config config = new SmallRyeConfigBuilder().withSources(new EnvConfigSource(Map.of(
                "MFA_STEPUP_DOMAIN", "tenant.auth0.com",
                "MFA_STEPUP_CLIENT_ID", "from-env",
                "MFA_STEPUP_SECRET", TestConfigs.SECRET,
                "MFA_STEPUP_BASE_URL", "http://emulator.test/",
                "MFA_STEPUP_BASE_URL_ALLOW_INSECURE_HTTP", "true"), 300)).build();

        assertEquals("http://emulator.test/", MfaStepUpConfigReader.read(config).baseUrl().orElseThrow().toString());
    }
}
