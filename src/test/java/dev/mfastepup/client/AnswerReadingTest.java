package dev.mfastepup.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.longThat;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.mfastepup.client.model.ErrorResponse;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SEC-34 and F11/F12 where the client reads an answer: the size limit counts every byte however it is read, the
 * deadline set when the request left is the one that holds, a JSON answer must be exactly one JSON value, and an
 * error answer is read for its status, its JSON body and a Retry-After in plain seconds only.
 */
class AnswerReadingTest {

    private static final long FAR = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);

    // The size limit -----------------------------------------------------------------------------------------------

    @Test
    void zeroBytesCountTowardTheLimitLikeAnyOther() throws IOException {
        InputStream guarded = new GuardedBodyFilter.GuardedInputStream(new ByteArrayInputStream(new byte[5]), 4, FAR);

        for (int i = 0; i < 4; i++) {
            assertEquals(0, guarded.read());
        }
        assertThrows(GuardedBodyFilter.AnswerTooLargeException.class, guarded::read);
    }

    @Test
    void skippedBytesCountTowardTheLimitAndTheDeadlineHoldsForASkip() throws IOException {
        InputStream guarded = new GuardedBodyFilter.GuardedInputStream(new ByteArrayInputStream(new byte[10]), 4, FAR);
        assertEquals(3, guarded.skip(3));
        assertThrows(GuardedBodyFilter.AnswerTooLargeException.class, () -> guarded.skip(3));

        InputStream late = new GuardedBodyFilter.GuardedInputStream(new ByteArrayInputStream(new byte[10]), 4,
                System.nanoTime() - 1);
        assertThrows(GuardedBodyFilter.DeadlineExceededException.class, () -> late.skip(1));
    }

    @Test
    void anAnswerOfExactlyTheLimitIsReadWhole() throws IOException {
        InputStream guarded = new GuardedBodyFilter.GuardedInputStream(new ByteArrayInputStream(new byte[4]), 4, FAR);

        assertEquals(4, guarded.readAllBytes().length);
        assertEquals(-1, guarded.read());
    }

    // The filter ---------------------------------------------------------------------------------------------------

    @Test
    void theDeadlineIsSetWhenTheRequestLeaves() {
        ClientRequestContext request = mock(ClientRequestContext.class);
        long before = System.nanoTime();

        new GuardedBodyFilter(Duration.ofSeconds(30)).filter(request);

        verify(request).setProperty(eq(GuardedBodyFilter.class.getName() + ".deadline"), longThat(at ->
                at - before >= TimeUnit.SECONDS.toNanos(30) && at - System.nanoTime() <= TimeUnit.SECONDS.toNanos(30)));
    }

    @Test
    void aRequestWhoseDeadlinePassedGetsNoBodyEvenFromAQuickAnswer() {
        ClientRequestContext request = mock(ClientRequestContext.class);
        when(request.getProperty(anyString())).thenReturn(System.nanoTime() - 1);
        ClientResponseContext response = answer("application/json", "{}");

        assertThrows(GuardedBodyFilter.DeadlineExceededException.class,
                () -> new GuardedBodyFilter(Duration.ofMinutes(10)).filter(request, response));
    }

    @Test
    void withoutTheRequestsDeadlineTheCallDeadlineCountsFromTheAnswer() throws IOException {
        ClientRequestContext request = mock(ClientRequestContext.class);
        ClientResponseContext response = answer("application/json", "{\"a\":1}");

        new GuardedBodyFilter(Duration.ofMinutes(10)).filter(request, response);

        assertEquals("{\"a\":1}", body(response));
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " -> ", value = {
        "application/json -> {} x",
        "application/problem+json -> [1] [2]",
        "APPLICATION/JSON -> {",
    })
    void aJsonAnswerThatIsNotExactlyOneValueIsRefused(String type, String body) {
        ClientResponseContext response = answer(type, body);

        assertThrows(GuardedBodyFilter.MalformedAnswerException.class,
                () -> new GuardedBodyFilter(Duration.ofMinutes(10)).filter(mock(ClientRequestContext.class),
                        response));
    }

    @Test
    void anEmptyJsonAnswerOrOneThatIsNotJsonPassesToItsReader() throws IOException {
        for (String type : new String[] {"application/json", "text/html", null}) {
            String text = type == null ? "not json" : type.equals("text/html") ? "<html>" : "";
            ClientResponseContext response = answer(type, text);

            new GuardedBodyFilter(Duration.ofMinutes(10)).filter(mock(ClientRequestContext.class), response);

            assertEquals(text, body(response), String.valueOf(type));
        }
    }

    @Test
    void anAnswerWithoutBodyIsLeftAlone() throws IOException {
        ClientResponseContext response = mock(ClientResponseContext.class);
        when(response.hasEntity()).thenReturn(false);

        new GuardedBodyFilter(Duration.ofMinutes(10)).filter(mock(ClientRequestContext.class), response);

        verify(response, never()).setEntityStream(any());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", " [1, 2] \n", "\"text\"", "null"})
    void oneJsonValueWithWhitespaceAroundItIsOneValue(String body) {
        assertTrue(JsonBodies.isOneValue(body.getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "{} {}", "[", "{\"a\":}", "1 2"})
    void nothingOrMoreThanOneOrABrokenValueIsNot(String body) {
        assertFalse(JsonBodies.isOneValue(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static ClientResponseContext answer(String type, String body) {
        ClientResponseContext response = mock(ClientResponseContext.class);
        AtomicReference<InputStream> entity = new AtomicReference<>(
                new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
        when(response.hasEntity()).thenReturn(true);
        when(response.getMediaType()).thenReturn(type == null ? null : MediaType.valueOf(type));
        when(response.getEntityStream()).thenAnswer(i -> entity.get());
        doAnswer(i -> {
            entity.set(i.getArgument(0));
            return null;
        }).when(response).setEntityStream(any());
        return response;
    }

    private static String body(ClientResponseContext response) throws IOException {
        return new String(response.getEntityStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    // Error answers ------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource({"199, true", "200, false", "204, false", "299, false", "300, true", "400, true", "503, true"})
    void everyStatusOutside2xxIsAnErrorAnswer(int status, boolean handled) {
        assertEquals(handled, new Auth0ErrorMapper().handles(status, null));
    }

    @ParameterizedTest
    @ValueSource(ints = {300, 302, 399})
    void aRedirectsBodyAndHeadersAreNeverRead(int status) {
        Response response = errorResponse(status, "{\"error\":\"invalid_grant\"}", "5");

        Auth0ErrorAnswer answer = (Auth0ErrorAnswer) new Auth0ErrorMapper().toThrowable(response);

        assertEquals(status, answer.status());
        assertNull(answer.body());
        assertNull(answer.retryAfter());
        verify(response, never()).readEntity(byte[].class);
        assertEquals("Auth0 answered HTTP " + status, answer.getMessage());
    }

    @Test
    void anErrorAnswerCarriesItsCodeAndARetryAfterInSeconds() {
        Response response = errorResponse(429, "{\"error\":\"too_many_attempts\"}", " 60 ");

        Auth0ErrorAnswer answer = (Auth0ErrorAnswer) new Auth0ErrorMapper().toThrowable(response);

        assertEquals(429, answer.status());
        assertEquals("too_many_attempts", answer.body().error());
        assertEquals(Duration.ofSeconds(60), answer.retryAfter());
        assertEquals("Auth0 answered HTTP 429 (too_many_attempts)", answer.getMessage());
    }

    @ParameterizedTest
    @CsvSource(value = {"''", "soon", "-1", "1.5", "1234567", "Wed, 21 Oct 2026 07:28:00 GMT", "NULL"},
            nullValues = "NULL")
    void aRetryAfterThatIsNotPlainSecondsIsIgnored(String header) {
        Auth0ErrorAnswer answer = (Auth0ErrorAnswer) new Auth0ErrorMapper()
                .toThrowable(errorResponse(429, "{}", header));

        assertNull(answer.retryAfter());
        assertEquals("Auth0 answered HTTP 429", answer.getMessage(), "a body without error");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[1]", "\"text\"", "null", "<html>busy</html>", "{\"error\":"})
    void aBodyThatIsNotAJsonObjectIsNoErrorBody(String body) {
        assertNull(Auth0ErrorMapper.parse(body, 400));
    }

    @Test
    void aBodyThatCannotBeReadLeavesTheStatus() {
        Response response = errorResponse(400, "{}", null);
        when(response.readEntity(byte[].class)).thenThrow(new IllegalStateException("cut off"));

        Auth0ErrorAnswer answer = (Auth0ErrorAnswer) new Auth0ErrorMapper().toThrowable(response);

        assertEquals(400, answer.status());
        assertNull(answer.body());
    }

    @Test
    void aJsonObjectWithSpaceBeforeItIsAnErrorBody() {
        ErrorResponse body = Auth0ErrorMapper.parse("\n {\"error\":\"invalid_grant\"}", 403);

        assertEquals("invalid_grant", body.error());
    }

    private static Response errorResponse(int status, String body, String retryAfter) {
        Response response = mock(Response.class);
        when(response.getStatus()).thenReturn(status);
        when(response.hasEntity()).thenReturn(true);
        when(response.readEntity(byte[].class)).thenReturn(body.getBytes(StandardCharsets.UTF_8));
        when(response.getHeaderString(HttpHeaders.RETRY_AFTER)).thenReturn(retryAfter);
        return response;
    }

    @Test
    void noBytesAreLostBetweenTheGuardAndTheReader() throws IOException {
        byte[] bytes = "{\"access_token\":\"at\"}".getBytes(StandardCharsets.UTF_8);
        ClientResponseContext response = answer("application/json", new String(bytes, StandardCharsets.UTF_8));

        new GuardedBodyFilter(Duration.ofMinutes(10)).filter(mock(ClientRequestContext.class), response);

        assertArrayEquals(bytes, response.getEntityStream().readAllBytes());
    }
}
