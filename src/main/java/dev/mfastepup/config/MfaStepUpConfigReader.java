package dev.mfastepup.config;

import dev.mfastepup.ErrorCodes;
import dev.mfastepup.MfaException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.Config;

/**
 * Reads and validates {@link MfaStepUpConfig} from MicroProfile Config.
 *
 * <h2>Keys</h2>
 * <table>
 * <caption>Configuration keys (environment variables work through MicroProfile Config's name mapping, e.g.
 * {@code MFA_STEPUP_CLIENT_ID})</caption>
 * <tr><th>key</th><th>default</th><th>rule</th></tr>
 * <tr><td>{@value #KEY_DOMAIN}</td><td>required</td><td>a host name with an optional port</td></tr>
 * <tr><td>{@value #KEY_CLIENT_ID}</td><td>required</td><td>not blank</td></tr>
 * <tr><td>{@value #KEY_CLIENT_SECRET}</td><td>none (public client)</td><td>not blank when set</td></tr>
 * <tr><td>{@value #KEY_SECRET}</td><td>required</td><td>at least 32 bytes, not a placeholder</td></tr>
 * <tr><td>{@value #KEY_PREVIOUS_SECRETS}</td><td>none</td><td>comma-separated, each as the secret</td></tr>
 * <tr><td>{@value #KEY_CONTEXT_TTL}</td><td>{@value #DEFAULT_CONTEXT_TTL_SECONDS}</td><td>1 to 600</td></tr>
 * <tr><td>{@value #KEY_CONNECT_TIMEOUT}</td><td>{@value #DEFAULT_CONNECT_TIMEOUT_MS}</td><td>1 to 60000</td></tr>
 * <tr><td>{@value #KEY_READ_TIMEOUT}</td><td>{@value #DEFAULT_READ_TIMEOUT_MS}</td><td>1 to 60000</td></tr>
 * <tr><td>{@value #KEY_CALL_DEADLINE}</td><td>{@value #DEFAULT_CALL_DEADLINE_MS}</td><td>1 to 120000</td></tr>
 * <tr><td>{@value #KEY_BASE_URL}</td><td>{@code https://{domain}/}</td><td>an absolute https URL, or http to
 * {@code localhost}, {@code 127.0.0.0/8} or {@code ::1}; logs a warning at deployment</td></tr>
 * <tr><td>{@value #KEY_BASE_URL_ALLOW_INSECURE_HTTP}</td><td>{@code false}</td><td>{@code true} accepts plain http
 * to any host for {@value #KEY_BASE_URL}, with a warning at every deployment; a closed test network only</td></tr>
 * <tr><td>{@value #KEY_TOKEN_REFRESH_MARGIN}</td><td>{@value #DEFAULT_TOKEN_REFRESH_MARGIN_SECONDS}</td><td>0 to 300</td></tr>
 * <tr><td>{@value #KEY_MAX_CONCURRENT_CALLS}</td><td>{@value #DEFAULT_MAX_CONCURRENT_CALLS}</td><td>1 to 1024</td></tr>
 * <tr><td>{@value #KEY_LIMITS_STORE}</td><td>{@code auto}</td><td>{@code auto}, {@code jcache} or {@code memory}
 * ({@link LimitsStore})</td></tr>
 * <tr><td>{@value #KEY_ID_TOKEN_SIGNING}</td><td>{@code RS256}</td><td>{@code RS256} or {@code HS256}
 * ({@link IdTokenSigning}); {@code HS256} needs a client secret of at least 32 bytes</td></tr>
 * </table>
 *
 * @since 0.1
 */
public final class MfaStepUpConfigReader {

    // Constants --------------------------------------------------------------------------------------------------

    /** The Auth0 (custom) domain. */
    public static final String KEY_DOMAIN = "mfa-stepup.domain";
    /** The client id of the application at Auth0. */
    public static final String KEY_CLIENT_ID = "mfa-stepup.client-id";
    /** The client secret of the application at Auth0. */
    public static final String KEY_CLIENT_SECRET = "mfa-stepup.client-secret";
    /** The secret that seals step-up contexts. */
    public static final String KEY_SECRET = "mfa-stepup.secret";
    /** Earlier secrets, still accepted when unsealing, for rotation. */
    public static final String KEY_PREVIOUS_SECRETS = "mfa-stepup.previous-secrets";
    /** The lifetime of a sealed step-up context, in seconds. */
    public static final String KEY_CONTEXT_TTL = "mfa-stepup.context-ttl-seconds";
    /** The connect timeout of calls to Auth0, in milliseconds. */
    public static final String KEY_CONNECT_TIMEOUT = "mfa-stepup.connect-timeout-ms";
    /** The read timeout of calls to Auth0, in milliseconds. */
    public static final String KEY_READ_TIMEOUT = "mfa-stepup.read-timeout-ms";
    /** The overall deadline of one call to Auth0, in milliseconds. */
    public static final String KEY_CALL_DEADLINE = "mfa-stepup.call-deadline-ms";
    /** An explicit base URL for Auth0's endpoints, for an emulator or a test stub. */
    public static final String KEY_BASE_URL = "mfa-stepup.base-url";
    /** Lets the base URL use plain http to a host other than this machine; off by default. */
    public static final String KEY_BASE_URL_ALLOW_INSECURE_HTTP = "mfa-stepup.base-url.allow-insecure-http";
    /** How long before its expiry a cached access token is refreshed, in seconds. */
    public static final String KEY_TOKEN_REFRESH_MARGIN = "mfa-stepup.token-refresh-margin-seconds";
    /** How many calls to Auth0 may be in flight at once. */
    public static final String KEY_MAX_CONCURRENT_CALLS = "mfa-stepup.max-concurrent-calls";
    /** Where the counts of the module's limits live: {@code auto}, {@code jcache} or {@code memory}. */
    public static final String KEY_LIMITS_STORE = "mfa-stepup.limits.store";
    /** How Auth0 signs the application's ID tokens: {@code RS256} or {@code HS256}. */
    public static final String KEY_ID_TOKEN_SIGNING = "mfa-stepup.id-token-signing";

    /** The default lifetime of a sealed context, as in Auth0's Python SDK. */
    public static final int DEFAULT_CONTEXT_TTL_SECONDS = 300;
    /** The longest lifetime of a sealed context: Auth0's {@code mfa_token} lives 10 minutes, not configurable. */
    public static final int MAX_CONTEXT_TTL_SECONDS = 600;
    /** The default connect timeout. */
    public static final int DEFAULT_CONNECT_TIMEOUT_MS = 2000;
    /** The default read timeout. */
    public static final int DEFAULT_READ_TIMEOUT_MS = 5000;
    /** The default overall deadline of one call. */
    public static final int DEFAULT_CALL_DEADLINE_MS = 5000;
    /** The default refresh margin of cached access tokens. */
    public static final int DEFAULT_TOKEN_REFRESH_MARGIN_SECONDS = 30;
    /** The default number of calls to Auth0 in flight at once. */
    public static final int DEFAULT_MAX_CONCURRENT_CALLS = 32;
    /** The fewest bytes a secret must have. */
    public static final int MIN_SECRET_BYTES = SecretRules.MIN_SECRET_BYTES;

    private static final String ERROR_MISSING = "%s is not set; %s";
    private static final String ERROR_RANGE = "%s must be a whole number from %d to %d, but is %s";

    /**
     * Secrets published in the test suites of Auth0's SDKs and in this project's examples: long enough and random
     * looking, but known to everybody.
     */
    private static final Set<String> PUBLISHED_SECRETS = Set.of(
            "test-secret-long-enough-for-encryption",
            "test_secret_key_32_chars_long!!!",
            "test-secret-that-is-at-least-32-chars");

    private MfaStepUpConfigReader() {
        // static only
    }

    // Actions ----------------------------------------------------------------------------------------------------

    /**
     * Reads and validates the configuration.
     *
     * @param config the MicroProfile Config of the application.
     * @return the validated configuration.
     * @throws MfaException with code {@value ErrorCodes#CONFIGURATION_ERROR} and a message naming the key and the
     *         rule, when a value is missing or breaks a rule; never with the value of a secret.
     */
    public static MfaStepUpConfig read(Config config) {
        String domain = DomainNames.normalize(required(config, KEY_DOMAIN,
                "set it to your Auth0 domain, such as example.eu.auth0.com"))
                .orElseThrow(() -> invalid(KEY_DOMAIN + " must be a host name with an optional port,"
                        + " such as example.eu.auth0.com"));
        String clientId = required(config, KEY_CLIENT_ID, "set it to the client id of your application at Auth0");
        Optional<String> clientSecret = optional(config, KEY_CLIENT_SECRET);

        List<String> secrets = new ArrayList<>();
        secrets.add(checkedSecret(KEY_SECRET, required(config, KEY_SECRET,
                "set it to a random value of at least " + MIN_SECRET_BYTES + " bytes (openssl rand -hex 32)")));
        config.getOptionalValues(KEY_PREVIOUS_SECRETS, String.class).ifPresent(previous -> previous.stream()
                .filter(s -> !s.isBlank())
                .forEach(s -> secrets.add(checkedSecret(KEY_PREVIOUS_SECRETS, s))));

        return new MfaStepUpConfig(
                domain,
                clientId,
                clientSecret,
                secrets,
                Duration.ofSeconds(intIn(config, KEY_CONTEXT_TTL, DEFAULT_CONTEXT_TTL_SECONDS, 1, MAX_CONTEXT_TTL_SECONDS)),
                Duration.ofMillis(intIn(config, KEY_CONNECT_TIMEOUT, DEFAULT_CONNECT_TIMEOUT_MS, 1, 60_000)),
                Duration.ofMillis(intIn(config, KEY_READ_TIMEOUT, DEFAULT_READ_TIMEOUT_MS, 1, 60_000)),
                Duration.ofMillis(intIn(config, KEY_CALL_DEADLINE, DEFAULT_CALL_DEADLINE_MS, 1, 120_000)),
                BaseUrlSetting.read(optional(config, KEY_BASE_URL),
                        optional(config, KEY_BASE_URL_ALLOW_INSECURE_HTTP)),
                Duration.ofSeconds(intIn(config, KEY_TOKEN_REFRESH_MARGIN, DEFAULT_TOKEN_REFRESH_MARGIN_SECONDS, 0, 300)),
                intIn(config, KEY_MAX_CONCURRENT_CALLS, DEFAULT_MAX_CONCURRENT_CALLS, 1, 1024),
                optional(config, KEY_LIMITS_STORE).map(value -> LimitsStore.of(value).orElseThrow(() -> invalid(
                        KEY_LIMITS_STORE + " must be auto, jcache or memory, but is '" + shorten(value) + "'")))
                        .orElse(LimitsStore.AUTO),
                idTokenSigning(config, clientSecret));
    }

    private static IdTokenSigning idTokenSigning(Config config, Optional<String> clientSecret) {
        IdTokenSigning signing = optional(config, KEY_ID_TOKEN_SIGNING).map(value -> IdTokenSigning.of(value)
                .orElseThrow(() -> invalid(KEY_ID_TOKEN_SIGNING + " must be RS256 or HS256, as the application's"
                        + " signature algorithm at Auth0, but is '" + shorten(value) + "'")))
                .orElse(IdTokenSigning.RS256);
        if (signing == IdTokenSigning.HS256 && clientSecret.map(s -> s.getBytes(StandardCharsets.UTF_8).length)
                .orElse(0) < MIN_SECRET_BYTES) {
            throw invalid(KEY_ID_TOKEN_SIGNING + " is HS256, so Auth0 signs ID tokens with the client secret: set "
                    + KEY_CLIENT_SECRET + " (at least " + MIN_SECRET_BYTES + " bytes, as Auth0 makes them), or"
                    + " switch the application to RS256 at Auth0 (Settings, Advanced, OAuth)");
        }
        return signing;
    }

    // Helpers ----------------------------------------------------------------------------------------------------

    private static String required(Config config, String key, String hint) {
        return optional(config, key).orElseThrow(() -> invalid(String.format(ERROR_MISSING, key, hint)));
    }

    private static Optional<String> optional(Config config, String key) {
        return config.getOptionalValue(key, String.class).map(String::strip).filter(s -> !s.isEmpty());
    }

    static int intIn(Config config, String key, int defaultValue, int min, int max) {
        Optional<String> raw = optional(config, key);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        String value = raw.get();
        if (!value.matches("[0-9]{1,9}")) {
            throw invalid(String.format(ERROR_RANGE, key, min, max, "'" + shorten(value) + "'"));
        }
        int number = Integer.parseInt(value);
        if (number < min || number > max) {
            throw invalid(String.format(ERROR_RANGE, key, min, max, number));
        }
        return number;
    }

    static String checkedSecret(String key, String secret) {
        Optional<String> problem = SecretRules.problem(secret);
        if (problem.isPresent()) {
            throw invalid(key + " " + problem.get() + "; it must be a random value of at least "
                    + MIN_SECRET_BYTES + " bytes: generate one with openssl rand -hex 32");
        }
        if (PUBLISHED_SECRETS.contains(secret)) {
            throw invalid(key + " is a published sample value; generate one with openssl rand -hex 32");
        }
        return secret;
    }

    private static String shorten(String value) {
        return value.length() > 20 ? value.substring(0, 20) + "…" : value;
    }

    static MfaException invalid(String message) {
        return new MfaException(ErrorCodes.CONFIGURATION_ERROR, message);
    }
}
