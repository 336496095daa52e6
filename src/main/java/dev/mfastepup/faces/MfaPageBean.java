package dev.mfastepup.faces;

import dev.mfastepup.AttemptsLockedException;
import dev.mfastepup.Auth0Error;
import dev.mfastepup.ErrorCodes;
import dev.mfastepup.Factor;
import dev.mfastepup.MfaException;
import dev.mfastepup.MfaTokenExpiredException;
import dev.mfastepup.MfaTokenInvalidException;
import dev.mfastepup.SendsLimitedException;
import dev.mfastepup.client.IdpException;
import dev.mfastepup.event.SecurityLog;
import dev.mfastepup.faces.MfaNavigation.Reason;
import dev.mfastepup.filter.MfaPages;
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
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What every page of a step-up flow shares: the flow id from the request (a query parameter on GET, a hidden field
 * on POST), the flow itself, and one place that turns failures into a message on the page or an error page. The
 * page beans stay small; the logic is in {@link MfaService}.
 */
abstract class MfaPageBean {

    private static final Logger logger = Logger.getLogger(MfaPageBean.class.getName());
    /** The id of the input where a code is typed, on every page that has one. */
    static final String CODE_FIELD = "code";

    @Inject
    MfaService mfa;

    @Inject
    MfaLocale locale;

    @Inject
    RecoveryCodePage recoveryCodePage;

    @Inject
    UniversalLoginStepUp universalLogin;

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
        if (flow().isPresent()) {
            return;
        }
        if (!backToPageIfCompleted()) {
            MfaNavigation.toError(Reason.EXPIRED, null, universalLoginFlow());
        }
    }

    /**
     * Sends the user back to this tab's page when the flow was completed lately, in another tab or in this one
     * before a reload, instead of saying that it expired.
     *
     * @return whether the user was sent back.
     */
    private boolean backToPageIfCompleted() {
        Optional<VerifyResult.AlreadyVerified> done = mfa.alreadyVerified(flowId);
        done.ifPresent(completed -> finish(completed.returnTo()));
        return done.isPresent();
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

    /** This page's flow id, when the "expired" page can offer Universal Login for it; else {@code null}. */
    private String universalLoginFlow() {
        return universalLogin.canTakeOver(flowId) ? flowId : null;
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
        ReturnTo destination = result instanceof VerifyResult.Verified verified ? verified.returnTo()
                : result instanceof VerifyResult.AlreadyVerified already ? already.returnTo() : returnTo();
        if (result instanceof VerifyResult.Verified verified && verified.recoveryCode().isPresent()) {
            recoveryCodePage.show(verified.recoveryCode().get(), destination,
                    verified.factor() == Factor.RECOVERY_CODE);
            return MfaPages.PATH + "recovery-code.xhtml";
        }
        return finish(destination);
    }

    /** Back to the application, or to the "repeat your action" page after an interrupted form post. */
    static String finish(ReturnTo destination) {
        if (destination != null && destination.repeatAction()) {
            MfaNavigation.redirect(MfaPages.PATH + "done.xhtml?return=" + MfaNavigation.encode(destination.path()));
        } else {
            MfaNavigation.toApplication(destination);
        }
        return null;
    }

    /**
     * Shows a failure: on the page for what the user can fix (a wrong or malformed code, Auth0 briefly away), on
     * the error page for what ends the flow (expired, locked, another user).
     *
     * @param failure what the service threw.
     * @param field the id of the input the message belongs to, or {@code null} for the page.
     */
    void fail(RuntimeException failure, String field) {
        ReturnTo destination = returnTo();
        if ((failure instanceof MfaTokenInvalidException || failure instanceof MfaTokenExpiredException)
                && backToPageIfCompleted()) {
            return;
        }
        if (failure instanceof MfaTokenExpiredException) {
            MfaNavigation.toError(Reason.EXPIRED, destination, universalLoginFlow());
        } else if (failure instanceof MfaTokenInvalidException) {
            MfaNavigation.toError(Reason.INVALID, destination, null);
        } else if (failure instanceof AttemptsLockedException locked) {
            MfaNavigation.toError(Reason.LOCKED, destination, Long.toString(minutes(locked.retryAfter())));
        } else if (failure instanceof SendsLimitedException limited) {
            // Codes already sent stay valid: the page stays, with its code field, and says how to go on.
            respond(429, limited.retryAfter().orElse(null));
            message(null, ErrorCodes.RESEND_TOO_SOON.equals(limited.code()) ? "error.resendTooSoon"
                    : "error.sendLimit");
        } else if (failure instanceof IdpException idp) {
            failFromAuth0(idp, field, destination);
        } else if (failure instanceof MfaException mfaFailure) {
            failFromModule(mfaFailure, field, destination);
        } else {
            // The error page shows this request's correlation id: the user can quote it, and it leads here.
            HttpServletRequest request = (HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext()
                    .getRequest();
            logger.log(Level.SEVERE, "[" + SecurityLog.correlation(request) + "] Unexpected failure on an MFA page",
                    failure);
            MfaNavigation.toError(Reason.FAILED, destination, null);
        }
    }

    private void failFromAuth0(IdpException idp, String field, ReturnTo destination) {
        if (idp.isUnavailable()) {
            // The page stays, with what the user typed and the flow intact, so that trying again is one click;
            // the status says what happened for the logs and monitors in front of the application.
            respond(idp.isTimeout() ? HttpServletResponse.SC_GATEWAY_TIMEOUT
                    : ErrorCodes.IDP_BAD_RESPONSE.equals(idp.code()) ? HttpServletResponse.SC_BAD_GATEWAY
                    : HttpServletResponse.SC_SERVICE_UNAVAILABLE, idp.retryAfter().orElse(null));
            // A code whose answer was lost may have been used up by Auth0: ask for a new one, not the same again.
            message(null, idp.isOutcomeUnknown() && CODE_FIELD.equals(field) ? "error.unconfirmed"
                    : idp.isTimeout() ? "error.slow" : "error.unavailable");
        } else if (Auth0Error.of(idp.code()).isTryLater()) {
            MfaNavigation.toError(Reason.LOCKED, destination,
                    Long.toString(idp.retryAfter().map(MfaPageBean::minutes).orElse(6L)));
        } else if (Auth0Error.INVALID_GRANT.is(idp.code())) {
            message(field, "error.wrongCode");
        } else if (Auth0Error.EXPIRED_TOKEN.is(idp.code())) {
            // Only a code's expiry comes this far (the service ends the flow on the mfa_token's): a new code will do.
            message(field, "error.codeExpired");
        } else if (Auth0Error.UNAUTHORIZED_CLIENT.is(idp.code()) && universalLogin.canTakeOver(flowId)) {
            // The tenant does not allow this application the MFA grant: the user goes on through Universal Login.
            logger.warning("Auth0 refused this application an MFA grant (unauthorized_client); the step-up goes on"
                    + " through Universal Login. Allow the MFA grant types, or set mfa-stepup.universal-login.only");
            MfaNavigation.toUniversalLogin(flowId);
        } else if (Auth0Error.of(idp.code()).refusesTheApplication()) {
            logger.severe("Auth0 refused this application's client credentials; check mfa-stepup.client-secret");
            MfaNavigation.toError(Reason.UNAVAILABLE, destination, null);
        } else {
            logger.log(Level.WARNING, "Auth0 refused an MFA step: {0}", idp.code());
            message(field, "error.refused");
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

    /** A wait in whole minutes, rounded up, at least one: the locked page speaks in minutes. */
    private static long minutes(Duration wait) {
        return Math.max(1, (wait.toSeconds() + 59) / 60);
    }

    private void failFromModule(MfaException failure, String field, ReturnTo destination) {
        switch (failure.code()) {
            case ErrorCodes.INVALID_INPUT -> message(field, inputErrorKey());
            case ErrorCodes.TOO_MANY_FAILURES -> MfaNavigation.toError(Reason.SIGNIN, null, null);
            case ErrorCodes.UNSUPPORTED_FACTOR, ErrorCodes.ENROLLMENT_NOT_ALLOWED -> message(null, "error.unsupported");
            case ErrorCodes.NO_CHALLENGE -> MfaNavigation.toPage("index.xhtml", flowId);
            case ErrorCodes.IDENTITY_MISMATCH -> MfaNavigation.toError(Reason.IDENTITY, null, null);
            case ErrorCodes.DOMAIN_RESOLVER_ERROR, ErrorCodes.DOMAIN_MISMATCH ->
                    MfaNavigation.toError(Reason.INVALID, destination, null);
            default -> {
                logger.log(Level.WARNING, "MFA step failed: {0}", failure.code());
                MfaNavigation.toError(Reason.FAILED, destination, null);
            }
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
