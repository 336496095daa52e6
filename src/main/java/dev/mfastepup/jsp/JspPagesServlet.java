package dev.mfastepup.jsp;

import dev.mfastepup.filter.MfaPages;
import dev.mfastepup.filter.PageSet;
import dev.mfastepup.pages.PageFailures;
import dev.mfastepup.pages.PageHeaders;
import dev.mfastepup.pages.PagesConfig;
import dev.mfastepup.service.MfaService;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Serves the JSP pages ({@code mfa-stepup.pages=jsp}): {@code /mfa/start}, {@code /mfa/code}, {@code /mfa/push},
 * {@code /mfa/enroll-app}, {@code /mfa/enroll-contact}, {@code /mfa/recovery}, {@code /mfa/recovery-code},
 * {@code /mfa/done} and {@code /mfa/error}. Each page prepares what its view shows and forwards to the view, a JSP
 * under {@code /mfa/jsp/} that nobody can ask for directly (the request guard answers {@code 404}). Every post
 * must carry the form token of its session and flow ({@link FormTokens}), or it is refused with {@code 403}
 * before any of its fields is read. Where the Faces pages are chosen, this servlet answers {@code 404}.
 *
 * <p>The jar registers it itself ({@link JspPagesInitializer}); the application needs no Faces servlet, no
 * {@code faces-config.xml}, nothing else.
 *
 * @since 0.2
 */
public class JspPagesServlet extends HttpServlet {

    /** The names of the pages below {@value MfaPages#PATH}, each mapped exactly. */
    public static final List<String> PAGES = List.of("start", "code", "push", "enroll-app", "enroll-contact",
            "recovery", "recovery-code", "done", "error");

    private static final long serialVersionUID = 1L;

    @Inject
    transient PagesConfig config;

    @Inject
    transient MfaService mfa;

    @Inject
    transient PageFailures failures;

    @Inject
    transient JspStart start;

    @Inject
    transient JspCode code;

    @Inject
    transient JspPush push;

    @Inject
    transient JspEnrollApp enrollApp;

    @Inject
    transient JspEnrollContact enrollContact;

    @Inject
    transient JspRecovery recovery;

    @Inject
    transient JspRecoveryCode recoveryCode;

    @Inject
    transient JspDone done;

    @Inject
    transient JspError error;

    private transient Map<String, JspPage> byName;

    /** Names the pages, once their beans are injected. */
    @Override
    public void init() {
        byName = Map.of("start", start, "code", code, "push", push, "enroll-app", enrollApp, "enroll-contact",
                enrollContact, "recovery", recovery, "recovery-code", recoveryCode, "done", done, "error", error);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        serve(request, response, false);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        serve(request, response, true);
    }

    /**
     * Hands the request to its page: a post only with the form token of its session and flow, and a page of a
     * flow only while the flow is there (else back to the application, or the "expired" page).
     */
    private void serve(HttpServletRequest request, HttpServletResponse response, boolean post)
            throws ServletException, IOException {
        JspPage page = page(request);
        if (page == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        PageHeaders.apply(request, response, config);
        JspExchange exchange = new JspExchange(request, response, mfa, failures);
        if (post && !FormTokens.valid(request.getSession(false), exchange.flowId(),
                request.getParameter(FormTokens.FIELD))) {
            error.refuseForm(exchange);
        } else if (!page.ofAFlow() || exchange.requireFlow()) {
            if (post) {
                page.act(exchange);
            } else {
                page.show(exchange);
            }
        }
        if (exchange.view() != null) {
            response.setContentType("text/html;charset=UTF-8");
            request.getRequestDispatcher(exchange.view()).forward(request, response);
        }
    }

    /** The page a request asks for, or {@code null} when there is none (or the Faces pages are chosen). */
    private JspPage page(HttpServletRequest request) {
        if (config.pageSet() != PageSet.JSP) {
            return null;
        }
        return byName.get(request.getServletPath().substring(MfaPages.PATH.length()));
    }
}
