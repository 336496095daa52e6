package dev.mfastepup.it;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * A legacy route to the protected reports page through the server: {@code /via-forward} forwards to it and
 * {@code /via-include} includes it, so that the step-up filter, mapped for requests only, sees the page's token
 * request come out of a dispatch (SEC-39).
 */
@WebServlet(urlPatterns = {"/via-forward", "/via-include"})
public class DispatchingServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        if (request.getServletPath().equals("/via-forward")) {
            request.getRequestDispatcher("/reports").forward(request, response);
        } else {
            request.getRequestDispatcher("/reports").include(request, response);
        }
    }
}
