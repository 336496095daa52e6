package dev.mfastepup.sample;

import dev.mfastepup.token.AccessTokenService;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Reports page. It needs an access token for the reports API, and the reports API needs MFA.
 *
 * <p>This is all the code a page needs: ask {@link AccessTokenService} for the token, before anything is
 * written to the response. The first time, Auth0 answers the refresh-token grant with {@code mfa_required};
 * the service throws {@code MfaRequiredException}, {@code MfaStepUpFilter} sends the browser to the MFA pages,
 * and after the second factor the browser is back here and the token comes from the session.
 */
@WebServlet("/reports")
public class ReportsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    AccessTokenService accessTokens;

    @Inject
    ReportsApiClient reportsApi;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String token = accessTokens.get(SampleConfig.REPORTS_AUDIENCE, SampleConfig.REPORTS_SCOPE);

        try {
            ReportsApiClient.Answer answer = reportsApi.fetchReport(request, token);
            if (answer.ok()) {
                request.setAttribute("report", view(answer.body()));
            } else {
                request.setAttribute("apiStatus", answer.status());
                request.setAttribute("apiError", answer.body().getString("error", "error")
                        + ": " + answer.body().getString("error_description", ""));
            }
        } catch (IOException unreachable) {
            // The API did not answer (in time): a page that says so, with 503, rather than the server's 500.
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            response.setHeader("Retry-After", "5");
            request.setAttribute("apiUnreachable", true);
        }
        request.getRequestDispatcher("/WEB-INF/jsp/reports.jsp").forward(request, response);
    }

    /** The report as maps and lists, which JSP's EL reads without quotes around strings. */
    private static Map<String, Object> view(JsonObject report) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("title", report.getString("title", ""));
        view.put("preparedFor", report.getString("preparedFor", ""));
        view.put("date", report.getString("date", ""));
        view.put("currency", report.getString("currency", ""));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (JsonValue value : report.getJsonArray("rows")) {
            JsonObject row = value.asJsonObject();
            rows.add(Map.of("quarter", row.getString("quarter"),
                    "revenue", String.format("%,d", row.getJsonNumber("revenue").longValue())));
        }
        view.put("rows", rows);
        return view;
    }
}
