package dev.mfastepup.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mfastepup.ErrorCodes;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * F20: Auth0 answers a call with a redirect to another host (a second stub, on 127.0.0.2 and another port), for
 * every call the client makes and every redirect status. The client follows none: the other host receives no
 * connection at all, so no token, code or client secret goes there, and the caller gets "a redirect, not
 * followed", whatever the redirect's body says.
 */
class Auth0ClientRedirectTest {

    private static final List<Integer> REDIRECTS = List.of(301, 302, 303, 307, 308);

    /** What the other host would answer, each a success, so that a redirect followed would pass for one. */
    private static final Map<String, String> STOLEN = Map.of(
            "/mfa/authenticators", "[]",
            "/.well-known/jwks.json", "{\"keys\":[]}",
            "/oauth/token", "{\"access_token\":\"stolen\",\"token_type\":\"Bearer\",\"expires_in\":3600}",
            "/mfa/challenge", "{\"challenge_type\":\"otp\"}",
            "/mfa/associate", "{\"authenticator_type\":\"otp\",\"secret\":\"S\",\"barcode_uri\":\"otpauth://x\"}",
            "/mfa/authenticators/totp%7Cdev_1", "");

    private final CallThreads threads = new CallThreads();
    private RawHttpStub auth0;
    private RawHttpStub elsewhere;
    private Auth0Client client;

    static Stream<Arguments> redirects() {
        return ClientCalls.all().flatMap(call -> REDIRECTS.stream().map(status -> Arguments.of(call, status)));
    }

    @AfterEach
    void tearDown() throws Exception {
        client.close();
        auth0.close();
        elsewhere.close();
    }

    @ParameterizedTest(name = "{0}, HTTP {1}")
    @MethodSource("redirects")
    void f20WhenAuth0RedirectsToAnotherHostThenNothingGoesThere(ClientCalls.Call call, int status) throws Exception {
        elsewhere = new RawHttpStub("127.0.0.2", (request, out) -> {
            String path = request.split(" ")[1];
            RawHttpStub.fixed(STOLEN.get(path).isEmpty() ? 204 : 200, "application/json", STOLEN.get(path))
                    .write(request, out);
        });
        // The redirect's body reads as a step-up demand: were it taken for Auth0's answer, the grants would
        // return a result instead of failing.
        auth0 = new RawHttpStub("127.0.0.1", (request, out) -> RawHttpStub.fixed(status, "application/json",
                "{\"error\":\"mfa_required\",\"error_description\":\"Moved\",\"mfa_token\":\"from_a_redirect\"}",
                "Location: " + elsewhere.baseUrl() + request.split(" ")[1]).write(request, out));
        client = new Auth0Client(ClientConfigs.patient(auth0.baseUrl()), threads);

        IdpException e = assertThrows(IdpException.class, () -> call.call().accept(client));

        assertEquals(ErrorCodes.IDP_BAD_RESPONSE, e.code());
        assertEquals(status, e.status());
        assertEquals("Auth0 answered " + call.operation() + " with a redirect (HTTP " + status
                + "), which is not followed", e.getMessage());
        assertEquals(0, elsewhere.connections(), "connections to the redirect's target");
        assertEquals(1, auth0.requests().size(), "requests to Auth0: " + auth0.requests());
    }
}
