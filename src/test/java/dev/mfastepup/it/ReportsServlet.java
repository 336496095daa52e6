package dev.mfastepup.it;

import dev.mfastepup.token.AccessTokenService;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * A legacy-style page of the test application: it needs a token for the reports API and does nothing about MFA.
 * {@code MfaStepUpFilter} does the rest. A GET shows the report; a POST is an action that needs the token too.
 * The token's tail is shown so that tests can tell which token the page got (stub values only).
 */
@WebServlet(urlPatterns = {"/reports", "/reports/*", "/api/report"})
public class ReportsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** The audience of the reports API in these tests. */
    static final String AUDIENCE = "https://reports.example.com";

    @Inject
    AccessTokenService accessTokens;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String token = accessTokens.get(AUDIENCE, "read:reports");
        if (request.getServletPath().startsWith("/api")) {
            response.setContentType("application/json;charset=UTF-8");
            response.getWriter().write("{\"report\":\"ok\",\"token\":\"" + token + "\"}");
            return;
        }
        response.setContentType("text/html;charset=UTF-8");
        response.getWriter().write("<!DOCTYPE html><html lang=\"en\"><head><title>Reports</title></head><body>"
                + "<h1 id=\"report\">Report " + escape(request.getParameter("id")) + "</h1>"
                + "<p id=\"token\">" + escape(token) + "</p>"
                + "<form method=\"post\" action=\"reports\"><button id=\"export\" type=\"submit\">Export</button></form>"
                + "</body></html>");
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        // Exporting needs a scope of its own, so that the post itself runs into the step-up.
        String token = accessTokens.get(AUDIENCE, "export:reports");
        response.setContentType("text/html;charset=UTF-8");
        response.getWriter().write("<!DOCTYPE html><html lang=\"en\"><body><p id=\"exported\">Exported with "
                + escape(token) + "</p></body></html>");
    }

    private static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
