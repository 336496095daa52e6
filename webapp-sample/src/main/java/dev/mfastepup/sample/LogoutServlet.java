package dev.mfastepup.sample;

import dev.mfastepup.token.AccessTokenService;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

/**
 * Signs out: forgets the tokens mfa-stepup holds, ends the local session, then ends the session at Auth0, which
 * sends the browser back to {@code /signed-out.html}.
 *
 * <p>Ending the session is enough to sign out here: with {@code useSession = true} Jakarta Security keeps the login
 * in it. {@code request.logout()} is not called, because Jakarta Security's OpenID Connect mechanism (Soteria 3 on
 * Payara 6) answers it with a redirect of its own, by default straight into a new login.
 */
@WebServlet("/logout")
public class LogoutServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    AccessTokenService accessTokens;

    @Inject
    SampleConfig config;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        accessTokens.forget();
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        String base = request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort()
                + request.getContextPath();
        response.sendRedirect(config.logoutUrl(base + "/signed-out.html"));
    }
}
