package dev.mfastepup.sample;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import dev.mfastepup.session.CachedAccessToken;
import dev.mfastepup.token.AccessTokenService;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.TreeMap;

/**
 * Shows the claims of the session's access token for the reports API: what the step-up got. The token itself is
 * never shown; its payload is decoded here without checking the signature (that is the API's job, see
 * {@link ReportsApiServlet}).
 */
@WebServlet("/claims")
public class ClaimsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    AccessTokenService accessTokens;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        // From the session once the step-up is done; before that, this steps the user up as the Reports page does.
        CachedAccessToken token = accessTokens.token(SampleConfig.REPORTS_AUDIENCE, SampleConfig.REPORTS_SCOPE);

        Map<String, String> claims = new TreeMap<>();
        try {
            JWTClaimsSet set = JWTParser.parse(token.value()).getJWTClaimsSet();
            set.getClaims().forEach((name, value) -> claims.put(name, display(value)));
        } catch (ParseException notAJwt) {
            claims.put("(not a JWT)", "the access token is opaque; only the API can read it");
        }
        request.setAttribute("claims", claims);
        request.setAttribute("expiresAt", token.expiresAt().toString());
        request.setAttribute("grantedScope", token.grantedScope());
        request.setAttribute("audience", SampleConfig.REPORTS_AUDIENCE);
        request.getRequestDispatcher("/WEB-INF/jsp/claims.jsp").forward(request, response);
    }

    private static String display(Object value) {
        if (value instanceof Date date) {
            Instant instant = date.toInstant();
            return instant.getEpochSecond() + " (" + instant + ")";
        }
        return String.valueOf(value);
    }
}
