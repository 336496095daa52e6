package dev.mfastepup.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.WireMockServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Properties;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The readiness check the jar brings to a server with MicroProfile Health: {@code UP} and not degraded while Auth0
 * answers, {@code UP} and degraded, with the tenant's breaker open, while Auth0 fails.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@PayaraOnly("the readiness endpoint is at /health/ready of the application's port on Payara Micro; WildFly serves it"
        + " on its management port, and the Open Liberty server of the run has no mpHealth feature")
class ReadinessIT {

    @ArquillianResource
    URL base;

    private final WireMockServer auth0 = Auth0Stub.server();

    @Deployment(testable = false)
    static WebArchive deployment() {
        Properties config = ItDeployments.config(Auth0Stub.baseUrl());
        config.setProperty("mfa-stepup.circuit-breaker.failures", "2");
        return ItDeployments.war("readiness-it.war", config);
    }

    @AfterAll
    static void stopAuth0() {
        Auth0Stub.stop();
    }

    @Test
    void auth0FailingMakesTheModuleDegradedButNeverDown() throws Exception {
        auth0.resetAll();
        JsonObject before = check().getJsonObject("data");
        assertEquals(1, before.size(), "nothing called yet: " + before);
        assertEquals("false", text(before.get("degraded")), before.toString());

        auth0.stubFor(post("/oauth/token").willReturn(aResponse().withStatus(503)));
        Browser browser = new Browser(base);
        assertEquals(200, browser.call("login", "sub", "auth0|ready", "rt", "RT-READY").status());
        browser.call("token", "audience", "https://reports.example.com");
        browser.call("token", "audience", "https://reports.example.com");

        JsonObject degraded = check();
        assertEquals("UP", degraded.getString("status"));
        assertEquals("true", text(degraded.getJsonObject("data").get("degraded")), degraded.toString());
        assertEquals("open", degraded.getJsonObject("data").getString("breaker." + ItDeployments.DOMAIN),
                degraded.toString());
    }

    /** A data value as text: Payara Micro writes every value as a string, others a boolean as a boolean. */
    private static String text(JsonValue value) {
        return value instanceof JsonString string ? string.getString() : String.valueOf(value);
    }

    /** The module's check in the server's readiness answer, which must be 200 (UP) all along. */
    private JsonObject check() throws IOException, InterruptedException {
        URI ready = URI.create(base.getProtocol() + "://" + base.getHost() + ":" + base.getPort() + "/health/ready");
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(ready).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        try (JsonReader reader = Json.createReader(new StringReader(answer.body()))) {
            return reader.readObject().getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                    .filter(check -> check.getString("name").equals("mfa-stepup-auth0")).findFirst()
                    .orElseThrow(() -> new AssertionError("no mfa-stepup-auth0 check in " + answer.body()));
        }
    }
}
