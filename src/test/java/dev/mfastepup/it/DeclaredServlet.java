package dev.mfastepup.it;

import dev.mfastepup.filter.MfaStepUpFilter;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** A page with no MFA code at all: the filter's declarative mapping puts the token in a request attribute. */
@WebServlet("/declared/report")
public class DeclaredServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write("token=" + request.getAttribute(MfaStepUpFilter.ATTRIBUTE_ACCESS_TOKEN));
    }
}
