package dev.mfastepup.faces;

import dev.mfastepup.ErrorCodes;
import dev.mfastepup.MfaException;
import dev.mfastepup.filter.ReturnPaths;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * The settings of the bundled MFA pages.
 *
 * <table>
 * <caption>Configuration keys of the pages</caption>
 * <tr><th>key</th><th>default</th><th>meaning</th></tr>
 * <tr><td>{@value #KEY_CANCEL_PATH}</td><td>{@code /}</td><td>where "Cancel" leads: a context-relative path</td></tr>
 * <tr><td>{@value #KEY_UNIVERSAL_LOGIN_URL}</td><td>none</td><td>an https URL offered when no factor can be used
 * here, such as a login with {@code acr_values} at Auth0's Universal Login</td></tr>
 * </table>
 *
 * @param cancelPath the context-relative path "Cancel" leads to.
 * @param universalLoginUrl the fallback URL, if configured.
 * @since 0.1
 */
public record PagesConfig(String cancelPath, Optional<URI> universalLoginUrl) {

    /** Where "Cancel" leads. */
    public static final String KEY_CANCEL_PATH = "mfa-stepup.pages.cancel-path";
    /** A fallback for users who cannot use any factor here. */
    public static final String KEY_UNIVERSAL_LOGIN_URL = "mfa-stepup.pages.universal-login-url";

    /**
     * Reads and checks the settings.
     *
     * @param config the application's MicroProfile Config.
     * @return the settings.
     * @throws MfaException with code {@value ErrorCodes#CONFIGURATION_ERROR} naming the key, for a bad value.
     */
    public static PagesConfig read(Config config) {
        String cancel = config.getOptionalValue(KEY_CANCEL_PATH, String.class).map(String::strip).orElse("/");
        if (ReturnPaths.safePath(cancel).filter(cancel::equals).isEmpty()) {
            throw new MfaException(ErrorCodes.CONFIGURATION_ERROR,
                    KEY_CANCEL_PATH + " must be a context-relative path starting with one /, such as /home");
        }
        Optional<URI> fallback = config.getOptionalValue(KEY_UNIVERSAL_LOGIN_URL, String.class)
                .map(String::strip).filter(s -> !s.isEmpty()).map(PagesConfig::httpsUrl);
        return new PagesConfig(cancel, fallback);
    }

    private static URI httpsUrl(String value) {
        try {
            URI uri = new URI(value);
            if ("https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new MfaException(ErrorCodes.CONFIGURATION_ERROR, KEY_UNIVERSAL_LOGIN_URL
                + " must be an absolute https URL, such as https://example.eu.auth0.com/authorize?...");
    }
}
