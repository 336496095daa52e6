package dev.mfastepup.emulator;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Injects the faults set through {@code POST /__test/faults}, before the request reaches the endpoint. It never
 * reads request parameters, so the endpoint still gets the body.
 */
@WebFilter("/*")
public class FaultFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Inject
    transient Tenant tenant;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/__test")) {
            chain.doFilter(request, response);
            return;
        }
        for (Fault fault : tenant.state().takeFaults(path)) {
            switch (fault.kind()) {
                case "latency" -> sleep(fault.millis());
                case "status500" -> {
                    response.setStatus(500);
                    response.setContentType("application/json");
                    response.getOutputStream().write(
                            "{\"error\":\"server_error\",\"error_description\":\"Injected fault\"}"
                                    .getBytes(StandardCharsets.UTF_8));
                    return;
                }
                case "html" -> {
                    response.setStatus(502);
                    response.setContentType("text/html;charset=UTF-8");
                    response.getOutputStream().write(("<html><body><h1>502 Bad Gateway</h1>"
                            + "<p>Injected fault</p></body></html>").getBytes(StandardCharsets.UTF_8));
                    return;
                }
                case "reset" -> {
                    // The servlet API cannot abort a socket; promising more bytes than are sent makes the server
                    // close the connection mid-answer, which a client sees as a broken connection.
                    response.setStatus(200);
                    response.setContentType("application/json");
                    response.setContentLength(4096);
                    response.getOutputStream().write("{\"access_tok".getBytes(StandardCharsets.UTF_8));
                    response.flushBuffer();
                    throw new IOException("Injected connection reset");
                }
                default -> {
                    // unknown kinds are refused when they are set
                }
            }
        }
        chain.doFilter(request, response);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(Math.max(0, millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
