package dev.mfastepup.pages;

import dev.mfastepup.ErrorCodes;
import dev.mfastepup.MfaException;
import dev.mfastepup.filter.PageSet;
import dev.mfastepup.filter.ReturnPaths;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * The settings of the bundled MFA pages, of either set.
 *
 * <table>
 * <caption>Configuration keys of the pages</caption>
 * <tr><th>key</th><th>default</th><th>meaning</th></tr>
 * <tr><td>{@value PageSet#KEY}</td><td>{@code faces}</td><td>which pages the filter sends users to: {@code faces}
 * (Jakarta Faces) or {@code jsp} (JSP and a servlet, for an application without Faces)</td></tr>
 * <tr><td>{@value #KEY_CANCEL_PATH}</td><td>{@code /}</td><td>where "Cancel" leads: a context-relative path</td></tr>
 * <tr><td>{@value #KEY_UNIVERSAL_LOGIN_URL}</td><td>none</td><td>an https URL offered when no factor can be used
 * here, such as a login with {@code acr_values} at Auth0's Universal Login</td></tr>
 * <tr><td>{@value #KEY_HSTS_MAX_AGE}</td><td>{@value #DEFAULT_HSTS_MAX_AGE}</td><td>the {@code max-age} of the
 * {@code Strict-Transport-Security} header the pages send over HTTPS, in seconds (a year by default); {@code 0}
 * tells browsers to forget an earlier one</td></tr>
 * <tr><td>{@value #KEY_HSTS_INCLUDE_SUBDOMAINS}</td><td>{@code false}</td><td>whether that header also binds every
 * subdomain of the application's host ({@code includeSubDomains})</td></tr>
 * </table>
 *
 * <p>{@code includeSubDomains} is off by default on purpose: the module serves a few pages of one application,
 * and the header would make browsers refuse plain HTTP on every other host below the application's name as well,
 * which only the owner of the whole domain can decide. Turn it on when that is wanted, or let the proxy in front
 * set the header.
 *
 * @param cancelPath the context-relative path "Cancel" leads to.
 * @param universalLoginUrl the fallback URL, if configured.
 * @param hstsMaxAgeSeconds the {@code max-age} of {@code Strict-Transport-Security}, in seconds.
 * @param hstsIncludeSubdomains whether {@code Strict-Transport-Security} carries {@code includeSubDomains}.
 * @param pageSet the set of pages users are sent to.
 * @since 0.1 (in this package since 0.2)
 */
public record PagesConfig(String cancelPath, Optional<URI> universalLoginUrl, long hstsMaxAgeSeconds,
        boolean hstsIncludeSubdomains, PageSet pageSet) {

    /** Where "Cancel" leads. */
    public static final String KEY_CANCEL_PATH = "mfa-stepup.pages.cancel-path";
    /** A fallback for users who cannot use any factor here. */
    public static final String KEY_UNIVERSAL_LOGIN_URL = "mfa-stepup.pages.universal-login-url";
    /** The {@code max-age} of {@code Strict-Transport-Security}, in seconds. */
    public static final String KEY_HSTS_MAX_AGE = "mfa-stepup.pages.hsts-max-age";
    /** Whether {@code Strict-Transport-Security} carries {@code includeSubDomains}. */
    public static final String KEY_HSTS_INCLUDE_SUBDOMAINS = "mfa-stepup.pages.hsts-include-subdomains";
    /** A year, the least that the usual security baselines and the browsers' preload lists accept. */
    public static final long DEFAULT_HSTS_MAX_AGE = 31_536_000L;

    /**
     * Creates the settings with the default {@code Strict-Transport-Security}.
     *
     * @param cancelPath the context-relative path "Cancel" leads to.
     * @param universalLoginUrl the fallback URL, if configured.
     */
    public PagesConfig(String cancelPath, Optional<URI> universalLoginUrl) {
        this(cancelPath, universalLoginUrl, DEFAULT_HSTS_MAX_AGE, false, PageSet.FACES);
    }

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
        String maxAge = config.getOptionalValue(KEY_HSTS_MAX_AGE, String.class).map(String::strip)
                .orElse(Long.toString(DEFAULT_HSTS_MAX_AGE));
        if (!maxAge.matches("[0-9]{1,10}")) {
            throw new MfaException(ErrorCodes.CONFIGURATION_ERROR,
                    KEY_HSTS_MAX_AGE + " must be a number of seconds, such as 31536000 (a year)");
        }
        String subdomains = config.getOptionalValue(KEY_HSTS_INCLUDE_SUBDOMAINS, String.class)
                .map(s -> s.strip().toLowerCase(Locale.ROOT)).orElse("false");
        if (!subdomains.equals("true") && !subdomains.equals("false")) {
            throw new MfaException(ErrorCodes.CONFIGURATION_ERROR,
                    KEY_HSTS_INCLUDE_SUBDOMAINS + " must be true or false");
        }
        return new PagesConfig(cancel, fallback, Long.parseLong(maxAge), Boolean.parseBoolean(subdomains),
                PageSet.read(config.getOptionalValue(PageSet.KEY, String.class)));
    }

    /**
     * Returns the value of the {@code Strict-Transport-Security} header of the pages' answers over HTTPS.
     *
     * @return such as {@code max-age=31536000}.
     */
    public String strictTransportSecurity() {
        return "max-age=" + hstsMaxAgeSeconds + (hstsIncludeSubdomains ? "; includeSubDomains" : "");
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
