package dev.mfastepup.overhead;

import jakarta.servlet.Filter;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Not measured: lets the benchmark script check, before it measures anything, which filters run under each path.
 * It answers the classes on its own call stack that are servlet filters, one space apart, in the order they were
 * called (outermost first): {@code MfaStepUpFilter} (with {@code HttpFilter}, its superclass) under
 * {@code /filtered/}, {@code NoOpFilter} under {@code /noop/}, none of them under {@code /plain/}.
 */
@WebServlet(urlPatterns = {"/filtered/chain", "/plain/chain", "/noop/chain"})
public class ChainServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        List<String> filters = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                .walk(frames -> frames.map(StackWalker.StackFrame::getDeclaringClass)
                        .filter(Filter.class::isAssignableFrom)
                        .map(Class::getName)
                        .distinct()
                        .collect(Collectors.toCollection(ArrayList::new)));
        Collections.reverse(filters);
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().println(filters.isEmpty() ? "none" : String.join(" ", filters));
    }
}
