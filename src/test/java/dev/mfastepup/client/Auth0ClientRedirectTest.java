package dev.mfastepup.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.mfastepup.Auth0Stubs;
import dev.mfastepup.TestConfigs;
import dev.mfastepup.config.MfaStepUpConfig;
import java.time.Duration;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * F20 and SEC-34 for calls without a body: a redirect of Auth0's answer to a GET (the authenticator list, which
 * carries the mfa_token as a bearer token, and the key set) is not followed. A POST is not followed in any case,
 * because its body is streamed; a GET would be, but for the client's setting.
 */
class Auth0ClientRedirectTest {

    @RegisterExtension
    static WireMockExtension auth0 = Auth0Stubs.server();

    private Auth0Client client;

    @BeforeEach
    void setUp() {
        // Generous timeouts: this is about where a request goes, not how fast, on a machine of any load.
        MfaStepUpConfig test = TestConfigs.config(auth0.baseUrl());
        client = new Auth0Client(new MfaStepUpConfig(test.domain(), test.clientId(), test.clientSecret(),
                test.secrets(), test.contextTtl(), Duration.ofSeconds(30), Duration.ofSeconds(60),
                Duration.ofSeconds(60), test.baseUrl(), test.tokenRefreshMargin(), test.maxConcurrentCalls(),
                test.limitsStore()), Executors.defaultThreadFactory());
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    @Test
    void f20ListAuthenticatorsWhenRedirectedThenNotFollowedAndTheTokenNotSentThere() {
        auth0.stubFor(get("/elsewhere").willReturn(okJson("[]")));
        auth0.stubFor(get("/mfa/authenticators").willReturn(aResponse().withStatus(302)
                .withHeader("Location", auth0.baseUrl() + "/elsewhere")));

        assertThrows(IdpException.class, () -> client.listAuthenticators(TestConfigs.DOMAIN, "MFATOK-CANARY-20"));

        auth0.verify(0, anyRequestedFor(urlEqualTo("/elsewhere")));
    }

    @Test
    void f20KeySetWhenRedirectedThenNotFollowed() {
        auth0.stubFor(get("/elsewhere").willReturn(okJson("{\"keys\":[]}")));
        auth0.stubFor(get("/.well-known/jwks.json").willReturn(aResponse().withStatus(301)
                .withHeader("Location", auth0.baseUrl() + "/elsewhere")));

        assertThrows(IdpException.class, () -> client.keySet(TestConfigs.DOMAIN));

        auth0.verify(0, anyRequestedFor(urlEqualTo("/elsewhere")));
    }
}
