package dev.mfastepup.filter;

import dev.mfastepup.MfaTokenInvalidException;
import dev.mfastepup.event.SecurityLog;
import dev.mfastepup.service.UniversalLoginStepUp;
import dev.mfastepup.session.PendingStepUp;
import dev.mfastepup.session.PendingStepUp.ReturnTo;
import dev.mfastepup.session.StepUpFlows;
import dev.mfastepup.token.InsufficientUserAuthenticationException;
import dev.mfastepup.token.MfaRequiredException;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Answers a demand for a second factor that {@link MfaStepUpFilter} caught, by its road: Auth0's
 * {@code mfa_required} goes to the MFA pages (unless it is a loop, see {@link LoopBreaker}); a demand that only
 * Universal Login can meet ({@link InsufficientUserAuthenticationException}: a recent factor, or a downstream API's
 * {@code acr_values}) goes there, with the path to come back to.
 */
@Dependent
class StepUpDispatch {

    private static final Logger logger = Logger.getLogger(StepUpDispatch.class.getName());

    private static final String LOG_STEP_UP = "Step-up flow {0} for audience {1}: answered a {2} caller";

    private LoopBreaker loopBreaker;
    private StepUpFlows flows;
    private UniversalLoginStepUp universalLogin;

    StepUpDispatch() {
        // for CDI's proxy
    }

    @Inject
    StepUpDispatch(LoopBreaker loopBreaker, StepUpFlows flows, UniversalLoginStepUp universalLogin) {
        this.loopBreaker = loopBreaker;
        this.flows = flows;
        this.universalLogin = universalLogin;
    }

    /**
     * Sends the caller to the MFA pages of a flow Auth0 asked for, remembering where it comes back to.
     *
     * @param request the request.
     * @param response the response, not committed.
     * @param kind who made the request.
     * @param required the demand.
     * @param settings the filter's settings.
     * @throws IOException when the answer cannot be written.
     */
    void mfaRequired(HttpServletRequest request, HttpServletResponse response, CallerKind kind,
            MfaRequiredException required, FilterSettings settings) throws IOException {
        if (loopBreaker.breaks(request, response, kind, required, settings.loopWindow())) {
            return;
        }
        HttpSession session = request.getSession(false);
        String shownFlowId = session == null ? required.flowId()
                : rememberReturnTo(request, session, required.flowId(), kind);
        logger.log(Level.FINE, LOG_STEP_UP, new Object[] {required.flowId(),
                MfaStepUpFilter.audienceForLog(required.audience()), kind});
        StepUpResponder.stepUp(request, response, kind, shownFlowId);
    }

    /**
     * Sends a page through Universal Login for a demand only it can meet; tells an API caller, with an RFC 9470
     * challenge, what to ask for.
     *
     * @param request the request.
     * @param response the response, not committed.
     * @param kind who made the request.
     * @param demand what is asked for.
     * @throws IOException when the answer cannot be written.
     */
    void universalLoginRequired(HttpServletRequest request, HttpServletResponse response, CallerKind kind,
            InsufficientUserAuthenticationException demand) throws IOException {
        if (kind == CallerKind.API) {
            StepUpResponder.insufficientAuthentication(response, demand);
            return;
        }
        if (!universalLogin.enabled()) {
            SecurityLog.record(Level.WARNING, "mfa.universal_login_unavailable", request, null, null,
                    "action", "refused");
            logger.warning("A recent second factor or a downstream API's acr_values were asked for, but the step-up"
                    + " through Universal Login is off (mfa-stepup.universal-login.enabled): the request is refused");
            StepUpResponder.failure(request, response, kind, StepUpResponder.Failure.NOT_PROVEN);
            return;
        }
        try {
            String authorize = universalLogin.begin(demand, ReturnPaths.of(request, kind)).toString();
            StepUpResponder.leave(response, kind, authorize);
        } catch (MfaTokenInvalidException signedOut) {
            StepUpResponder.failure(request, response, kind, StepUpResponder.Failure.SIGN_IN);
        }
    }

    /**
     * Remembers where the user returns to, and returns the id to show the flow under. The first request of a flow
     * sets its return path. Any later request that is not a page navigation (a fetch, an image, a style sheet
     * that joined the flow) leaves it alone, so that it cannot replace the page the user is on. A later page
     * navigation to another page (a second tab, or the user going elsewhere before finishing) joins the flow
     * with an entry of its own: both come back to their own page, and the flow, its token and its count of wrong
     * codes stay one.
     */
    private String rememberReturnTo(HttpServletRequest request, HttpSession session, String flowId,
            CallerKind kind) {
        ReturnTo here = ReturnPaths.of(request, kind);
        // For an entry id, the flow carries the entry's return path.
        Optional<ReturnTo> current = flows.find(session, flowId).map(PendingStepUp::returnTo);
        if (current.isEmpty()) {
            flows.rememberReturnTo(session, flowId, here);
            return flowId;
        }
        if (kind == CallerKind.PAGE && CallerKind.isDocument(request) && !current.get().equals(here)) {
            return flows.join(session, flowId, here).orElse(flowId);
        }
        return flowId;
    }
}
