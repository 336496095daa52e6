package dev.mfastepup.emulator;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Counts the time of every answer in {@link Timings}, except those of the test hooks, which are not part of any
 * flow being measured.
 */
@WebFilter("/*")
public class TimingFilter extends HttpFilter {

    /**
     * The request attribute an endpoint sets to split its figures further; the token endpoint sets the grant type.
     */
    public static final String DETAIL_ATTRIBUTE = TimingFilter.class.getName() + ".detail";

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
        long start = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            Object detail = request.getAttribute(DETAIL_ATTRIBUTE);
            tenant.timings().record(detail == null ? path : path + " " + detail, System.nanoTime() - start);
        }
    }
}
