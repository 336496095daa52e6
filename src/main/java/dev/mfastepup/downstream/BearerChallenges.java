package dev.mfastepup.downstream;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the parameters of the {@code Bearer} challenge in a {@code WWW-Authenticate} value (RFC 9110 §11.6.1,
 * RFC 6750 §3): {@code Bearer error="...", max_age=300}, with quoted strings and their escapes, beside other
 * schemes' challenges in the same value. A value that does not parse gives no parameters, never an exception.
 */
final class BearerChallenges {

    private static final int MAX_LENGTH = 8 * 1024;

    private BearerChallenges() {
        // static only
    }

    /**
     * Returns the parameters of the first {@code Bearer} challenge, names in lower case.
     *
     * @param header a {@code WWW-Authenticate} value.
     * @return the parameters; empty when there is no Bearer challenge or the value does not parse.
     */
    static Optional<Map<String, String>> bearer(String header) {
        if (header == null || header.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        Reader reader = new Reader(header);
        while (reader.more()) {
            String scheme = reader.token();
            if (scheme.isEmpty()) {
                return Optional.empty();
            }
            Map<String, String> params = reader.params();
            if (params == null) {
                return Optional.empty();
            }
            if (scheme.equalsIgnoreCase("Bearer")) {
                return Optional.of(params);
            }
        }
        return Optional.empty();
    }

    /** A cursor over one header value. */
    private static final class Reader {

        private final String text;
        private int at;

        Reader(String text) {
            this.text = text;
        }

        boolean more() {
            skip(" \t,");
            return at < text.length();
        }

        /** A token (RFC 9110 tchar); empty when none is here. */
        String token() {
            int start = at;
            while (at < text.length() && isTokenChar(text.charAt(at))) {
                at++;
            }
            return text.substring(start, at);
        }

        /** The auth-params of one challenge, up to the next scheme; {@code null} when they do not parse. */
        Map<String, String> params() {
            Map<String, String> params = new LinkedHashMap<>();
            while (true) {
                skip(" \t,");
                int mark = at;
                String name = token();
                skip(" \t");
                if (name.isEmpty() || at >= text.length() || text.charAt(at) != '=') {
                    // The next scheme (or the end): give it back.
                    at = mark;
                    return params;
                }
                at++;
                skip(" \t");
                String value = at < text.length() && text.charAt(at) == '"' ? quoted() : token();
                if (value == null) {
                    return null;
                }
                params.putIfAbsent(name.toLowerCase(Locale.ROOT), value);
            }
        }

        private String quoted() {
            StringBuilder value = new StringBuilder();
            at++;
            while (at < text.length()) {
                char c = text.charAt(at++);
                if (c == '"') {
                    return value.toString();
                }
                if (c == '\\' && at < text.length()) {
                    c = text.charAt(at++);
                }
                value.append(c);
            }
            return null;
        }

        private void skip(String characters) {
            while (at < text.length() && characters.indexOf(text.charAt(at)) >= 0) {
                at++;
            }
        }

        private static boolean isTokenChar(char c) {
            return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
        }
    }
}
