package dev.mfastepup.it;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Shows the test what {@link AuditedVerification} recorded, as a JSON array of strings. */
@WebServlet("/audit")
public class AuditServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    VerificationAudit audit;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonArrayBuilder entries = Json.createArrayBuilder();
        audit.entries().forEach(entries::add);
        response.setContentType("application/json;charset=UTF-8");
        response.getOutputStream().write(entries.build().toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        doGet(request, response);
    }
}
