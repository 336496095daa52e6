package dev.mfastepup.sample;

import com.nimbusds.jwt.JWTClaimsSet;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The reports API: {@code GET /api/reports}. It stands for a separate resource server and knows nothing of the
 * sample's session; it accepts only a valid access token for {@value SampleConfig#REPORTS_AUDIENCE} with the scope
 * {@value SampleConfig#REPORTS_SCOPE} in {@code Authorization: Bearer}. Anything else: {@code 401} (or {@code 403}
 * for a missing scope) with a {@code WWW-Authenticate} header as RFC 6750 describes.
 */
@WebServlet("/api/reports")
public class ReportsApiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger logger = Logger.getLogger(ReportsApiServlet.class.getName());

    @Inject
    BearerTokenValidator validator;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String authorization = request.getHeader("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"reports\"");
            JsonResponses.write(response, 401, error("invalid_request", "An access token is required"));
            return;
        }
        JWTClaimsSet claims;
        try {
            claims = validator.validate(authorization.substring(7).strip());
        } catch (BearerTokenValidator.InvalidTokenException e) {
            logger.log(Level.INFO, "Refused an access token: {0}", e.getMessage());
            response.setHeader("WWW-Authenticate", "Bearer realm=\"reports\", error=\"invalid_token\"");
            JsonResponses.write(response, 401, error("invalid_token", e.getMessage()));
            return;
        }
        String scope = String.valueOf(claims.getClaim("scope"));
        if (!Arrays.asList(scope.split(" ")).contains(SampleConfig.REPORTS_SCOPE)) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"reports\", error=\"insufficient_scope\", scope=\""
                    + SampleConfig.REPORTS_SCOPE + "\"");
            JsonResponses.write(response, 403, error("insufficient_scope", "The token lacks " + SampleConfig.REPORTS_SCOPE));
            return;
        }
        JsonResponses.write(response, 200, report(claims.getSubject()));
    }

    private static JsonObject report(String subject) {
        return Json.createObjectBuilder()
                .add("title", "Quarterly revenue")
                .add("preparedFor", subject)
                .add("date", LocalDate.now().toString())
                .add("currency", "EUR")
                .add("rows", Json.createArrayBuilder()
                        .add(row("Q1", 1_204_500))
                        .add(row("Q2", 1_387_250))
                        .add(row("Q3", 1_298_900))
                        .add(row("Q4", 1_512_300)))
                .build();
    }

    private static JsonObject row(String quarter, long revenue) {
        return Json.createObjectBuilder().add("quarter", quarter).add("revenue", revenue).build();
    }

    private static JsonObject error(String code, String description) {
        return Json.createObjectBuilder().add("error", code).add("error_description", description).build();
    }
}
