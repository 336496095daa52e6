package dev.mfastepup.config;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Normalizes an Auth0 domain as Auth0's SDKs compare them: without {@code https://}, without a trailing slash,
 * in lower case.
 *
 * @since 0.1
 */
public final class DomainNames {

    private static final Pattern HOST_AND_PORT = Pattern.compile(
            "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*(:[0-9]{1,5})?");

    private DomainNames() {
        // static only
    }

    /**
     * Normalizes and checks a domain.
     *
     * @param domain a domain such as {@code Example.EU.auth0.com}, {@code https://example.eu.auth0.com/}.
     * @return the normalized domain, such as {@code example.eu.auth0.com}, or empty when it is not a host name
     *         with an optional port.
     */
    public static Optional<String> normalize(String domain) {
        if (domain == null) {
            return Optional.empty();
        }
        String normalized = domain.strip().toLowerCase(Locale.ROOT);
        if (normalized.startsWith("https://")) {
            normalized = normalized.substring("https://".length());
        }
        while (normalized.endsWith("/")) {
            normalized = normalized.substring(0, normalized.length() - 1);
        }
        if (normalized.length() > 260 || !HOST_AND_PORT.matcher(normalized).matches()) {
            return Optional.empty();
        }
        return Optional.of(normalized);
    }
}
