package dev.mfastepup.client;

import static dev.mfastepup.TestConfigs.DOMAIN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mfastepup.ErrorCodes;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the module's transport promises on the wire, against a stub that reads each request off the socket: no
 * request but a GET is ever sent twice, on a new connection or on a kept-alive one, and every error answer's body is
 * read, whatever the method and status.
 */
class SendOnceTransportTest {

    private static final String LIST = "GET /mfa/authenticators";

    private RawHttpStub auth0;
    private Auth0Client client;

    @AfterEach
    void tearDown() throws Exception {
        if (client != null) {
            client.close();
        }
        if (auth0 != null) {
            auth0.close();
        }
    }

    /** Every call that changes something at Auth0: the grants, a challenge, an enrolment, a removal. */
    static Stream<Named<ClientCalls.Call>> notGets() {
        return ClientCalls.all().filter(call -> !call.getPayload().operation().startsWith("GET "));
    }

    static Stream<Arguments> everyCallAndErrorStatus() {
        return ClientCalls.all().flatMap(call -> Stream.of(400, 401, 403, 404, 409, 429)
                .map(status -> Arguments.of(call, status)));
    }

    @ParameterizedTest
    @MethodSource("notGets")
    void whenTheConnectionDropsAfterTheRequestThenItIsNotSentAgain(ClientCalls.Call call) throws Exception {
        start(RawHttpStub.dropAfterReading());

        IdpException e = assertThrows(IdpException.class, () -> call.call().accept(client));

        assertEquals(ErrorCodes.IDP_UNAVAILABLE, e.code());
        assertTrue(e.isOutcomeUnknown(), "the request went out; its outcome is unknown");
        assertEquals(1, auth0.requests().size(), "arrivals: " + auth0.requests());
    }

    @ParameterizedTest
    @MethodSource("notGets")
    void whenAKeptAliveConnectionDropsAfterTheRequestThenItIsNotSentAgain(ClientCalls.Call call) throws Exception {
        // The case where HttpURLConnection sends a buffered POST again: the connection was used before, and it
        // closes once the request is in, with no answer.
        start(RawHttpStub.inTurn(RawHttpStub.keptAlive(200, "[]"), RawHttpStub.dropAfterReading()));
        client.listAuthenticators(DOMAIN, ClientCalls.RAW);

        assertThrows(IdpException.class, () -> call.call().accept(client));

        assertEquals(1, auth0.connections(), "the second call went out on the kept-alive connection");
        assertEquals(2, auth0.requests().size(), "arrivals: " + auth0.requests());
    }

    @Test
    void whenAKeptAliveConnectionDropsUnderAGetThenTheGetAloneIsSentAgain() throws Exception {
        // The control of the two tests above: the stub and the client can tell a request sent again. A GET changes
        // nothing, and Java's HttpClient sends it again on a new connection, which the stub answers.
        start(RawHttpStub.inTurn(RawHttpStub.keptAlive(200, "[]"), RawHttpStub.dropAfterReading(),
                RawHttpStub.keptAlive(200, "[]")));
        client.listAuthenticators(DOMAIN, ClientCalls.RAW);

        client.listAuthenticators(DOMAIN, ClientCalls.RAW);

        assertEquals(List.of(LIST + " HTTP/1.1", LIST + " HTTP/1.1", LIST + " HTTP/1.1"), auth0.requests());
        assertEquals(2, auth0.connections());
    }

    @ParameterizedTest(name = "{0}, HTTP {1}")
    @MethodSource("everyCallAndErrorStatus")
    void whenAnErrorAnswerHasABodyThenItIsRead(ClientCalls.Call call, int status) throws Exception {
        start(RawHttpStub.fixed(status, "application/json",
                "{\"error\":\"said_in_the_body\",\"error_description\":\"Said in the body\"}"));

        IdpException e = assertThrows(IdpException.class, () -> call.call().accept(client));

        assertEquals("said_in_the_body", e.code());
        assertEquals(status, e.status());
        assertEquals("Said in the body", e.description().orElseThrow());
    }

    @Test
    void whenRequestsGoOutThenTheirBodiesHaveALengthAndAreNeverChunked() throws Exception {
        // A known length lets any server and proxy read the grant whole; chunking was what lost a 401's body.
        start(RawHttpStub.fixed(200, "application/json", "{\"challenge_type\":\"otp\"}"));

        client.challenge(DOMAIN, ClientCalls.RAW, "otp", null);

        assertEquals(List.of("POST /mfa/challenge HTTP/1.1"), auth0.requests());
        assertFalse(auth0.heads().get(0).toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding"),
                auth0.heads().get(0));
        assertTrue(auth0.heads().get(0).toLowerCase(java.util.Locale.ROOT).contains("content-length: "),
                auth0.heads().get(0));
    }

    @Test
    void whenAuth0WritesHeaderNamesInLowerCaseThenTheJsonAndTheRetryAfterAreStillRead() throws Exception {
        // HTTP/2 writes header names in lower case. Payara's Jersey, given the answer's headers as Java's
        // HttpClient named them, took a JSON answer for application/octet-stream; the Jersey of these unit tests
        // reads it either way, so on Payara ClusterIT and the other integration tests are what catch that.
        String list = "[{\"id\":\"totp|dev_1\",\"authenticator_type\":\"otp\",\"active\":true}]";
        start(RawHttpStub.inTurn(lowerCase(200, list), lowerCase(429,
                "{\"error\":\"too_many_attempts\",\"error_description\":\"Slow down\"}", "retry-after: 7")));

        assertEquals("totp|dev_1", client.listAuthenticators(DOMAIN, ClientCalls.RAW).get(0).id());
        IdpException limited = assertThrows(IdpException.class,
                () -> client.listAuthenticators(DOMAIN, ClientCalls.RAW));

        assertEquals("too_many_attempts", limited.code());
        assertEquals(java.time.Duration.ofSeconds(7), limited.retryAfter().orElseThrow());
    }

    @Test
    void headerNamesAreSpelledAsHttp11UsuallyDoes() {
        assertEquals("Retry-After", SendOnceTransport.usualSpelling("retry-after"));
        assertEquals("Www-Authenticate", SendOnceTransport.usualSpelling("www-authenticate"));
        assertEquals("Date", SendOnceTransport.usualSpelling("date"));
    }

    private static RawHttpStub.Answer lowerCase(int status, String json, String... headers) {
        byte[] bytes = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return (request, out) -> {
            String[] all = java.util.Arrays.copyOf(headers, headers.length + 2);
            all[headers.length] = "content-type: application/json";
            all[headers.length + 1] = "content-length: " + bytes.length;
            out.head("HTTP/1.1 " + status + " Stub", all);
            out.body(bytes);
        };
    }

    private void start(RawHttpStub.Answer answer) throws Exception {
        auth0 = new RawHttpStub("127.0.0.1", answer);
        client = new Auth0Client(ClientConfigs.patient(auth0.baseUrl()), Executors.defaultThreadFactory());
    }
}
