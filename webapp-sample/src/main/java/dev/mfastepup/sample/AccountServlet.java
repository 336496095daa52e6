package dev.mfastepup.sample;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The account's security settings, {@code /account/security}. Nothing here checks anything: the
 * {@code FreshSecondFactorFilter} mapped to {@code /account/*} in {@code web.xml} lets a request through only after a
 * second factor given within its window.
 */
@WebServlet("/account/security")
public class AccountServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        request.getRequestDispatcher("/WEB-INF/jsp/account.jsp").forward(request, response);
    }
}
