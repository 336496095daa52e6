package dev.mfastepup.session;

import java.io.Serializable;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What a cached access token is for: an API audience and a scope. Two scopes with the same values in another
 * order are the same key; {@link #scope()} keeps the order the caller gave, without duplicates, for the request.
 *
 * <p>The sorted form of the scope is computed once, when the key is made: a key is hashed and compared on every
 * token request, and sorting there cost a cache hit most of its time.
 *
 * @serial exclude
 * @since 0.1
 */
public final class TokenKey implements Serializable {

    private static final long serialVersionUID = 2L;

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final String audience;
    private final String scope;
    private final String sortedScope;

    /**
     * Makes a key; {@code null} becomes empty, the scope loses duplicates and extra spaces.
     *
     * @param audience the API audience, or {@code null} or empty for the tenant's default audience.
     * @param scope the requested scope, space separated, or {@code null}.
     */
    public TokenKey(String audience, String scope) {
        this.audience = audience == null ? "" : audience.strip();
        Set<String> values = scopeValues(scope);
        this.scope = String.join(" ", values);
        this.sortedScope = String.join(" ", new TreeSet<>(values));
    }

    /**
     * Returns the audience.
     *
     * @return the API audience; empty for the tenant's default audience.
     */
    public String audience() {
        return audience;
    }

    /**
     * Returns the scope in the order the caller gave, without duplicates.
     *
     * @return the scope, space separated; possibly empty.
     */
    public String scope() {
        return scope;
    }

    /**
     * Tells whether another key asks for the same audience and the same scope values, in any order.
     *
     * @param other the other key.
     * @return {@code true} when both name the same token.
     */
    public boolean sameAs(TokenKey other) {
        return audience.equals(other.audience) && sortedScope.equals(other.sortedScope);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TokenKey key && sameAs(key);
    }

    @Override
    public int hashCode() {
        return Objects.hash(audience, sortedScope);
    }

    @Override
    public String toString() {
        return "TokenKey[audience=" + audience + ", scope=" + scope + "]";
    }

    private static Set<String> scopeValues(String scope) {
        // A blank scope gives one empty value, which joins to the same empty string as no value at all.
        return scope == null ? Set.of() : new LinkedHashSet<>(Arrays.asList(WHITESPACE.split(scope.strip())));
    }
}
