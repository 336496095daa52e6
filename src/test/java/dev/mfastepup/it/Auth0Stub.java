package dev.mfastepup.it;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.common.Notifier;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.mfastepup.testing.FaultyTokenEndpoint;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Auth0, played by WireMock on 127.0.0.1 and a free port. It is started by the first {@link #server()} call,
 * which has to happen before the test WAR is built, because the WAR's configuration names its port.
 */
final class Auth0Stub {

    /** The grant type of the OTP verification. */
    static final String GRANT_MFA_OTP = "http://auth0.com/oauth/grant-type/mfa-otp";

    private static final FaultyTokenEndpoint FAULTY_TOKEN_ENDPOINT = new FaultyTokenEndpoint();
    private static final HeldAnswers HELD_ANSWERS = new HeldAnswers();

    private static WireMockServer server;

    private Auth0Stub() {
        // static only
    }

    /**
     * Returns the running stub, starting it on first use.
     *
     * @return the stub.
     */
    static synchronized WireMockServer server() {
        if (server == null) {
            server = new WireMockServer(options()
                    .bindAddress("127.0.0.1")
                    .dynamicPort()
                    .notifier(new StandardErrorNotifier())
                    .extensions(FAULTY_TOKEN_ENDPOINT, HELD_ANSWERS));
            server.start();
        }
        return server;
    }

    /**
     * Returns the transformer that answers grants with random faults (F23), registered with the stub under
     * {@link FaultyTokenEndpoint#NAME}.
     *
     * @return the transformer, to configure before stubbing with it.
     */
    static FaultyTokenEndpoint faultyTokenEndpoint() {
        return FAULTY_TOKEN_ENDPOINT;
    }

    /**
     * Returns the transformer that holds requests until the test releases them (a hung Auth0, F2), registered
     * with the stub under {@link HeldAnswers#NAME}.
     *
     * @return the transformer.
     */
    static HeldAnswers heldAnswers() {
        return HELD_ANSWERS;
    }

    /**
     * Returns the stub's base URL, as the library's {@code mfa-stepup.base-url}.
     *
     * @return {@code http://127.0.0.1:<port>/}.
     */
    static String baseUrl() {
        return "http://127.0.0.1:" + server().port() + "/";
    }

    /** Stops the stub. */
    static synchronized void stop() {
        if (server != null) {
            HELD_ANSWERS.releaseAll();
            server.stop();
            server = null;
        }
    }

    /**
     * Decodes the form body of a logged request.
     *
     * @param request a request from the journal.
     * @return the parameters, in order; a repeated parameter keeps its last value.
     */
    static Map<String, String> form(LoggedRequest request) {
        Map<String, String> form = new LinkedHashMap<>();
        String body = request.getBodyAsString();
        if (body == null || body.isEmpty()) {
            return form;
        }
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            form.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return form;
    }

    /**
     * Stubs the Auth0 of a user who has one authenticator app ({@code totp|dev_1}) and whose every refresh grant
     * is answered {@code mfa_required} for OTP: any page that needs a token starts a step-up.
     *
     * @param auth0 the stub server, reset by the caller.
     * @param mfaToken the {@code mfa_token} Auth0 hands out.
     */
    static void stubAppUserWhoMustStepUp(WireMockServer auth0, String mfaToken) {
        auth0.stubFor(WireMock.post("/oauth/token").withRequestBody(WireMock.containing("grant_type=refresh_token"))
                .willReturn(WireMock.aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                        .withBody(mfaRequired(mfaToken, "otp"))));
        auth0.stubFor(WireMock.get("/mfa/authenticators").willReturn(WireMock.okJson(
                "[{\"id\":\"totp|dev_1\",\"authenticator_type\":\"otp\",\"active\":true}]")));
    }

    /**
     * Returns an {@code mfa_required} answer as Auth0 sends it.
     *
     * @param mfaToken the {@code mfa_token}.
     * @param challengeType the one allowed challenge type.
     * @return the JSON body.
     */
    static String mfaRequired(String mfaToken, String challengeType) {
        return "{\"error\":\"mfa_required\",\"error_description\":\"Multifactor authentication required\","
                + "\"mfa_token\":\"" + mfaToken + "\","
                + "\"mfa_requirements\":{\"challenge\":[{\"type\":\"" + challengeType + "\"}]}}";
    }

    /**
     * Returns a token answer.
     *
     * @param accessToken the access token.
     * @return the JSON body.
     */
    static String tokens(String accessToken) {
        return "{\"access_token\":\"" + accessToken + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}";
    }

    /** WireMock's messages (near misses include request bodies) go to standard error, not into the server log copy. */
    private static final class StandardErrorNotifier implements Notifier {

        @Override
        public void info(String message) {
            // quiet
        }

        @Override
        public void error(String message) {
            System.err.println("[auth0-stub] " + message);
        }

        @Override
        public void error(String message, Throwable t) {
            System.err.println("[auth0-stub] " + message + ": " + t);
        }
    }
}
