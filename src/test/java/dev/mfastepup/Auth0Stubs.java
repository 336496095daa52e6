package dev.mfastepup;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

/** WireMock answers in Auth0's shapes, for the unit tests' stub Auth0. */
public final class Auth0Stubs {

    private Auth0Stubs() {
    }

    /** @return a WireMock server on 127.0.0.1 at a free port, for {@code @RegisterExtension}. */
    public static WireMockExtension server() {
        return WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();
    }

    /**
     * An Auth0 error answer.
     *
     * @param status the HTTP status.
     * @param error Auth0's {@code error} code.
     * @param description Auth0's {@code error_description}.
     * @return the answer.
     */
    public static ResponseDefinitionBuilder error(int status, String error, String description) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"" + error + "\",\"error_description\":\"" + description + "\"}");
    }

    /**
     * A non-JSON answer, as a gateway in front of Auth0 sends it.
     *
     * @param status the HTTP status.
     * @param body the HTML body.
     * @return the answer.
     */
    public static ResponseDefinitionBuilder html(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "text/html").withBody(body);
    }
}
