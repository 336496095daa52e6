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

/** Shows the test what {@link StepUpEventLog}'s observers saw: {@code {"sync":[...],"async":[...]}}. */
@WebServlet("/events")
public class StepUpEventServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    StepUpEventLog log;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonArrayBuilder sync = Json.createArrayBuilder();
        log.sync().forEach(sync::add);
        JsonArrayBuilder async = Json.createArrayBuilder();
        log.async().forEach(async::add);
        response.setContentType("application/json;charset=UTF-8");
        response.getOutputStream().write(Json.createObjectBuilder().add("sync", sync).add("async", async).build()
                .toString().getBytes(StandardCharsets.UTF_8));
    }
}
