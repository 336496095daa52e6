package dev.mfastepup.sample;

import com.nimbusds.jwt.JWTClaimsSet;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;

/**
 * The approvals API: {@code GET /api/approvals}, a resource server that wants more than the reports API. Besides a
 * valid token for the reports audience, it wants the token to show a second factor given at Universal Login
 * ({@code acr}: Auth0's multi-factor policy) within the last {@value #MAX_AGE_SECONDS} seconds
 * ({@code auth_time}). A token without them gets RFC 9470's answer: {@code 401} with
 * {@code Bearer error="insufficient_user_authentication", acr_values="...", max_age=...}, which the application
 * turns into a step-up ({@code StepUpChallenges}).
 */
@WebServlet("/api/approvals")
public class ApprovalsApiServlet extends HttpServlet {

    /** How recent the login must be. */
    static final long MAX_AGE_SECONDS = 300;
    static final String MULTI_FACTOR = "http://schemas.openid.net/pape/policies/2007/06/multi-factor";

    private static final long serialVersionUID = 1L;

    @Inject
    BearerTokenValidator validator;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String authorization = request.getHeader("Authorization");
        JWTClaimsSet claims;
        try {
            if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                throw new BearerTokenValidator.InvalidTokenException("An access token is required");
            }
            claims = validator.validate(authorization.substring(7).strip());
        } catch (BearerTokenValidator.InvalidTokenException invalid) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"approvals\", error=\"invalid_token\"");
            JsonResponses.write(response, 401, error("invalid_token", invalid.getMessage()));
            return;
        }
        if (!MULTI_FACTOR.equals(claims.getClaim("acr")) || !recent(claims)) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"approvals\","
                    + " error=\"insufficient_user_authentication\","
                    + " error_description=\"A recent second factor is required\", acr_values=\"" + MULTI_FACTOR
                    + "\", max_age=" + MAX_AGE_SECONDS);
            JsonResponses.write(response, 401, error("insufficient_user_authentication",
                    "A recent second factor is required"));
            return;
        }
        JsonResponses.write(response, 200, Json.createObjectBuilder()
                .add("approved", "Payment run 2026-12 (3 payments, EUR 48,210.00)")
                .add("approvedBy", claims.getSubject())
                .build());
    }

    private static boolean recent(JWTClaimsSet claims) {
        try {
            Date authTime = claims.getDateClaim("auth_time");
            return authTime != null
                    && !authTime.toInstant().plusSeconds(MAX_AGE_SECONDS).isBefore(Instant.now());
        } catch (ParseException notADate) {
            return false;
        }
    }

    private static jakarta.json.JsonObject error(String code, String description) {
        return Json.createObjectBuilder().add("error", code).add("error_description", description).build();
    }
}
