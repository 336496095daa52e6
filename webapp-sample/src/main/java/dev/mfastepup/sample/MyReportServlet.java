package dev.mfastepup.sample;

import dev.mfastepup.token.AccessTokenService;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET /api/my-report}: the JSON endpoint the Reports page calls with {@code fetch()}. It belongs to the
 * signed-in session, gets an access token for the reports API and passes the API's answer on.
 *
 * <p>Nothing here handles MFA. When a second factor is needed, {@link AccessTokenService#get} throws
 * {@code MfaRequiredException} and {@code MfaStepUpFilter} answers the script: {@code 401} with
 * {@code {"error":"mfa_required", ..., "mfa_url": ...}} (this path is under the filter's {@code apiPaths}).
 */
@WebServlet("/api/my-report")
public class MyReportServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    AccessTokenService accessTokens;

    @Inject
    ReportsApiClient reportsApi;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String token = accessTokens.get(SampleConfig.REPORTS_AUDIENCE, SampleConfig.REPORTS_SCOPE);
        ReportsApiClient.Answer answer;
        try {
            answer = reportsApi.fetchReport(request, token);
        } catch (IOException e) {
            JsonResponses.write(response, 502, Json.createObjectBuilder()
                    .add("error", "reports_api_unavailable")
                    .add("error_description", "The reports API could not be reached")
                    .build());
            return;
        }
        JsonResponses.write(response, answer.status(), answer.body());
    }
}
