package dev.mfastepup.config;

import dev.mfastepup.ErrorCodes;
import dev.mfastepup.MfaException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Reads {@value MfaStepUpConfigReader#KEY_BASE_URL}, the one setting that moves the module's trust anchor: Auth0's
 * endpoints, the issuer that ID tokens must name and the key set (JWKS) they are verified with all come from it
 * instead of {@code https://{domain}/}. A value over plain {@code http} would let anyone on the network path read
 * {@code mfa_token}s and codes and forge ID tokens, so it is refused unless it points to this machine (an emulator
 * or a test stub on {@code localhost}, {@code 127.0.0.0/8} or {@code ::1}), or
 * {@value MfaStepUpConfigReader#KEY_BASE_URL_ALLOW_INSECURE_HTTP} is {@code true}. Every deployment that sets the
 * base URL logs a warning, and one that allows insecure http logs another.
 */
final class BaseUrlSetting {

    private static final String KEY_ALLOW_INSECURE_HTTP = MfaStepUpConfigReader.KEY_BASE_URL_ALLOW_INSECURE_HTTP;

    private static final Logger logger = Logger.getLogger(BaseUrlSetting.class.getName());
    private static final String EXAMPLE = ", such as http://localhost:8080/emulator/";
    private static final Pattern LOOPBACK_IPV4 = Pattern.compile("127(\\.(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])){3}");

    private BaseUrlSetting() {
        // static only
    }

    /**
     * Checks the base URL and logs what its use means.
     *
     * @param value the configured value, stripped, or empty when not set.
     * @param allowInsecureHttp the configured allow-insecure-http setting, stripped, or empty when not set.
     * @return the base URL, ending in {@code /}, or empty when not set.
     * @throws MfaException with code {@value ErrorCodes#CONFIGURATION_ERROR} and a message that names the key.
     */
    static Optional<URI> read(Optional<String> value, Optional<String> allowInsecureHttp) {
        boolean insecureAllowed = allowInsecureHttp.map(BaseUrlSetting::bool).orElse(false);
        if (insecureAllowed) {
            logger.warning("INSECURE SETTING: " + KEY_ALLOW_INSECURE_HTTP + "=true lets "
                    + MfaStepUpConfigReader.KEY_BASE_URL + " send mfa_tokens, codes and refresh tokens over plain"
                    + " http to any host, and trust the ID tokens and key set that host serves: anyone on the"
                    + " network path can read them or forge an identity. Use it on a closed test network only,"
                    + " never in production.");
        }
        if (value.isEmpty()) {
            return Optional.empty();
        }
        URI uri = parse(value.get());
        boolean http = uri.getScheme().equalsIgnoreCase("http");
        if (http && !insecureAllowed && !isLoopback(uri.getHost())) {
            throw invalid(MfaStepUpConfigReader.KEY_BASE_URL + " must use https unless it points to this machine"
                    + " (localhost, 127.0.0.0/8 or ::1), but is plain http to " + shorten(uri.getHost())
                    + "; use https, or set " + KEY_ALLOW_INSECURE_HTTP + "=true on a closed test network only");
        }
        logger.warning(MfaStepUpConfigReader.KEY_BASE_URL + " is set to " + uri + ": Auth0 calls go there, and the"
                + " ID tokens and key set it serves are trusted instead of those of https://{domain}/. Set it only"
                + " for an emulator, a test stub, or an Auth0 endpoint you have checked.");
        return Optional.of(uri);
    }

    private static URI parse(String value) {
        URI uri;
        try {
            uri = new URI(value.endsWith("/") ? value : value + "/");
        } catch (URISyntaxException e) {
            throw invalid(MfaStepUpConfigReader.KEY_BASE_URL + " must be an absolute http or https URL" + EXAMPLE);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null
                || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw invalid(MfaStepUpConfigReader.KEY_BASE_URL + " must be an absolute http or https URL without user"
                    + " info, query or fragment" + EXAMPLE);
        }
        return uri;
    }

    /**
     * Tells whether a host is this machine by its name or address alone: {@code localhost}, an IPv4 literal in
     * {@code 127.0.0.0/8}, or the IPv6 literal {@code ::1}. No name is looked up: a name that resolves to a loopback
     * address today may not tomorrow.
     */
    static boolean isLoopback(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.equals("localhost") || LOOPBACK_IPV4.matcher(name).matches()) {
            return true;
        }
        if (name.startsWith("[") && name.endsWith("]")) {
            try {
                // A bracketed literal is an IPv6 address: InetAddress parses it without a lookup.
                return InetAddress.getByName(name.substring(1, name.length() - 1)).isLoopbackAddress();
            } catch (UnknownHostException malformed) {
                return false;
            }
        }
        return false;
    }

    private static boolean bool(String value) {
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw invalid(KEY_ALLOW_INSECURE_HTTP + " must be true or false, but is '" + shorten(value) + "'");
    }

    private static String shorten(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }

    private static MfaException invalid(String message) {
        return new MfaException(ErrorCodes.CONFIGURATION_ERROR, message);
    }
}
