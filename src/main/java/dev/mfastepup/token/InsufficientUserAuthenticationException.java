package dev.mfastepup.token;

import dev.mfastepup.MfaException;
import java.time.Duration;
import java.util.Optional;

/**
 * The user must give a second factor that only Universal Login can ask for: a recent one (an action protected by
 * {@code @FreshSecondFactor} or the {@code FreshSecondFactorFilter}), or the one a downstream API asked for with an
 * RFC 9470 challenge ({@code Bearer error="insufficient_user_authentication"}, see
 * {@code dev.mfastepup.downstream.StepUpChallenges}).
 *
 * <p>Let it propagate: {@code MfaStepUpFilter} catches it wherever it sits in the cause chain and sends a page
 * through Universal Login with these {@code acr_values} and {@code max_age}, for the token of this audience and
 * scope, and back to the page afterwards; an API caller gets {@code 401} with an RFC 9470 challenge that repeats
 * them. Nothing is retried on the user's behalf: the page or call is made again by the user, once the step-up is
 * done. Its code is {@value #CODE}.
 *
 * @since 0.2
 */
public class InsufficientUserAuthenticationException extends MfaException {

    /** The code of this exception, RFC 9470's error. */
    public static final String CODE = "insufficient_user_authentication";

    private static final long serialVersionUID = 1L;

    /** The audience of the token to get, or {@code null}. */
    private final String audience;
    /** Its scope, or {@code null}. */
    private final String scope;
    /** The policies to ask for, or {@code null} for the configured ones. */
    private final String acrValues;
    /** How recent the authentication must be, or {@code null}. */
    private final Duration maxAge;

    /**
     * Creates the exception.
     *
     * @param audience the API audience of the token to get with the step-up, or {@code null} for none in particular.
     * @param scope its scope, or {@code null}.
     * @param acrValues the space-separated policies to ask for, or {@code null} for the module's configured ones
     *        (Auth0's multi-factor policy by default).
     * @param maxAge how recent the user's authentication must be, or {@code null} for no limit.
     */
    public InsufficientUserAuthenticationException(String audience, String scope, String acrValues,
            Duration maxAge) {
        super(CODE, maxAge == null ? "A stronger authentication is required"
                : "An authentication within the last " + maxAge.toSeconds() + " seconds is required");
        if (maxAge != null && maxAge.isNegative()) {
            throw new IllegalArgumentException("maxAge cannot be negative");
        }
        this.audience = audience;
        this.scope = scope;
        this.acrValues = acrValues == null || acrValues.isBlank() ? null : acrValues.strip();
        this.maxAge = maxAge;
    }

    /**
     * Returns the audience of the token to get.
     *
     * @return the audience; empty for none in particular.
     */
    public Optional<String> audience() {
        return Optional.ofNullable(audience);
    }

    /**
     * Returns the scope of the token to get.
     *
     * @return the scope; empty for none.
     */
    public Optional<String> scope() {
        return Optional.ofNullable(scope);
    }

    /**
     * Returns the policies to ask for.
     *
     * @return the space-separated {@code acr_values}; empty for the module's configured ones.
     */
    public Optional<String> acrValues() {
        return Optional.ofNullable(acrValues);
    }

    /**
     * Returns how recent the authentication must be.
     *
     * @return the {@code max_age}; empty for no limit.
     */
    public Optional<Duration> maxAge() {
        return Optional.ofNullable(maxAge);
    }
}
