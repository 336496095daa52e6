package dev.mfastepup.overhead;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The measured page: the same static HTML of about 1 KB under three paths, {@code /filtered/page} (where
 * {@code web.xml} maps {@code MfaStepUpFilter}), {@code /noop/page} (where it maps {@link NoOpFilter} the same way)
 * and {@code /plain/page} (where nothing is mapped). It needs no token, opens no session and writes the same bytes
 * on all three, so that the only difference between them is the filter.
 */
@WebServlet(urlPatterns = {"/filtered/page", "/plain/page", "/noop/page"})
public class PageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private static final byte[] PAGE = page();

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/html;charset=UTF-8");
        response.setContentLength(PAGE.length);
        response.getOutputStream().write(PAGE);
    }

    private static byte[] page() {
        StringBuilder html = new StringBuilder(1100)
                .append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"UTF-8\">\n")
                .append("<title>Filter overhead</title>\n</head>\n<body>\n<h1>A page that needs no token</h1>\n");
        for (int i = 1; i <= 9; i++) {
            html.append("<p>Paragraph ").append(i)
                    .append(": the same static text under both paths, so that only the filter differs.</p>\n");
        }
        html.append("</body>\n</html>\n");
        return html.toString().getBytes(StandardCharsets.UTF_8);
    }
}
