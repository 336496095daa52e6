package dev.mfastepup.filter;

import dev.mfastepup.ErrorCodes;
import dev.mfastepup.MfaTokenInvalidException;
import dev.mfastepup.event.SecurityLog;
import dev.mfastepup.service.UniversalLoginStepUp;
import dev.mfastepup.session.PendingStepUp;
import dev.mfastepup.session.PendingStepUp.ReturnTo;
import dev.mfastepup.session.StepUpFlows;
import dev.mfastepup.token.AccessTokenException;
import dev.mfastepup.token.AccessTokenService;
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
 * {@code mfa_required} goes to the MFA pages (unless it is a loop, see {@link LoopBreaker}), or straight to Universal
 * Login when that is the only road ({@code mfa-stepup.universal-login.only}). A demand of the application or of a
 * downstream API ({@link InsufficientUserAuthenticationException}: a recent factor, or {@code acr_values}) goes
 * through Universal Login when it is on; a demand for a recent factor alone also works without it, through the MFA
 * pages, when Auth0 asks for a factor at a renewed refresh-token grant.
 */
@Dependent
class StepUpDispatch {

    private static final Logger logger = Logger.getLogger(StepUpDispatch.class.getName());

    private static final String LOG_STEP_UP = "Step-up flow {0} for audience {1}: answered a {2} caller";

    private LoopBreaker loopBreaker;
    private StepUpFlows flows;
    private UniversalLoginStepUp universalLogin;
    private AccessTokenService accessTokens;
    private PageSet pages;

    StepUpDispatch() {
        // for CDI's proxy
    }

    @Inject
    StepUpDispatch(LoopBreaker loopBreaker, StepUpFlows flows, UniversalLoginStepUp universalLogin,
            AccessTokenService accessTokens, PageSet pages) {
        this.loopBreaker = loopBreaker;
        this.pages = pages;
        this.flows = flows;
        this.universalLogin = universalLogin;
        this.accessTokens = accessTokens;
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
        toStepUp(request, response, kind, required);
    }

    /** The MFA pages, or Universal Login when it is the only road; an API caller is told where to send the user. */
    private void toStepUp(HttpServletRequest request, HttpServletResponse response, CallerKind kind,
            MfaRequiredException required) throws IOException {
        HttpSession session = request.getSession(false);
        String shownFlowId = session == null ? required.flowId()
                : rememberReturnTo(request, session, required.flowId(), kind);
        logger.log(Level.FINE, LOG_STEP_UP, new Object[] {required.flowId(),
                MfaStepUpFilter.audienceForLog(required.audience()), kind});
        if (kind == CallerKind.PAGE && universalLogin.only()) {
            try {
                StepUpResponder.leave(response, kind, universalLogin.begin(shownFlowId).toString());
            } catch (MfaTokenInvalidException signedOut) {
                StepUpResponder.failure(request, response, pages, kind, StepUpResponder.Failure.SIGN_IN);
            }
            return;
        }
        StepUpResponder.stepUp(request, response, pages, kind, shownFlowId);
    }

    /**
     * Answers a demand for a recent or stronger second factor: an API caller gets an RFC 9470 challenge that says
     * what to ask for; a page goes through Universal Login when it is on, else (for a recent factor alone) through
     * the MFA pages; what neither road can prove gets the "not proven" page.
     *
     * @param request the request.
     * @param response the response, not committed.
     * @param kind who made the request.
     * @param demand what is asked for.
     * @throws IOException when the answer cannot be written.
     */
    void secondFactorDemanded(HttpServletRequest request, HttpServletResponse response, CallerKind kind,
            InsufficientUserAuthenticationException demand) throws IOException {
        if (kind == CallerKind.API) {
            StepUpResponder.insufficientAuthentication(response, demand);
            return;
        }
        if (!universalLogin.enabled()) {
            if (demand.acrValues().isEmpty()) {
                renewThroughMfaPages(request, response, kind, demand);
                return;
            }
            SecurityLog.record(Level.WARNING, "mfa.universal_login_unavailable", request, null, null,
                    "action", "refused");
            logger.warning("A downstream API asked for acr_values, but the step-up through Universal Login is off"
                    + " (mfa-stepup.universal-login.enabled): the request is refused");
            StepUpResponder.failure(request, response, pages, kind, StepUpResponder.Failure.NOT_PROVEN);
            return;
        }
        try {
            String authorize = universalLogin.begin(demand, ReturnPaths.of(request, kind)).toString();
            StepUpResponder.leave(response, kind, authorize);
        } catch (MfaTokenInvalidException signedOut) {
            StepUpResponder.failure(request, response, pages, kind, StepUpResponder.Failure.SIGN_IN);
        }
    }

    /**
     * A recent factor through the MFA pages: asks Auth0 again, past the cached token. A tenant that asks for MFA at
     * the refresh-token grant answers {@code mfa_required}, and the pages' verification records the factor. That
     * demand is the module's own, so it is never taken for a loop of Auth0's. A token granted without a factor
     * proves nothing: the "not proven" page.
     */
    private void renewThroughMfaPages(HttpServletRequest request, HttpServletResponse response, CallerKind kind,
            InsufficientUserAuthenticationException demand) throws IOException {
        try {
            accessTokens.renew(demand.audience().orElse(null), demand.scope().orElse(null));
        } catch (MfaRequiredException required) {
            toStepUp(request, response, kind, required);
            return;
        } catch (AccessTokenException failed) {
            StepUpResponder.Failure failure = ErrorCodes.MISSING_SESSION.equals(failed.code())
                    ? StepUpResponder.Failure.SIGN_IN : DeclarativeTokens.failure(failed.code());
            logger.log(Level.WARNING, "A recent second factor was asked for, and no token could be had: {0}",
                    failed.code());
            StepUpResponder.failure(request, response, pages, kind, failure);
            return;
        }
        SecurityLog.record(Level.WARNING, "mfa.freshness_not_proven", request, null, null, "action", "refused");
        logger.warning("A recent second factor was asked for; Universal Login is off, and Auth0 granted a token"
                + " without asking for one (its rule or Action does not ask for MFA at the refresh-token grant):"
                + " the request is refused");
        StepUpResponder.failure(request, response, pages, kind, StepUpResponder.Failure.NOT_PROVEN);
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
