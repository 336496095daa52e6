package dev.mfastepup.sample;

import dev.mfastepup.downstream.StepUpChallenges;
import dev.mfastepup.token.AccessTokenService;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The Approvals page: it calls {@link ApprovalsApiServlet}, which wants a recent second factor given at Universal
 * Login. The page does nothing about it but hand the API's answer to {@code StepUpChallenges.check}: an RFC 9470
 * challenge becomes a step-up through Universal Login with the API's {@code acr_values} and {@code max_age}, and the
 * user comes back here, where the call is made again with the new token.
 */
@WebServlet("/approvals")
public class ApprovalsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Inject
    AccessTokenService accessTokens;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String token = accessTokens.get(SampleConfig.REPORTS_AUDIENCE, SampleConfig.REPORTS_SCOPE);
        URI api = URI.create("http://127.0.0.1:" + request.getLocalPort() + request.getContextPath()
                + "/api/approvals");
        HttpResponse<String> answer;
        try {
            answer = http.send(HttpRequest.newBuilder(api).timeout(Duration.ofSeconds(5))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while calling the approvals API", interrupted);
        }
        StepUpChallenges.check(answer, SampleConfig.REPORTS_AUDIENCE, SampleConfig.REPORTS_SCOPE);
        try (JsonReader reader = Json.createReader(new StringReader(answer.body()))) {
            JsonObject body = reader.readObject();
            request.setAttribute("apiStatus", answer.statusCode());
            request.setAttribute("approved", body.getString("approved", null));
            request.setAttribute("apiError", body.getString("error_description", null));
        }
        request.getRequestDispatcher("/WEB-INF/jsp/approvals.jsp").forward(request, response);
    }
}
