package dev.mfastepup.filter;

import dev.mfastepup.config.ModuleClock;
import dev.mfastepup.event.SecurityLog;
import dev.mfastepup.event.StepUpEvent.Outcome;
import dev.mfastepup.event.StepUpEvents;
import dev.mfastepup.filter.StepUpResponder.Failure;
import dev.mfastepup.session.SessionTokenStore;
import dev.mfastepup.session.StepUpFlows;
import dev.mfastepup.session.TokenKey;
import dev.mfastepup.token.MfaRequiredException;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Level;

/**
 * Breaks step-up loops. When Auth0 asks for a second factor for an audience and scope within the loop window after
 * a step-up for them completed, another step-up would end the same way (a rule at Auth0 that never lets the user
 * through, a token that does not carry what the API checks). The new flow is ended, the operators get one
 * {@code mfa.step_up_loop} warning with what they need to find the cause, and the caller an error that explains.
 *
 * @since 0.1
 * @see MfaStepUpFilter
 */
@Dependent
class LoopBreaker {

    // Properties -------------------------------------------------------------------------------------------------

    private final StepUpFlows flows;
    private final SessionTokenStore tokens;
    private final StepUpEvents events;
    private final Clock clock;
    private final PageSet pages;

    // Constructors -----------------------------------------------------------------------------------------------

    /**
     * Creates the loop breaker; CDI calls this.
     *
     * @param flows the session's step-up flows, to end the one that loops.
     * @param tokens the session's tokens, which know when the last step-up completed.
     * @param events the outcomes of step-ups.
     * @param clock the module's clock.
     * @param pages the pages users are sent to.
     */
    @Inject
    LoopBreaker(StepUpFlows flows, SessionTokenStore tokens, StepUpEvents events, @ModuleClock Clock clock,
            PageSet pages) {
        this.pages = Objects.requireNonNull(pages, "pages cannot be null");
        this.flows = Objects.requireNonNull(flows, "flows cannot be null");
        this.tokens = Objects.requireNonNull(tokens, "tokens cannot be null");
        this.events = Objects.requireNonNull(events, "events cannot be null");
        this.clock = Objects.requireNonNull(clock, "clock cannot be null");
    }

    // Actions ----------------------------------------------------------------------------------------------------

    /**
     * Answers a demand for a step-up with the loop error when a step-up for the same audience and scope completed
     * within the window, and ends the demand's flow.
     *
     * @param request the request.
     * @param response the response, not committed.
     * @param kind who made the request.
     * @param required the demand for a step-up.
     * @param window the loop window; zero turns the breaker off.
     * @return {@code true} when it answered, {@code false} when the step-up goes on.
     * @throws IOException when the answer cannot be written.
     */
    boolean breaks(HttpServletRequest request, HttpServletResponse response, CallerKind kind,
            MfaRequiredException required, Duration window) throws IOException {
        HttpSession session = request.getSession(false);
        Optional<Duration> sinceLast = sinceLastStepUp(session, required, window);
        if (sinceLast.isEmpty()) {
            return false;
        }
        flows.end(session, required.flowId());
        // Auth0 keeps asking although the user just passed MFA: a rule or an action that loops, or a token that
        // does not carry what the API checks. One line for the operators, with what they need to find it.
        SecurityLog.record(Level.WARNING, "mfa.step_up_loop", request,
                tokens.subject(session).orElse(null), required.flowId(),
                "audience", MfaStepUpFilter.audienceForLog(required.audience()),
                "seconds_since_step_up", Long.toString(Math.max(0, sinceLast.get().toSeconds())));
        events.publish(Outcome.FAILED, required.flowId(), tokens.tokens(session).domain().orElse(null), null, "loop",
                null);
        StepUpResponder.failure(request, response, pages, kind, Failure.LOOP);
        return true;
    }

    // Helpers ----------------------------------------------------------------------------------------------------

    /** How long ago a step-up for the same audience and scope completed, when that is within the loop window. */
    private Optional<Duration> sinceLastStepUp(HttpSession session, MfaRequiredException required,
            Duration window) {
        if (window.isZero()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        // A completion "in the future" (another node's clock) counts as just now.
        return tokens.lastStepUp(session, new TokenKey(required.audience(), required.scope()))
                .map(last -> Duration.between(last, now))
                .filter(since -> since.compareTo(window) <= 0);
    }
}
