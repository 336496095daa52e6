package dev.mfastepup.faces;

import dev.mfastepup.Factor;
import dev.mfastepup.filter.MfaPages;
import dev.mfastepup.filter.PageSet;
import dev.mfastepup.pages.FailureAnswer;
import dev.mfastepup.pages.PageLinks;
import dev.mfastepup.pages.PageFailures;
import dev.mfastepup.service.MfaService;
import dev.mfastepup.service.StepUpFlow;
import dev.mfastepup.service.UniversalLoginStepUp;
import dev.mfastepup.service.VerifyResult;
import dev.mfastepup.session.PendingStepUp.ReturnTo;
import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * What every page of a step-up flow shares: the flow id from the request (a query parameter on GET, a hidden field
 * on POST), the flow itself, and one place that turns failures into a message on the page or an error page. The
 * page beans stay small; the logic is in {@link MfaService}.
 */
abstract class MfaPageBean {

    /** The id of the input where a code is typed, on every page that has one. */
    static final String CODE_FIELD = PageFailures.CODE_FIELD;

    @Inject
    MfaService mfa;

    @Inject
    MfaLocale locale;

    @Inject
    RecoveryCodePage recoveryCodePage;

    @Inject
    UniversalLoginStepUp universalLogin;

    @Inject
    PageFailures failures;

    private String flowId;
    private Optional<StepUpFlow> flow;

    @PostConstruct
    void readFlowId() {
        String param = FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap()
                .get(MfaPages.PARAM_FLOW);
        flowId = param == null ? "" : param;
        // The flow as the request found it: an action may end it (a code past the flow's limit, Auth0 saying its
        // token expired), and the error page's "start again" must still lead back to the page that asked for it.
        flow();
    }

    /**
     * Returns the opaque flow id of this page, for links and hidden fields.
     *
     * @return the flow id, or empty.
     */
    public String getFlowId() {
        return flowId;
    }

    void setFlowId(String flowId) {
        this.flowId = flowId;
        this.flow = null;
    }

    /** The flow, loaded once per request; empty when there is no such flow (any more). */
    Optional<StepUpFlow> flow() {
        if (flow == null) {
            flow = mfa.flow(flowId);
        }
        return flow;
    }

    /**
     * The view action of every page of a flow: a flow completed lately leads back to the application, any other
     * flow that is gone to the "expired" page.
     */
    public void requireFlow() {
        if (flow().isEmpty()) {
            show(failures.gone(flowId));
        }
    }

    /**
     * The same check on a postback, before the form is validated: a choice between authenticators that are no
     * longer listed (the flow was completed in another tab, say) would otherwise fail validation and show the page
     * again instead of leaving it.
     */
    public void requireFlowOnPostback() {
        if (FacesContext.getCurrentInstance().isPostback()) {
            requireFlow();
        }
    }

    /**
     * Goes back to the choice of methods.
     *
     * @return {@code null}: the user is redirected.
     */
    public String tryAnother() {
        MfaNavigation.toPage("index.xhtml", flowId);
        return null;
    }

    ReturnTo returnTo() {
        return flow().map(StepUpFlow::returnTo).orElse(null);
    }

    /** Moves on after a successful verification. Returns the outcome for Faces (a forward), or null. */
    String onVerified(VerifyResult result) {
        if (result instanceof VerifyResult.AnotherFactorRequired another) {
            MfaNavigation.toPage("index.xhtml", another.next().flowId());
            return null;
        }
        ReturnTo destination = PageLinks.destination(result, returnTo());
        if (result instanceof VerifyResult.Verified verified && verified.recoveryCode().isPresent()) {
            recoveryCodePage.show(verified.recoveryCode().get(), destination,
                    verified.factor() == Factor.RECOVERY_CODE);
            return MfaPages.PATH + "recovery-code.xhtml";
        }
        return finish(destination);
    }

    /** Back to the application, or to the "repeat your action" page after an interrupted form post. */
    static String finish(ReturnTo destination) {
        MfaNavigation.redirect(PageLinks.completed(PageSet.FACES, destination));
        return null;
    }

    /**
     * Shows a failure as {@link PageFailures} decides: on the page for what the user can fix (a wrong or malformed
     * code, Auth0 briefly away), on the error page for what ends the flow (expired, locked, another user).
     *
     * @param failure what the service threw.
     * @param field the id of the input the message belongs to, or {@code null} for the page.
     * @return the answer, shown already.
     */
    FailureAnswer fail(RuntimeException failure, String field) {
        FailureAnswer answer = failures.answer(failure, step(field));
        show(answer);
        return answer;
    }

    /** This page's step, for {@link PageFailures}. */
    PageFailures.Step step(String field) {
        HttpServletRequest request = (HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext()
                .getRequest();
        return new PageFailures.Step(flowId, returnTo(), field, inputErrorKey(), request);
    }

    /** Shows what a page does about a failure. */
    void show(FailureAnswer answer) {
        if (answer instanceof FailureAnswer.Completed completed) {
            finish(completed.returnTo());
        } else if (answer instanceof FailureAnswer.ToError error) {
            MfaNavigation.toError(error.reason(), error.returnTo(), error.detail());
        } else if (answer instanceof FailureAnswer.ToStart) {
            MfaNavigation.toPage("index.xhtml", flowId);
        } else if (answer instanceof FailureAnswer.ToUniversalLogin universalLogin) {
            MfaNavigation.toUniversalLogin(universalLogin.flowId());
        } else if (answer instanceof FailureAnswer.Stay stay) {
            if (stay.status() > 0) {
                respond(stay.status(), stay.retryAfter());
            }
            message(stay.field(), stay.key());
        }
    }

    /** Sets the status of the page shown again with a message, and the {@code Retry-After} when there is one. */
    private static void respond(int status, Duration retryAfter) {
        HttpServletResponse response = (HttpServletResponse) FacesContext.getCurrentInstance().getExternalContext()
                .getResponse();
        response.setStatus(status);
        if (retryAfter != null) {
            response.setHeader("Retry-After", Long.toString(Math.max(1, retryAfter.toSeconds())));
        }
    }

    /** The message key for a malformed input on this page. */
    String inputErrorKey() {
        return "error.code";
    }

    void message(String field, String key, Object... arguments) {
        FacesContext faces = FacesContext.getCurrentInstance();
        String clientId = field == null ? null : "mfa:" + field;
        faces.addMessage(clientId, new FacesMessage(FacesMessage.SEVERITY_ERROR, locale.text(key, arguments), null));
        faces.validationFailed();
    }
}
