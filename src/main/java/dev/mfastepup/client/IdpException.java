package dev.mfastepup.client;

import dev.mfastepup.ErrorCodes;
import dev.mfastepup.MfaException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLHandshakeException;

/**
 * Auth0 answered with an error, or could not be asked.
 *
 * <p>The {@linkplain #code() code} is Auth0's own {@code error} (such as {@code invalid_grant},
 * {@code too_many_attempts}, {@code expired_token}) when Auth0 sent one, else one of
 * {@link ErrorCodes#IDP_UNAVAILABLE} (unreachable, timed out, a 5xx without a JSON body),
 * {@link ErrorCodes#IDP_BAD_RESPONSE} (an answer that is not what the protocol promises) or
 * {@link ErrorCodes#IDP_BUSY} (too many calls in flight; nothing was sent).
 *
 * @since 0.1
 */
public class IdpException extends MfaException {

    private static final long serialVersionUID = 1L;

    private static final int MAX_DESCRIPTION_LENGTH = 300;

    /** Auth0's HTTP status, or 0 when no answer came. */
    private final int status;
    /** Auth0's {@code error_description}, cleaned and cut to 300 characters, or {@code null}. */
    private final String description;
    /** Auth0's {@code Retry-After}, or {@code null}. */
    private final Duration retryAfter;
    /** Whether the call certainly never reached Auth0. */
    private final boolean notSent;

    /**
     * Creates the exception; the module does, applications receive it.
     *
     * @param code Auth0's error code, or one of the module's {@code idp_*} codes.
     * @param status the HTTP status of Auth0's answer, or 0 when there was none.
     * @param description Auth0's {@code error_description}, or {@code null}; control characters are removed and
     *        it is cut to 300 characters.
     * @param message the message; safe to log, never a token or code.
     * @param retryAfter how long Auth0 asked to wait ({@code Retry-After}), or {@code null}.
     * @param cause the underlying failure, or {@code null}.
     */
    public IdpException(String code, int status, String description, String message, Duration retryAfter,
            Throwable cause) {
        this(code, status, description, message, retryAfter, cause, false);
    }

    private IdpException(String code, int status, String description, String message, Duration retryAfter,
            Throwable cause, boolean notSent) {
        super(code, message, cause);
        this.status = status;
        this.description = clean(description);
        this.retryAfter = retryAfter;
        this.notSent = notSent;
    }

    /** A call this module refused to make: too many in flight, or the circuit breaker open. */
    static IdpException notSent(String code, String message, Duration retryAfter) {
        return new IdpException(code, 0, null, message, retryAfter, null, true);
    }

    /**
     * Tells whether the call was never made: too many calls were in flight ({@code idp_busy}), or Auth0 had
     * failed so often lately that this module paused its calls (the circuit breaker). Nothing reached Auth0:
     * no code was used up and no message was sent.
     *
     * @return {@code true} when nothing was sent.
     */
    public boolean isNotSent() {
        return notSent;
    }

    /**
     * Returns the HTTP status of Auth0's answer.
     *
     * @return the status, or 0 when Auth0 did not answer.
     */
    public int status() {
        return status;
    }

    /**
     * Returns Auth0's {@code error_description}, cleaned of control characters and cut to 300 characters. It is
     * Auth0's text, in English; escape it before showing it in a page.
     *
     * @return the description, if Auth0 sent one.
     */
    public Optional<String> description() {
        return Optional.ofNullable(description);
    }

    /**
     * Returns how long Auth0 asked the client to wait, from a {@code Retry-After} header in seconds.
     *
     * @return the wait, if Auth0 sent one.
     */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /**
     * Tells whether Auth0 could not be asked or answered with a server fault, so that trying again later may
     * work. Such a failure says nothing about the code the user typed.
     *
     * @return {@code true} for {@code idp_unavailable}, {@code idp_busy} and {@code idp_bad_response}.
     */
    public boolean isUnavailable() {
        return ErrorCodes.IDP_UNAVAILABLE.equals(code()) || ErrorCodes.IDP_BUSY.equals(code())
                || ErrorCodes.IDP_BAD_RESPONSE.equals(code());
    }

    /**
     * Tells whether Auth0 did not answer within the module's deadline, as opposed to refusing the connection or
     * answering with a fault.
     *
     * @return {@code true} for an {@code idp_unavailable} caused by a timeout.
     */
    public boolean isTimeout() {
        return ErrorCodes.IDP_UNAVAILABLE.equals(code())
                && causedBy(TimeoutException.class, SocketTimeoutException.class, HttpTimeoutException.class);
    }

    /**
     * Tells whether the call may have reached Auth0 but no answer came back: the connection was reset or timed
     * out once it was open. Auth0 may have judged, and used up, the code that was sent, so a code sent this way
     * counts as an attempt, and the user is asked for a new code rather than to send the same one again.
     *
     * <p>A call that never left ({@linkplain #isNotSent() not sent}, connection refused, unknown host, no route, a
     * connect timeout, a TLS handshake that failed) and any answer from Auth0, a 5xx included, are not of this kind.
     * Every other timeout is: the request may have arrived, and counting one attempt too many is the safe error.
     *
     * @return {@code true} when the outcome of the call is unknown.
     */
    public boolean isOutcomeUnknown() {
        return !notSent && status == 0 && ErrorCodes.IDP_UNAVAILABLE.equals(code()) && getCause() != null
                && !causedBy(ConnectException.class, UnknownHostException.class, NoRouteToHostException.class,
                        SSLHandshakeException.class, HttpConnectTimeoutException.class);
    }

    /** Tells whether any exception in the cause chain is one of the types. */
    private boolean causedBy(Class<?>... types) {
        for (Throwable cause = getCause(); cause != null; cause = cause.getCause()) {
            for (Class<?> type : types) {
                if (type.isInstance(cause)) {
                    return true;
                }
            }
        }
        return false;
    }

    static String clean(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder cleaned = new StringBuilder(Math.min(text.length(), MAX_DESCRIPTION_LENGTH));
        for (int i = 0; i < text.length() && cleaned.length() < MAX_DESCRIPTION_LENGTH; i++) {
            char c = text.charAt(i);
            cleaned.append(Character.isISOControl(c) ? ' ' : c);
        }
        String result = cleaned.toString().strip();
        return result.isEmpty() ? null : result;
    }
}
