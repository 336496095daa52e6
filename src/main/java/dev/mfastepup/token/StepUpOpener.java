package dev.mfastepup.token;

import dev.mfastepup.client.TokenGrantResult;
import dev.mfastepup.event.SecurityLog;
import dev.mfastepup.event.StepUpEvent.Outcome;
import dev.mfastepup.event.StepUpEvents;
import dev.mfastepup.event.StepUpStarted;
import dev.mfastepup.session.PendingStepUp;
import dev.mfastepup.session.StepUpFlows;
import dev.mfastepup.session.TokenKey;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns Auth0's {@code mfa_required} answer to a token request into a step-up flow: seals its {@code mfa_token}
 * into a new flow of the session, tells the application ({@link StepUpStarted}) and gives the
 * {@link MfaRequiredException} to throw. A second request for the same audience and scope while a flow is young
 * joins that flow instead.
 */
@Dependent
class StepUpOpener {

    // The access token service's logger: operators set its level, and its messages are the service's.
    private static final Logger logger = Logger.getLogger(AccessTokenService.class.getName());

    private static final String LOG_STEP_UP_STARTED = "Auth0 requires MFA for audience {0}; step-up flow {1} started";
    private static final String LOG_STEP_UP_JOINED = "Step-up flow {0} for audience {1} is pending; joined it";

    private final StepUpFlows flows;
    private final Event<StepUpStarted> started;
    private final StepUpEvents events;
    private final HttpServletRequest request;

    /**
     * Creates the opener; CDI calls this.
     *
     * @param flows starts and finds the step-up flows of a session.
     * @param started the event fired when a step-up begins.
     * @param events the outcomes of step-ups.
     * @param request the current request (a CDI proxy to it).
     */
    @Inject
    StepUpOpener(StepUpFlows flows, Event<StepUpStarted> started, StepUpEvents events, HttpServletRequest request) {
        this.flows = flows;
        this.started = started;
        this.events = events;
        this.request = request;
    }

    /**
     * Joins a step-up flow for the same audience and scope that is still young, if the session has one.
     *
     * @param session the user's session.
     * @param key the audience and scope.
     * @throws MfaRequiredException naming the pending flow, when there is one.
     */
    void joinPending(HttpSession session, TokenKey key) {
        PendingStepUp pending = flows.joinable(session, key).orElse(null);
        if (pending != null) {
            logger.log(Level.FINE, LOG_STEP_UP_JOINED, new Object[] {pending.flowId(), key.audience()});
            throw required(pending);
        }
    }

    /**
     * Starts a step-up flow from Auth0's {@code mfa_required} answer and announces it.
     *
     * @param session the user's session.
     * @param subject the user's {@code sub}.
     * @param domain the Auth0 domain that answered.
     * @param key the audience and scope the token was asked for.
     * @param mfa Auth0's answer, with the raw {@code mfa_token}; it is sealed at once.
     * @return the exception to throw, naming the new flow.
     */
    MfaRequiredException open(HttpSession session, String subject, String domain, TokenKey key,
            TokenGrantResult.MfaRequired mfa) {
        PendingStepUp pending = flows.start(session, subject, domain, key, mfa.mfaToken(), mfa.stepUpRequirements());
        logger.log(Level.INFO, LOG_STEP_UP_STARTED, new Object[] {key.audience(), pending.flowId()});
        SecurityLog.record(Level.INFO, "mfa.step_up_started", request, subject, pending.flowId());
        StepUpEvents.fire(started, new StepUpStarted(pending.flowId(), subject, key.audience(), key.scope(),
                pending.requirements(), false, pending.createdAt()));
        events.publish(Outcome.STARTED, pending.flowId(), domain);
        return required(pending);
    }

    private static MfaRequiredException required(PendingStepUp pending) {
        return new MfaRequiredException(pending.flowId(), pending.key().audience(), pending.key().scope(),
                pending.requirements());
    }
}
