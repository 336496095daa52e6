package dev.mfastepup.jsp;

import dev.mfastepup.Factor;
import dev.mfastepup.event.SecurityLog;
import dev.mfastepup.filter.MfaPages;
import dev.mfastepup.filter.PageSet;
import dev.mfastepup.filter.ReturnPaths;
import dev.mfastepup.hosted.UniversalLoginServlet;
import dev.mfastepup.pages.ErrorReason;
import dev.mfastepup.pages.FailureAnswer;
import dev.mfastepup.pages.PageLinks;
import dev.mfastepup.pages.PageFailures;
import dev.mfastepup.pages.PageTexts;
import dev.mfastepup.pages.QrCodes;
import dev.mfastepup.service.MfaService;
import dev.mfastepup.service.StepUpFlow;
import dev.mfastepup.service.VerifyResult;
import dev.mfastepup.session.PendingStepUp.ReturnTo;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One request to a JSP page: its flow, its texts, the messages it shows, and its answer, which is either a view
 * rendered or a {@code 303} to another page. What the JSP pages share, as {@code MfaPageBean} and
 * {@code MfaNavigation} are for the Faces pages; the flow's logic stays in {@link MfaService}.
 */
final class JspExchange {

    /** The folder of the views in the jar ({@code META-INF/resources}); an application overrides one by path. */
    static final String VIEWS = MfaPages.PATH + "jsp/";

    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final MfaService mfa;
    private final PageFailures failures;
    private final PageTexts texts;
    private final String flowId;
    private final List<String> messages = new ArrayList<>();
    private Optional<StepUpFlow> flow;
    private boolean answered;
    private String view;

    JspExchange(HttpServletRequest request, HttpServletResponse response, MfaService mfa, PageFailures failures) {
        this.request = request;
        this.response = response;
        this.mfa = mfa;
        this.failures = failures;
        this.texts = PageTexts.of(request);
        String param = request.getParameter(MfaPages.PARAM_FLOW);
        this.flowId = param == null ? "" : param;
    }

    /** The flow id of the request: a query parameter on GET, a hidden field on POST; empty when there is none. */
    String flowId() {
        return flowId;
    }

    /** The flow as the request found it, loaded once: an action may end it. */
    Optional<StepUpFlow> flow() {
        if (flow == null) {
            flow = mfa.flow(flowId);
        }
        return flow;
    }

    ReturnTo returnTo() {
        return flow().map(StepUpFlow::returnTo).orElse(null);
    }

    String param(String name) {
        return request.getParameter(name);
    }

    /** Tells whether the form was sent with a button of this name. */
    boolean pressed(String button) {
        return request.getParameter(button) != null;
    }

    HttpServletRequest request() {
        return request;
    }

    PageTexts texts() {
        return texts;
    }

    /** Whether the request has its answer: a view or a redirect. */
    boolean answered() {
        return answered;
    }

    /**
     * Tells whether the flow is there; else answers: back to the application when it was completed lately (in
     * another tab, or before a reload), the "expired" page when it is gone.
     */
    boolean requireFlow() {
        if (flow().isPresent()) {
            return true;
        }
        show(failures.gone(flowId));
        return false;
    }

    /** Shows a failure as {@link PageFailures} decides; the page renders itself again when the answer is to stay. */
    FailureAnswer fail(RuntimeException failure, String field, String inputErrorKey) {
        FailureAnswer answer = failures.answer(failure, new PageFailures.Step(flowId, returnTo(), field,
                inputErrorKey, request));
        show(answer);
        return answer;
    }

    void show(FailureAnswer answer) {
        if (answer instanceof FailureAnswer.Completed completed) {
            finish(completed.returnTo());
        } else if (answer instanceof FailureAnswer.ToError error) {
            toError(error.reason(), error.returnTo(), error.detail());
        } else if (answer instanceof FailureAnswer.ToStart) {
            toPage("index", flowId);
        } else if (answer instanceof FailureAnswer.ToUniversalLogin universalLogin) {
            redirect(UniversalLoginServlet.startPath(universalLogin.flowId()));
        } else if (answer instanceof FailureAnswer.Stay stay) {
            if (stay.status() > 0) {
                response.setStatus(stay.status());
            }
            Duration retryAfter = stay.retryAfter();
            if (retryAfter != null) {
                response.setHeader("Retry-After", Long.toString(Math.max(1, retryAfter.toSeconds())));
            }
            message(stay.key());
        }
    }

    /** Adds a message for the page's message list. */
    void message(String key, Object... arguments) {
        messages.add(texts.text(key, arguments));
    }

    /** Sets the status of the answer, such as {@code 405} for a post to a page without a form. */
    void status(int status) {
        response.setStatus(status);
    }

    /** Sets a header of the answer. */
    void header(String name, String value) {
        response.setHeader(name, value);
    }

    /** Moves on after a verification: the next factor, the new recovery code (shown once), or the application. */
    void onVerified(VerifyResult result) {
        if (result instanceof VerifyResult.AnotherFactorRequired another) {
            toPage("index", another.next().flowId());
            return;
        }
        ReturnTo destination = PageLinks.destination(result, returnTo());
        if (result instanceof VerifyResult.Verified verified && verified.recoveryCode().isPresent()) {
            showRecoveryCode(verified.recoveryCode().get(), destination, verified.factor() == Factor.RECOVERY_CODE);
        } else {
            finish(destination);
        }
    }

    /** Renders the new recovery code, in this answer only: it is kept nowhere. */
    private void showRecoveryCode(String code, ReturnTo destination, boolean replacesUsedCode) {
        set("recoveryCode", QrCodes.grouped(code));
        set("replacement", replacesUsedCode);
        set("returnPath", destination == null ? "/" : destination.path());
        set("repeatAction", destination != null && destination.repeatAction());
        render("recovery-code", "");
    }

    /** Back to the application, or to the "repeat your action" page after an interrupted form post. */
    void finish(ReturnTo destination) {
        redirect(PageLinks.completed(PageSet.JSP, destination));
    }

    /** Goes to a page of the set for a flow, such as {@code code}. */
    void toPage(String page, String flow) {
        redirect(PageSet.JSP.page(page) + "?" + MfaPages.PARAM_FLOW + "=" + encode(flow));
    }

    /** Goes to the error page, with where "start again" leads and the request's correlation id. */
    void toError(ErrorReason reason, ReturnTo destination, String detail) {
        redirect(PageLinks.error(PageSet.JSP, reason, destination, detail, SecurityLog.correlation(request)));
    }

    /** Redirects with {@code 303} to a context-relative path, checked by {@link ReturnPaths#safePath(String)}. */
    void redirect(String contextRelativePath) {
        String safe = ReturnPaths.safePath(contextRelativePath).orElse("/");
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        // Not encodeRedirectURL: a session id must never travel in a URL.
        response.setHeader("Location", request.getContextPath() + safe);
        answered = true;
    }

    /** Sets a value for the view. */
    void set(String name, Object value) {
        request.setAttribute(name, value);
    }

    /** Renders a view of this page's flow. */
    void render(String view) {
        render(view, flowId);
    }

    /**
     * Renders a view once the page is done: {@code /mfa/jsp/<view>.jsp}, with what every view shows (the texts,
     * the language, the messages, the flow and the form's token).
     *
     * @param view the view's name.
     * @param formFlowId the flow the view's form is bound to: empty for a form outside a flow, {@code null} for a
     *        view without a form.
     */
    void render(String view, String formFlowId) {
        set("texts", texts.asMap());
        set("lang", texts.locale().getLanguage());
        set("messages", List.copyOf(messages));
        set("flowId", formFlowId == null ? "" : formFlowId);
        if (formFlowId != null) {
            // Only a page with a form needs the token, and the session that holds its key.
            set("csrf", FormTokens.token(request.getSession(), formFlowId));
            set("csrfField", FormTokens.FIELD);
        }
        set("contextPath", request.getContextPath());
        this.view = VIEWS + view + ".jsp";
        answered = true;
    }

    /** The view to forward to, once the page is done; {@code null} after a redirect. */
    String view() {
        return view;
    }

    /** A query parameter's value, encoded. */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Returns a label of a factor for a list, with the authenticator's name when it has one. */
    String label(Factor factor, String name) {
        String text = texts.text("factor." + factor.wireName());
        return name == null || name.isEmpty() ? text : text + " · " + name;
    }

    /** A list entry for a view: EL reads maps without any bean conventions. */
    static Map<String, Object> entry(Object... keysAndValues) {
        Map<String, Object> entry = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            entry.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return entry;
    }
}
