package dev.mfastepup.emulator;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error answer in Auth0's shape, {@code {"error":..,"error_description":..}} with an HTTP status, thrown by the
 * logic and written by {@link OAuthErrorMapper}. {@code mfa_required} carries extra fields.
 */
public class OAuthError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String error;
    private final String description;
    private final Long retryAfterSeconds;
    private final transient Map<String, Object> extra;

    /**
     * Creates an error.
     *
     * @param status the HTTP status.
     * @param error the error code.
     * @param description the description.
     */
    public OAuthError(int status, String error, String description) {
        this(status, error, description, null, Map.of());
    }

    /**
     * Creates an error with a {@code Retry-After} and extra body fields.
     *
     * @param status the HTTP status.
     * @param error the error code.
     * @param description the description.
     * @param retryAfterSeconds the {@code Retry-After} header, or {@code null}.
     * @param extra further body fields, after the two standard ones.
     */
    public OAuthError(int status, String error, String description, Long retryAfterSeconds, Map<String, Object> extra) {
        super(error + ": " + description, null, false, false);
        this.status = status;
        this.error = error;
        this.description = description;
        this.retryAfterSeconds = retryAfterSeconds;
        this.extra = Map.copyOf(extra);
    }

    /** @return the HTTP status. */
    public int status() {
        return status;
    }

    /** @return the error code. */
    public String error() {
        return error;
    }

    /** @return the description. */
    public String description() {
        return description;
    }

    /** @return the {@code Retry-After} in seconds, or {@code null}. */
    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /**
     * Returns the JSON body.
     *
     * @return {@code error}, {@code error_description}, then the extra fields.
     */
    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", description);
        extra.forEach((k, v) -> {
            if (!"mfa_requirements".equals(k)) {
                body.put(k, v);
            }
        });
        if (extra.containsKey("mfa_requirements")) {
            body.put("mfa_requirements", extra.get("mfa_requirements"));
        }
        return body;
    }

    /** @return the extra fields. */
    public Map<String, Object> extra() {
        return extra;
    }

    static OAuthError invalidClient() {
        return new OAuthError(401, "invalid_client", "Client authentication failed");
    }

    static OAuthError invalidRequest(String description) {
        return new OAuthError(400, "invalid_request", description);
    }

    static OAuthError invalidGrant(String description) {
        return new OAuthError(403, "invalid_grant", description);
    }
}
