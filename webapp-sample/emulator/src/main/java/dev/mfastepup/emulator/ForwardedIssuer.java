package dev.mfastepup.emulator;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The issuer a request names in its standard {@code Forwarded} header (RFC 7239), when the emulator trusts it
 * ({@link EmulatorSettings#trustForwarded()}). Only the first forwarded element counts (the one nearest the
 * original client); its {@code host} is required and becomes the issuer {@code proto://host/}, with {@code proto}
 * ({@code http} or {@code https}) taken from the element or else from the request. A header that does not parse, a
 * parameter given twice in the element, a {@code proto} other than http(s) or a {@code host} that is no host name
 * (with an optional port) is ignored as a whole: the request keeps its own base URL, never an error.
 */
final class ForwardedIssuer {

    /** A DNS name, IPv4 address or bracketed IPv6 address, with an optional port. */
    private static final Pattern HOST = Pattern.compile(
            "(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*"
                    + "|\\[[0-9A-Fa-f:.]{2,45}\\])(?::[0-9]{1,5})?");
    /** RFC 7230's {@code tchar}. */
    private static final String TOKEN_CHARS = "!#$%&'*+-.^_`|~";
    /** Longer headers are not read at all. */
    private static final int MAX_LENGTH = 2048;

    private ForwardedIssuer() {
    }

    /**
     * The issuer of a request.
     *
     * @param settings the emulator's settings.
     * @param baseUri the request's base URI (the application's root).
     * @param forwarded the values of the request's {@code Forwarded} header lines, in order, or {@code null}.
     * @return the fixed issuer if one is set; else, when forwarded headers are trusted and the first element names
     *         a host, {@code proto://host/}; else the base URI; always ending in {@code /}.
     */
    static String issuer(EmulatorSettings settings, URI baseUri, List<String> forwarded) {
        if (settings.issuer() != null) {
            return settings.issuer();
        }
        if (settings.trustForwarded() && forwarded != null && !forwarded.isEmpty()) {
            Optional<String> named = fromHeader(forwarded.get(0), baseUri.getScheme());
            if (named.isPresent()) {
                return named.get();
            }
        }
        String base = baseUri.toString();
        return base.endsWith("/") ? base : base + "/";
    }

    /**
     * Reads the first element of a {@code Forwarded} header.
     *
     * @param header the header's value (its first line when there are several).
     * @param requestScheme the request's own scheme, for an element without {@code proto}.
     * @return {@code proto://host/}, or empty when the element names no host or anything in it is malformed.
     */
    static Optional<String> fromHeader(String header, String requestScheme) {
        if (header == null || header.isBlank() || header.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        Map<String, String> element = firstElement(header);
        if (element == null || !element.containsKey("host")) {
            return Optional.empty();
        }
        String proto = element.getOrDefault("proto", requestScheme);
        if (proto == null) {
            return Optional.empty();
        }
        proto = proto.toLowerCase(Locale.ROOT);
        String host = element.get("host");
        if (!("http".equals(proto) || "https".equals(proto)) || !HOST.matcher(host).matches()) {
            return Optional.empty();
        }
        return Optional.of(proto + "://" + host.toLowerCase(Locale.ROOT) + "/");
    }

    /**
     * Parses the pairs of the first element: {@code pair *( ";" pair )}, where a pair is {@code token "=" value}
     * and a value a token or a quoted string; the element ends at the first comma outside quotes.
     *
     * @return the pairs, names in lower case; {@code null} when the element is malformed.
     */
    private static Map<String, String> firstElement(String header) {
        Map<String, String> pairs = new HashMap<>();
        int i = 0;
        int n = header.length();
        while (true) {
            i = skipSpaces(header, i);
            if (i < n && header.charAt(i) == ';') { // an empty pair, which the grammar allows
                i++;
                continue;
            }
            if (i >= n || header.charAt(i) == ',') {
                return pairs;
            }
            int nameStart = i;
            while (i < n && isTokenChar(header.charAt(i))) {
                i++;
            }
            if (i == nameStart || i >= n || header.charAt(i) != '=') {
                return null;
            }
            String name = header.substring(nameStart, i).toLowerCase(Locale.ROOT);
            i++;
            StringBuilder value = new StringBuilder();
            if (i < n && header.charAt(i) == '"') {
                i++;
                boolean closed = false;
                while (i < n) {
                    char c = header.charAt(i++);
                    if (c == '"') {
                        closed = true;
                        break;
                    }
                    if (c == '\\') {
                        if (i >= n) {
                            return null;
                        }
                        c = header.charAt(i++);
                    }
                    if (c < 0x20 && c != '\t' || c == 0x7f) {
                        return null;
                    }
                    value.append(c);
                }
                if (!closed) {
                    return null;
                }
            } else {
                int valueStart = i;
                while (i < n && isTokenChar(header.charAt(i))) {
                    i++;
                }
                if (i == valueStart) {
                    return null;
                }
                value.append(header, valueStart, i);
            }
            if (pairs.put(name, value.toString()) != null) {
                return null; // RFC 7239, section 4: a parameter occurs at most once per element
            }
            i = skipSpaces(header, i);
            if (i < n && header.charAt(i) != ';' && header.charAt(i) != ',') {
                return null;
            }
        }
    }

    private static int skipSpaces(String text, int i) {
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private static boolean isTokenChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || TOKEN_CHARS.indexOf(c) >= 0;
    }
}
