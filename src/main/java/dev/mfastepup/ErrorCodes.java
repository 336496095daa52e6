package dev.mfastepup;

/**
 * The error codes this module gives to {@link MfaException#code()}, besides the codes of Auth0 that it passes on
 * unchanged ({@code invalid_grant}, {@code too_many_attempts}, {@code expired_token}, ...), which
 * {@link Auth0Error#of(String)} reads.
 *
 * @since 0.1
 */
public final class ErrorCodes {

    /** The sealed step-up context is missing, tampered, sealed with another key, or bound to another flow. */
    public static final String MFA_TOKEN_INVALID = "mfa_token_invalid";

    /** The sealed step-up context is older than its time to live, or Auth0 says the {@code mfa_token} expired. */
    public static final String MFA_TOKEN_EXPIRED = "mfa_token_expired";

    /** Auth0 asks for a second factor before it issues the token: Auth0's own code, passed on. */
    public static final String MFA_REQUIRED = Auth0Error.MFA_REQUIRED.code();

    /** Auth0 could not be reached, did not answer within the deadline, or answered with a server error. */
    public static final String IDP_UNAVAILABLE = "idp_unavailable";

    /** Auth0 answered, but not with anything this module can understand (not JSON, too large, wrong shape). */
    public static final String IDP_BAD_RESPONSE = "idp_bad_response";

    /** Too many calls to Auth0 are in flight already; the call was refused without being sent. */
    public static final String IDP_BUSY = "idp_busy";

    /** There is no session, or no user signed in to it. */
    public static final String MISSING_SESSION = "missing_session";

    /** There is no refresh token for the session, so no new access token can be requested. */
    public static final String MISSING_REFRESH_TOKEN = "missing_refresh_token";

    /** The refresh-token grant failed in a way that has no more precise code. */
    public static final String REFRESH_TOKEN_ERROR = "refresh_token_error";

    /** The session was signed in at another Auth0 domain than the one resolved for this request. */
    public static final String DOMAIN_MISMATCH = "domain_mismatch";

    /** The module configuration is missing a value or has one that breaks a rule. */
    public static final String CONFIGURATION_ERROR = "configuration_error";

    /** The {@link dev.mfastepup.client.DomainResolver} returned nothing usable or failed. */
    public static final String DOMAIN_RESOLVER_ERROR = "domain_resolver_error";

    /** A code, phone number or email address does not have the required syntax; nothing was sent to Auth0. */
    public static final String INVALID_INPUT = "invalid_input";

    /** The factor is not one this module can enroll or challenge through the MFA API, or not allowed here. */
    public static final String UNSUPPORTED_FACTOR = "unsupported_factor";

    /** The flow has no pending challenge to verify an out-of-band code or push approval against. */
    public static final String NO_CHALLENGE = "no_challenge";

    /** A code was sent moments ago; another may be sent once the cooldown has passed. */
    public static final String RESEND_TOO_SOON = "resend_too_soon";

    /**
     * The flow or the user has had as many SMS, calls, e-mails and pushes as this module allows (3 per flow, 10
     * per user and hour); nothing was sent ({@link SendsLimitedException#retryAfter()} says for how long).
     */
    public static final String SEND_LIMIT_REACHED = "send_limit_reached";

    /**
     * The ID token Auth0 returned names another user than the session's, or fails its signature, issuer, audience
     * or expiry check; the session was invalidated.
     */
    public static final String IDENTITY_MISMATCH = "identity_mismatch";

    /**
     * An enrollment while the user already has an authenticator the step can challenge, and Auth0 did not ask for
     * one: a session that has passed only the first factor may not add a second one.
     */
    public static final String ENROLLMENT_NOT_ALLOWED = "enrollment_not_allowed";

    /**
     * Too many wrong codes for this user: this module refuses further codes for a while, without asking Auth0,
     * even a correct one ({@link AttemptsLockedException#retryAfter()} says how long).
     */
    public static final String ATTEMPTS_LOCKED = "attempts_locked";

    /**
     * The user's hundredth wrong code in a row (or a later one): this module invalidated the session, so the user
     * signs in again before the next try, and logged an alert for the operators.
     */
    public static final String TOO_MANY_FAILURES = "too_many_failures";

    private ErrorCodes() {
        // constants only
    }
}
