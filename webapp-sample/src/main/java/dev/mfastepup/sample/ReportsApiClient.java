package dev.mfastepup.sample;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Calls the reports API with an access token, server side, as the application would call any API behind Auth0.
 * Here the API is in the same application ({@link ReportsApiServlet}), reached over loopback HTTP.
 */
@ApplicationScoped
public class ReportsApiClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * Fetches the report.
     *
     * @param request the current request, to find this application's own address.
     * @param accessToken the access token for the reports API.
     * @return the API's answer.
     * @throws IOException when the API cannot be reached.
     */
    public Answer fetchReport(HttpServletRequest request, String accessToken) throws IOException {
        URI uri = URI.create("http://127.0.0.1:" + request.getLocalPort() + request.getContextPath() + "/api/reports");
        HttpRequest call = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(5))
                .header("Authorization", "Bearer " + accessToken)
                .header("Accept", "application/json")
                .GET()
                .build();
        try {
            HttpResponse<String> answer = http.send(call, HttpResponse.BodyHandlers.ofString());
            try (JsonReader reader = Json.createReader(new StringReader(answer.body()))) {
                return new Answer(answer.statusCode(), reader.readObject());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while calling the reports API", e);
        } catch (RuntimeException notJson) {
            throw new IOException("The reports API did not answer with JSON", notJson);
        }
    }

    /**
     * The reports API's answer.
     *
     * @param status the HTTP status.
     * @param body the JSON body: the report, or {@code error} and {@code error_description}.
     */
    public record Answer(int status, JsonObject body) {

        public boolean ok() {
            return status == 200;
        }
    }
}
