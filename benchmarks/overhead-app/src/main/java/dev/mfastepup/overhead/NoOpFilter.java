package dev.mfastepup.overhead;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;

/**
 * The floor of the filter-overhead benchmark: a filter that does nothing but run the rest of the chain. {@code
 * web.xml} maps it under {@code /noop/} exactly as {@code MfaStepUpFilter} is mapped under {@code /filtered/}
 * (a path-prefix url-pattern, the default dispatcher type {@code REQUEST}, the only filter on its path), so that
 * the two differ only in what the filter itself does: {@code /filtered/page} ÷ {@code /noop/page} is what the
 * module adds to the least any filter costs in this container.
 */
public class NoOpFilter implements Filter {

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        chain.doFilter(request, response);
    }
}
