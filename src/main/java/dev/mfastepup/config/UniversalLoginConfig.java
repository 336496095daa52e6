package dev.mfastepup.config;

import dev.mfastepup.ErrorCodes;
import dev.mfastepup.MfaException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * The settings of the step-up through Universal Login ({@code mfa-stepup.universal-login.*}), the road to a second
 * factor that the MFA API cannot offer: a security key, or a tenant that does not allow the MFA grant.
 *
 * <p>The road is off unless {@value #KEY_ENABLED} is {@code true}: it needs the callback URL in the Auth0
 * application's "Allowed Callback URLs", and without it Auth0 would show the user its own error page. With
 * {@value #KEY_ONLY} also {@code true}, it is the only road: the MFA pages are never shown, for an application that
 * Auth0 does not allow the MFA grant types.
 *
 * @param enabled whether the pages offer Universal Login and the module answers its callback.
 * @param only whether every step-up goes through Universal Login, never through the MFA pages.
 * @param callbackUrl the absolute callback URL Auth0 sends the user back to, when the application is behind a proxy
 *        that the request's own scheme and host do not describe; empty to build it from the request.
 * @param acrValues the {@code acr_values} of the authorization request: by default Auth0's multi-factor policy.
 * @since 0.2
 */
public record UniversalLoginConfig(boolean enabled, boolean only, Optional<URI> callbackUrl, String acrValues) {

    /** Turns the road on: {@code true} or {@code false} (the default). */
    public static final String KEY_ENABLED = "mfa-stepup.universal-login.enabled";
    /** Makes it the only road: {@code true} or {@code false} (the default); needs {@value #KEY_ENABLED}. */
    public static final String KEY_ONLY = "mfa-stepup.universal-login.only";
    /** The callback URL, when it cannot be built from the request. */
    public static final String KEY_CALLBACK_URL = "mfa-stepup.universal-login.callback-url";
    /** The {@code acr_values} to ask for. */
    public static final String KEY_ACR_VALUES = "mfa-stepup.universal-login.acr-values";
    /** Auth0's multi-factor policy, the {@code acr} a token from a hosted second factor names. */
    public static final String MULTI_FACTOR_POLICY = "http://schemas.openid.net/pape/policies/2007/06/multi-factor";

    /** The road switched off: what an application that sets nothing gets. */
    public static final UniversalLoginConfig DISABLED = new UniversalLoginConfig(false, false, Optional.empty(),
            MULTI_FACTOR_POLICY);

    /**
     * Checks for nulls and contradictions.
     *
     * @param enabled whether the road is on.
     * @param only whether it is the only road.
     * @param callbackUrl the callback URL, or empty.
     * @param acrValues the {@code acr_values}.
     */
    public UniversalLoginConfig {
        if (only && !enabled) {
            throw new MfaException(ErrorCodes.CONFIGURATION_ERROR, KEY_ONLY + " is true, but " + KEY_ENABLED
                    + " is not: set both to true to send every step-up through Universal Login");
        }
        callbackUrl = callbackUrl == null ? Optional.empty() : callbackUrl;
        acrValues = acrValues == null || acrValues.isBlank() ? MULTI_FACTOR_POLICY : acrValues.strip();
    }

    /**
     * Reads the settings.
     *
     * @param config the application's configuration.
     * @return the settings.
     * @throws MfaException {@code configuration_error} naming the key of a value that is not valid.
     */
    public static UniversalLoginConfig read(Config config) {
        boolean enabled = flag(config, KEY_ENABLED);
        boolean only = flag(config, KEY_ONLY);
        Optional<URI> callback = config.getOptionalValue(KEY_CALLBACK_URL, String.class).map(String::strip)
                .filter(value -> !value.isEmpty()).map(UniversalLoginConfig::callbackUrl);
        String acr = config.getOptionalValue(KEY_ACR_VALUES, String.class).orElse(MULTI_FACTOR_POLICY);
        if (acr.chars().anyMatch(c -> c < 0x20 || c > 0x7e)) {
            throw new MfaException(ErrorCodes.CONFIGURATION_ERROR,
                    KEY_ACR_VALUES + " must be printable ASCII: space-separated policy URIs");
        }
        return new UniversalLoginConfig(enabled, only, callback, acr);
    }

    private static boolean flag(Config config, String key) {
        String value = config.getOptionalValue(key, String.class)
                .map(raw -> raw.strip().toLowerCase(Locale.ROOT)).orElse("false");
        if (!value.equals("true") && !value.equals("false")) {
            throw new MfaException(ErrorCodes.CONFIGURATION_ERROR, key + " must be true or false");
        }
        return value.equals("true");
    }

    /** An https URL, or http on the loopback interface for a developer's machine. */
    private static URI callbackUrl(String value) {
        try {
            URI uri = new URI(value);
            String host = uri.getHost();
            boolean loopback = "localhost".equals(host) || "127.0.0.1".equals(host) || "[::1]".equals(host);
            if (host != null && uri.getRawFragment() == null && uri.getRawQuery() == null
                    && ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme())
                    && loopback)) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new MfaException(ErrorCodes.CONFIGURATION_ERROR, KEY_CALLBACK_URL + " must be an absolute https URL"
                + " without query or fragment, ending in /mfa/universal-login/callback (http only on localhost)");
    }
}
