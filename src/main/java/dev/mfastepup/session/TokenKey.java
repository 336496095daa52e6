package dev.mfastepup.session;

import java.io.Serializable;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What a cached access token is for: an API audience and a scope. Two scopes with the same values in another
 * order are the same key; {@link #scope()} keeps the order the caller gave, without duplicates, for the request.
 *
 * @param audience the API audience, or the empty string for the tenant's default audience.
 * @param scope the requested scope, space separated, without duplicates; possibly empty.
 * @since 0.1
 */
public record TokenKey(String audience, String scope) implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    /** Normalizes both parts: {@code null} becomes empty, the scope loses duplicates and extra spaces. */
    public TokenKey {
        audience = audience == null ? "" : audience.strip();
        scope = normalizeScope(scope);
    }

    /**
     * Tells whether another key asks for the same audience and the same scope values, in any order.
     *
     * @param other the other key.
     * @return {@code true} when both name the same token.
     */
    public boolean sameAs(TokenKey other) {
        return audience.equals(other.audience) && scopeSet().equals(other.scopeSet());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TokenKey key && sameAs(key);
    }

    @Override
    public int hashCode() {
        return audience.hashCode() * 31 + scopeSet().hashCode();
    }

    private Set<String> scopeSet() {
        if (scope.isEmpty()) {
            return Set.of();
        }
        // One scope value is the common case, and a key is hashed on every token request: no sorting for it.
        return scope.indexOf(' ') < 0 ? Set.of(scope) : new TreeSet<>(Arrays.asList(scope.split(" ")));
    }

    private static String normalizeScope(String scope) {
        if (scope == null || scope.isBlank()) {
            return "";
        }
        String stripped = scope.strip();
        if (!WHITESPACE.matcher(stripped).find()) {
            return stripped;
        }
        return String.join(" ", new LinkedHashSet<>(Arrays.asList(WHITESPACE.split(stripped))));
    }
}
