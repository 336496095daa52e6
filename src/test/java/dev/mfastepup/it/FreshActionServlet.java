package dev.mfastepup.it;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Calls {@link FreshActionBean}: a page at {@code /approve}, an API at {@code /api/approve}. */
@WebServlet(urlPatterns = {"/approve", "/api/approve"})
public class FreshActionServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    FreshActionBean action;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String done = action.approve();
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write(done);
    }
}
