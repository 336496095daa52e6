package dev.mfastepup.client;

import dev.mfastepup.client.model.ErrorResponse;
import java.time.Duration;

/**
 * An error answer of Auth0 as {@link Auth0ErrorMapper} read it. It stays inside this package: {@link IdpFailures}
 * turns it into an {@link IdpException} or, for {@code mfa_required}, {@link TokenGrants} into a result, so that
 * the raw {@code mfa_token} it may hold never travels in a public exception.
 */
final class Auth0ErrorAnswer extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient ErrorResponse body;
    private final Duration retryAfter;

    Auth0ErrorAnswer(int status, ErrorResponse body, Duration retryAfter) {
        super("Auth0 answered HTTP " + status + (body != null && body.error() != null ? " (" + body.error() + ")" : ""),
                null, false, false);
        this.status = status;
        this.body = body;
        this.retryAfter = retryAfter;
    }

    int status() {
        return status;
    }

    /** The parsed JSON error body, or {@code null} when the body was not a JSON object. */
    ErrorResponse body() {
        return body;
    }

    Duration retryAfter() {
        return retryAfter;
    }
}
