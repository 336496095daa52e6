package dev.mfastepup;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The error codes Auth0 answers with that this module acts on, and what each one means for a step-up: the one
 * place where Auth0's wire codes are written down.
 *
 * <p>{@link MfaException#code()} carries such a code unchanged when Auth0 refused a call; {@link #of(String)} turns
 * it into a constant, {@link #OTHER} for a code this module does not act on (it is still passed on as it came):
 *
 * <pre>{@code
 * } catch (MfaException e) {
 *     if (Auth0Error.of(e.code()).isWrongCode()) { ... ask for the code again ... }
 * }</pre>
 *
 * <p>The same code can mean different things at different endpoints: {@code invalid_grant} is a wrong code at the
 * MFA grants and a revoked refresh token at the refresh-token grant. Each question below says where it applies.
 *
 * @since 0.1
 */
public enum Auth0Error {

    /** The token endpoint wants a second factor; the answer carries an {@code mfa_token}. */
    MFA_REQUIRED("mfa_required"),

    /** A wrong code or a denied push at the MFA grants; a revoked, expired or unknown refresh token at the refresh grant. */
    INVALID_GRANT("invalid_grant"),

    /** The binding code typed for an out-of-band challenge is not the one sent. */
    INVALID_BINDING_CODE("invalid_binding_code"),

    /** The {@code mfa_token} is older than Auth0's five minutes. */
    EXPIRED_TOKEN("expired_token"),

    /** Auth0 refuses the {@code mfa_token} (unknown, used up, or for another client). */
    INVALID_TOKEN("invalid_token"),

    /** The push has not been answered yet; poll again after the interval. */
    AUTHORIZATION_PENDING("authorization_pending"),

    /** The push was polled too often; poll again after a longer interval. */
    SLOW_DOWN("slow_down"),

    /** Auth0's own limit of wrong codes or requests for this user was reached; try again later. */
    TOO_MANY_ATTEMPTS("too_many_attempts"),

    /** Auth0 refused this application's client credentials. */
    INVALID_CLIENT("invalid_client"),

    /** This application's client may not use the grant (for example MFA is not enabled for it). */
    UNAUTHORIZED_CLIENT("unauthorized_client"),

    /** The user or a rule refused the sign-in. */
    ACCESS_DENIED("access_denied"),

    /** The sign-in has to be done again, interactively. */
    LOGIN_REQUIRED("login_required"),

    /** Auth0 is down for a while; also what this module tells API callers when it cannot reach Auth0. */
    TEMPORARILY_UNAVAILABLE("temporarily_unavailable"),

    /** Any other code, or none: passed on as it came, with no special meaning here. */
    OTHER(null);

    private static final Map<String, Auth0Error> BY_CODE = Arrays.stream(values()).filter(e -> e.code != null)
            .collect(Collectors.toUnmodifiableMap(e -> e.code, Function.identity()));

    private final String code;

    Auth0Error(String code) {
        this.code = code;
    }

    /**
     * Looks up a wire code.
     *
     * @param code Auth0's {@code error}, or any code of {@link MfaException#code()}; may be null.
     * @return the constant, or {@link #OTHER} for a code this module does not act on.
     */
    public static Auth0Error of(String code) {
        return code == null ? OTHER : BY_CODE.getOrDefault(code, OTHER);
    }

    /**
     * The code as it is on the wire.
     *
     * @return the code; null for {@link #OTHER}.
     */
    public String code() {
        return code;
    }

    /**
     * Tells whether a code is this one.
     *
     * @param wireCode a code from Auth0 or from {@link MfaException#code()}; may be null.
     * @return true when it is this constant's code ({@link #OTHER} matches nothing).
     */
    public boolean is(String wireCode) {
        return code != null && code.equals(wireCode);
    }

    /**
     * At the MFA grants: the user typed a wrong code (or denied the push); the flow goes on, the attempt counts.
     *
     * @return true for {@link #INVALID_GRANT} and {@link #INVALID_BINDING_CODE}.
     */
    public boolean isWrongCode() {
        return this == INVALID_GRANT || this == INVALID_BINDING_CODE;
    }

    /**
     * Auth0 will never accept this flow's {@code mfa_token} again: the flow is over and has to start again.
     *
     * @return true for {@link #EXPIRED_TOKEN} and {@link #INVALID_TOKEN}.
     */
    public boolean endsFlow() {
        return this == EXPIRED_TOKEN || this == INVALID_TOKEN;
    }

    /**
     * A push poll that has no answer yet: not an error for the user, poll again.
     *
     * @return true for {@link #AUTHORIZATION_PENDING} and {@link #SLOW_DOWN}.
     */
    public boolean isStillPending() {
        return this == AUTHORIZATION_PENDING || this == SLOW_DOWN;
    }

    /**
     * Auth0 limits the user for a while: the same request may succeed later, not now.
     *
     * @return true for {@link #TOO_MANY_ATTEMPTS}.
     */
    public boolean isTryLater() {
        return this == TOO_MANY_ATTEMPTS;
    }

    /**
     * Auth0 refuses the application itself, not the user: a configuration fault for the operator.
     *
     * @return true for {@link #INVALID_CLIENT} and {@link #UNAUTHORIZED_CLIENT}.
     */
    public boolean refusesTheApplication() {
        return this == INVALID_CLIENT || this == UNAUTHORIZED_CLIENT;
    }

    /**
     * At the refresh-token grant: the sign-in can no longer get tokens, the user signs in again.
     *
     * @return true for {@link #INVALID_GRANT}, {@link #ACCESS_DENIED} and {@link #LOGIN_REQUIRED}.
     */
    public boolean endsSignIn() {
        return this == INVALID_GRANT || this == ACCESS_DENIED || this == LOGIN_REQUIRED;
    }
}
