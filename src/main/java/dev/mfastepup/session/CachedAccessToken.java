package dev.mfastepup.session;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * An access token held in the session, with its expiry.
 *
 * @param value the access token.
 * @param expiresAt when Auth0 said it expires.
 * @param grantedScope the scope Auth0 granted, or the requested one when Auth0 did not say.
 * @serial exclude
 * @since 0.1
 */
public record CachedAccessToken(String value, Instant expiresAt, String grantedScope) implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * Checks for nulls.
     *
     * @param value the access token.
     * @param expiresAt when Auth0 said it expires.
     * @param grantedScope the scope Auth0 granted, or the requested one when Auth0 did not say.
     */
    public CachedAccessToken {
        Objects.requireNonNull(value, "value cannot be null");
        Objects.requireNonNull(expiresAt, "expiresAt cannot be null");
        grantedScope = grantedScope == null ? "" : grantedScope;
    }

    /**
     * Tells whether the token can still be used for at least the margin.
     *
     * @param now the current time.
     * @param margin how long it must stay valid.
     * @return {@code true} when it expires later than {@code now + margin}.
     */
    public boolean isValidAt(Instant now, Duration margin) {
        return expiresAt.isAfter(now.plus(margin));
    }

    /** Leaves the token out. */
    @Override
    public String toString() {
        return "CachedAccessToken[expiresAt=" + expiresAt + ", grantedScope=" + grantedScope + "]";
    }
}
