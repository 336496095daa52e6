package dev.mfastepup.overhead;

import dev.mfastepup.token.OverheadStepUps;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Not measured: lets the benchmark script check, before it measures anything, that the filter really runs under
 * {@code /filtered/} and not under {@code /plain/} or {@code /noop/}. It throws what {@code AccessTokenService}
 * throws when Auth0 asks for MFA (no session, no call to Auth0): under {@code /filtered/} the filter answers
 * {@code 303 See Other} to {@code /overhead/mfa/index.xhtml?flow=overhead-check}; under {@code /plain/} and
 * {@code /noop/} (where {@link NoOpFilter} lets it pass) the container answers {@code 500}.
 */
@WebServlet(urlPatterns = {"/filtered/check", "/plain/check", "/noop/check"})
public class CheckServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) {
        throw OverheadStepUps.required("overhead-check");
    }
}
