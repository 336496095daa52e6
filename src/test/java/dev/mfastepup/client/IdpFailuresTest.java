package dev.mfastepup.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mfastepup.Auth0Error;
import dev.mfastepup.ErrorCodes;
import dev.mfastepup.LogCapture;
import dev.mfastepup.client.model.ErrorResponse;
import jakarta.ws.rs.ProcessingException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The translation of each way a call to Auth0 fails into an {@link IdpException}, apart from any HTTP. */
class IdpFailuresTest {

    private static final String OPERATION = "POST /mfa/challenge";

    @ParameterizedTest
    @ValueSource(ints = {300, 301, 302, 303, 307, 308})
    void fromErrorAnswerWhenRedirectThenBadResponseWhateverTheBody(int status) {
        Auth0ErrorAnswer answer = new Auth0ErrorAnswer(status, error("invalid_grant", "Wrong code"), null);

        IdpException e = IdpFailures.fromErrorAnswer(OPERATION, answer, Auth0Error.INVALID_TOKEN);

        assertEquals(ErrorCodes.IDP_BAD_RESPONSE, e.code());
        assertEquals(status, e.status());
        assertEquals("Auth0 answered " + OPERATION + " with a redirect (HTTP " + status + "), which is not followed",
                e.getMessage());
        assertSame(answer, e.getCause());
    }

    @Test
    void fromErrorAnswerWhenServerErrorThenUnavailableWhateverItsCodeAndItsTextKept() {
        IdpException e = IdpFailures.fromErrorAnswer(OPERATION,
                new Auth0ErrorAnswer(503, error("invalid_grant", "Down for maintenance"), Duration.ofSeconds(5)),
                Auth0Error.INVALID_TOKEN);

        assertEquals(ErrorCodes.IDP_UNAVAILABLE, e.code());
        assertEquals("Down for maintenance", e.getMessage());
        assertEquals(Duration.ofSeconds(5), e.retryAfter().orElseThrow());
    }

    @Test
    void fromErrorAnswerWhenAuth0NamesACodeThenThatCodeAndItsDescription() {
        IdpException e = IdpFailures.fromErrorAnswer(OPERATION,
                new Auth0ErrorAnswer(403, error("invalid_grant", "Invalid otp_code."), null), Auth0Error.INVALID_TOKEN);

        assertEquals("invalid_grant", e.code());
        assertEquals(403, e.status());
        assertEquals("Invalid otp_code.", e.getMessage());
        assertFalse(e.isUnavailable());
    }

    @Test
    void fromErrorAnswerWhenBare401ThenWhatTheEndpointSaysItMeans() {
        Auth0ErrorAnswer bare = new Auth0ErrorAnswer(401, null, null);

        assertEquals("invalid_client", IdpFailures.fromErrorAnswer("the refresh-token grant", bare,
                Auth0Error.INVALID_CLIENT).code());
        assertEquals("invalid_token", IdpFailures.fromErrorAnswer(OPERATION, bare, Auth0Error.INVALID_TOKEN).code());
    }

    @Test
    void fromErrorAnswerWhenTheCodeIsNotACodeThenTheStatusDecidesAndTheMessageNamesOnlyIt() {
        ErrorResponse odd = error("Invalid Grant <script>", null);

        IdpException unauthorized = IdpFailures.fromErrorAnswer(OPERATION, new Auth0ErrorAnswer(401, odd, null),
                Auth0Error.INVALID_TOKEN);
        IdpException limited = IdpFailures.fromErrorAnswer(OPERATION, new Auth0ErrorAnswer(429, odd, null),
                Auth0Error.INVALID_TOKEN);
        IdpException other = IdpFailures.fromErrorAnswer(OPERATION, new Auth0ErrorAnswer(400, odd, null),
                Auth0Error.INVALID_TOKEN);

        assertEquals("invalid_token", unauthorized.code());
        assertEquals("too_many_attempts", limited.code());
        assertEquals(ErrorCodes.IDP_BAD_RESPONSE, other.code());
        assertEquals("Request failed with status 400 (" + OPERATION + ")", other.getMessage());
        assertTrue(other.description().isEmpty());
    }

    @Test
    void fromErrorAnswerThenLoggedOnceAtWarningUnderTheClientsLogger() {
        try (LogCapture log = new LogCapture(Auth0Client.class.getName())) {
            IdpFailures.fromErrorAnswer(OPERATION, new Auth0ErrorAnswer(403, error("invalid_grant", null), null),
                    Auth0Error.INVALID_TOKEN);

            assertEquals(List.of("Auth0 answered {0} with HTTP {1} ({2})"), log.warnings());
        }
    }

    @Test
    void fromProcessingFailureThenEachCauseItsCodeAndMessage() {
        assertFailure(ErrorCodes.IDP_BAD_RESPONSE, "Auth0 answered " + OPERATION + " with an answer over "
                + GuardedBodyFilter.MAX_BODY_BYTES + " bytes",
                new GuardedBodyFilter.AnswerTooLargeException(GuardedBodyFilter.MAX_BODY_BYTES));
        assertFailure(ErrorCodes.IDP_BAD_RESPONSE, "Auth0 answered " + OPERATION
                + " with an answer that is not one well-formed JSON value",
                new GuardedBodyFilter.MalformedAnswerException());
        assertFailure(ErrorCodes.IDP_UNAVAILABLE, "Auth0 did not answer " + OPERATION + " in time",
                new SocketTimeoutException("Read timed out"));
        assertFailure(ErrorCodes.IDP_UNAVAILABLE, "Auth0 could not be reached for " + OPERATION,
                new ConnectException("Connection refused"));
        assertFailure(ErrorCodes.IDP_UNAVAILABLE, "Auth0 could not be reached for " + OPERATION,
                new UnknownHostException("tenant.example.com"));
        assertFailure(ErrorCodes.IDP_UNAVAILABLE, "The connection to Auth0 failed during " + OPERATION,
                new IOException("Connection reset"));
        assertFailure(ErrorCodes.IDP_BAD_RESPONSE, "Auth0 answered " + OPERATION + " with an answer that could not "
                + "be read", new IllegalStateException("secret=abc"));
    }

    @Test
    void safeThenOnlyCodeLikeCharactersAndNothingForNull() {
        assertEquals("DPoP?x", IdpFailures.safe("DPoP x"));
        assertEquals("", IdpFailures.safe(null));
    }

    private static void assertFailure(String code, String message, Throwable cause) {
        ProcessingException failure = new ProcessingException(new RuntimeException(cause));

        IdpException e = IdpFailures.fromProcessingFailure(OPERATION, failure);

        assertEquals(code, e.code(), message);
        assertEquals(message, e.getMessage());
        assertSame(failure, e.getCause());
        assertTrue(e.isUnavailable());
    }

    private static ErrorResponse error(String code, String description) {
        return new ErrorResponse(code, description, null, null);
    }
}
