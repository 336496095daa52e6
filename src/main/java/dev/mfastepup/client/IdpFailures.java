package dev.mfastepup.client;

import dev.mfastepup.Auth0Error;
import dev.mfastepup.ErrorCodes;
import jakarta.ws.rs.ProcessingException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Makes the {@link IdpException} of each way a call to Auth0 can fail: an error answer of Auth0's own, an answer
 * that is not the protocol, or no answer at all. Every message names the operation and what went wrong, never a
 * token, code or secret, and never Auth0's text unless it was cleaned; the cause keeps the technical detail.
 *
 * <p>Each failure is logged once, at WARNING, with the operation, the status and the resulting code only.
 */
final class IdpFailures {

    // Logged under the client's name, as before the client was split into parts, so that logging configured
    // for it keeps applying.
    private static final Logger logger = Logger.getLogger(Auth0Client.class.getName());

    private static final String LOG_IDP_ERROR = "Auth0 answered {0} with HTTP {1} ({2})";
    private static final String LOG_IDP_UNAVAILABLE = "Auth0 could not answer {0}: {1}";
    private static final String LOG_BAD_RESPONSE = "Auth0 answered {0} with {1}";

    /** What an error code of Auth0 looks like; anything else is not passed on as a code. */
    private static final Pattern ERROR_CODE = Pattern.compile("[a-z0-9_.-]{1,64}");

    private IdpFailures() {
    }

    /**
     * Translates an error answer of Auth0. A redirect is a bad response (it is never followed); a 5xx is
     * {@code idp_unavailable} whatever its body says; otherwise Auth0's {@code error} is the code when it looks
     * like one, else the status decides.
     *
     * @param operation the call, for the message and the log.
     * @param answer the answer, as {@link Auth0ErrorMapper} read it.
     * @param unauthorized what a 401 without a readable {@code error} means at this endpoint.
     * @return the exception to throw.
     */
    static IdpException fromErrorAnswer(String operation, Auth0ErrorAnswer answer, Auth0Error unauthorized) {
        if (answer.status() >= 300 && answer.status() < 400) {
            // Never followed (see TenantRestClients): the token, code or secret in the request must not go where
            // it points.
            logger.log(Level.WARNING, LOG_IDP_ERROR, new Object[] {operation, answer.status(), "redirect"});
            return new IdpException(ErrorCodes.IDP_BAD_RESPONSE, answer.status(), null, "Auth0 answered " + operation
                    + " with a redirect (HTTP " + answer.status() + "), which is not followed", null, answer);
        }
        String error = answer.body() == null ? null : answer.body().error();
        String code;
        if (answer.status() >= 500) {
            // Auth0's fault, whatever its body says (server_error, temporarily_unavailable): it says nothing about
            // the user's code or flow, and trying again later may work.
            code = ErrorCodes.IDP_UNAVAILABLE;
        } else if (error != null && ERROR_CODE.matcher(error).matches()) {
            code = error;
        } else if (answer.status() == 401) {
            // Every body is read (see SendOnceTransport), but a 401 may come without one, or with one that is
            // not Auth0's error: the endpoint says what a bare 401 means.
            code = unauthorized.code();
        } else if (answer.status() == 429) {
            code = Auth0Error.TOO_MANY_ATTEMPTS.code();
        } else {
            code = ErrorCodes.IDP_BAD_RESPONSE;
        }
        String description = answer.body() == null ? null : IdpException.clean(answer.body().errorDescription());
        String message = description != null ? description
                : "Request failed with status " + answer.status() + " (" + operation + ")";
        logger.log(Level.WARNING, LOG_IDP_ERROR, new Object[] {operation, answer.status(), code});
        return new IdpException(code, answer.status(), description, message, answer.retryAfter(), answer);
    }

    /**
     * Translates a failure of the Rest Client that is not an answer of Auth0: an answer over the size limit or
     * not one JSON value is a bad response; a timeout, a refused connection, an unknown host or a broken
     * connection is {@code idp_unavailable}.
     *
     * @param operation the call.
     * @param failure the failure.
     * @return the exception to throw.
     */
    static IdpException fromProcessingFailure(String operation, ProcessingException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof GuardedBodyFilter.AnswerTooLargeException) {
                return badResponse(operation, "an answer over " + GuardedBodyFilter.MAX_BODY_BYTES + " bytes", failure);
            }
            if (cause instanceof GuardedBodyFilter.MalformedAnswerException) {
                return badResponse(operation, "an answer that is not one well-formed JSON value", failure);
            }
            if (cause instanceof HttpConnectTimeoutException) {
                return unavailable(operation, "Auth0 could not be reached for " + operation, failure);
            }
            if (cause instanceof SocketTimeoutException || cause instanceof InterruptedIOException
                    || cause instanceof HttpTimeoutException) {
                return unavailable(operation, "Auth0 did not answer " + operation + " in time", failure);
            }
            if (cause instanceof ConnectException || cause instanceof UnknownHostException) {
                return unavailable(operation, "Auth0 could not be reached for " + operation, failure);
            }
        }
        if (cause(failure, IOException.class) != null) {
            return unavailable(operation, "The connection to Auth0 failed during " + operation, failure);
        }
        return unreadable(operation, failure);
    }

    /** An answer that could not be read at all; the cause says why. */
    static IdpException unreadable(String operation, Throwable cause) {
        return badResponse(operation, "an answer that could not be read", cause);
    }

    /**
     * An answer that is not what the operation needs.
     *
     * @param operation the call.
     * @param what what Auth0 answered with, such as {@code no access token}; no value from the answer unless
     *        passed through {@link #safe(String)}.
     * @return the {@code idp_bad_response} exception.
     */
    static IdpException badResponse(String operation, String what) {
        return badResponse(operation, what, null);
    }

    static IdpException badResponse(String operation, String what, Throwable cause) {
        logger.log(Level.WARNING, LOG_BAD_RESPONSE, new Object[] {operation, what});
        return new IdpException(ErrorCodes.IDP_BAD_RESPONSE, 0, null,
                "Auth0 answered " + operation + " with " + what, null, cause);
    }

    /** The first throwable of the type in the cause chain, or {@code null}. */
    static <T extends Throwable> T cause(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    /** A value of Auth0's answer made fit for a message: cleaned, and every unusual character a {@code ?}. */
    static String safe(String text) {
        String cleaned = IdpException.clean(text);
        return cleaned == null ? "" : cleaned.replaceAll("[^A-Za-z0-9_.-]", "?");
    }

    private static IdpException unavailable(String operation, String message, Throwable cause) {
        logger.log(Level.WARNING, LOG_IDP_UNAVAILABLE, new Object[] {operation, cause.getClass().getSimpleName()});
        return new IdpException(ErrorCodes.IDP_UNAVAILABLE, 0, null, message, null, cause);
    }
}
