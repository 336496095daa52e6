package dev.mfastepup.client;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static dev.mfastepup.TestConfigs.DOMAIN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.mfastepup.Auth0Stubs;
import dev.mfastepup.client.model.AssociateRequest;
import dev.mfastepup.client.model.Authenticator;
import dev.mfastepup.client.model.EnrollmentResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An out-of-band channel in every shape Auth0 may send it, in the list and in the enrollment's answer: Auth0's
 * guides write {@code "oob_channel": "sms"}, its API reference types {@code oob_channels} as a string in one place
 * and an array in another, and its JavaScript SDK reads {@code "oob_channels": ["sms"]}. Read through the Rest
 * Client and JSON-B, as in a server.
 */
class ChannelShapesTest {

    @RegisterExtension
    static WireMockExtension auth0 = Auth0Stubs.server();

    private final Auth0Client client = new Auth0Client(ClientConfigs.patient(auth0.baseUrl()), new CallThreads());

    @AfterEach
    void close() {
        client.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "\"oob_channel\":\"sms\"",
        "\"oob_channel\":[\"sms\"]",
        "\"oob_channels\":\"sms\"",
        "\"oob_channels\":[\"sms\"]",
        "\"oob_channels\":[\"sms\",\"voice\"]",
        "\"oob_channel\":\"\",\"oob_channels\":\"sms\""})
    void aListedChannelIsReadInEachShape(String channel) {
        auth0.stubFor(get("/mfa/authenticators").willReturn(okJson("""
                [{"id":"sms|dev_1","authenticator_type":"oob","active":true,%s}]""".formatted(channel))));

        List<Authenticator> listed = client.listAuthenticators(DOMAIN, "raw");

        assertEquals("sms", listed.get(0).channel());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"oob_channels\":7", "\"oob_channels\":{\"x\":\"sms\"}", "\"oob_channels\":[7]",
        "\"oob_channels\":null", "\"oob_channels\":[]"})
    void aChannelOfNoPlausibleShapeIsNoChannelNotAFailure(String channel) {
        auth0.stubFor(get("/mfa/authenticators").willReturn(okJson("""
                [{"id":"x|dev_1","authenticator_type":"oob","active":true,%s},
                 {"id":"totp|dev_2","authenticator_type":"otp","active":true}]""".formatted(channel))));

        List<Authenticator> listed = client.listAuthenticators(DOMAIN, "raw");

        assertNull(listed.get(0).channel());
        assertEquals("totp|dev_2", listed.get(1).id());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"oob_channel\":\"sms\"", "\"oob_channel\":[\"sms\"]", "\"oob_channels\":\"sms\"",
        "\"oob_channels\":[\"sms\"]"})
    void anEnrollmentsChannelIsReadInEachShape(String channel) {
        auth0.stubFor(post("/mfa/associate").willReturn(okJson("""
                {"authenticator_type":"oob",%s,"oob_code":"oob_1","binding_method":"prompt"}""".formatted(channel))));

        EnrollmentResponse enrollment = client.associate(DOMAIN, "raw",
                new AssociateRequest(List.of("oob"), List.of("sms"), "+4915123456789", null));

        assertEquals("sms", enrollment.oobChannel());
        assertEquals("oob_1", enrollment.oobCode());
    }

    @Test
    void theSingularPropertyNamesTheChannelWhenBothAreSent() {
        auth0.stubFor(get("/mfa/authenticators").willReturn(okJson("""
                [{"id":"voice|dev_1","authenticator_type":"oob","active":true,
                  "oob_channel":"voice","oob_channels":["sms","voice"]}]""")));

        assertEquals("voice", client.listAuthenticators(DOMAIN, "raw").get(0).channel());
    }
}
