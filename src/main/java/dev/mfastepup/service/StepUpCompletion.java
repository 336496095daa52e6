package dev.mfastepup.service;

import dev.mfastepup.Factor;
import dev.mfastepup.MfaException;
import dev.mfastepup.client.TokenGrantResult;
import dev.mfastepup.client.model.TokenResponse;
import dev.mfastepup.config.MfaStepUpConfig;
import dev.mfastepup.config.ModuleClock;
import dev.mfastepup.event.SecurityLog;
import dev.mfastepup.event.StepUpCompleted;
import dev.mfastepup.event.StepUpEvent.Outcome;
import dev.mfastepup.event.StepUpEvents;
import dev.mfastepup.event.StepUpStarted;
import dev.mfastepup.session.PendingStepUp;
import dev.mfastepup.session.SessionTokenStore;
import dev.mfastepup.session.StepUpFlows;
import dev.mfastepup.token.AccessTokenService;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What happens when Auth0 accepts a factor: the new token goes into the session, or, when Auth0 asks for yet
 * another factor, a new flow begins with the same audience and scope (as Auth0's Python SDK does).
 */
@Dependent
final class StepUpCompletion {

    private static final Logger logger = Logger.getLogger(StepUpCompletion.class.getName());

    private static final String LOG_COMPLETED = "Step-up flow {0} completed with {1}";
    private static final String LOG_CHAINED = "Step-up flow {0} needs another factor; flow {1} started";

    private final StepUpFlows flows;
    private final SessionTokenStore tokens;
    private final IdTokenCheck idTokens;
    private final Event<StepUpCompleted> completed;
    private final Event<StepUpStarted> started;
    private final StepUpEvents events;
    private final Clock clock;
    private final Duration ttl;

    @Inject
    StepUpCompletion(StepUpFlows flows, SessionTokenStore tokens, Event<StepUpCompleted> completed,
            Event<StepUpStarted> started, StepUpEvents events, @ModuleClock Clock clock, MfaStepUpConfig config,
            IdTokenCheck idTokens) {
        this(flows, tokens, completed, started, events, clock, config.contextTtl(), idTokens);
    }

    StepUpCompletion(StepUpFlows flows, SessionTokenStore tokens, Event<StepUpCompleted> completed,
            Event<StepUpStarted> started, StepUpEvents events, Clock clock, Duration ttl, IdTokenCheck idTokens) {
        this.flows = flows;
        this.tokens = tokens;
        this.idTokens = idTokens;
        this.completed = completed;
        this.started = started;
        this.events = events;
        this.clock = clock;
        this.ttl = ttl;
    }

    VerifyResult complete(MfaRequest step, StepUpFlows.Opened opened, Factor factor, TokenGrantResult result) {
        if (result instanceof TokenGrantResult.MfaRequired chained) {
            return chain(step, opened, chained);
        }
        return persist(step, opened, factor, ((TokenGrantResult.Granted) result).tokens());
    }

    private VerifyResult persist(MfaRequest step, StepUpFlows.Opened opened, Factor factor, TokenResponse granted) {
        PendingStepUp pending = opened.stepUp();
        if (granted.idToken() != null) {
            try {
                idTokens.check(step, pending.flowId(), granted.idToken());
            } catch (MfaException mismatch) {
                events.publish(Outcome.FAILED, pending.flowId(), step.domain(), factor, mismatch.code(), null);
                throw mismatch;
            }
        }
        Instant now = clock.instant();
        SecurityLog.record(Level.INFO, "mfa.verify_succeeded", step.request(), step.subject(), pending.flowId(),
                "factor", factor == null ? null : factor.wireName());
        tokens.completeStepUp(step.session(), pending.key(),
                AccessTokenService.accessToken(pending.key(), granted, now), granted.refreshToken(), now);
        flows.complete(step.session(), pending.flowId());
        // A privilege change: the session id an attacker may have planted or seen before is worth nothing now.
        HttpServletRequest request = step.request();
        request.changeSessionId();
        logger.log(Level.INFO, LOG_COMPLETED, new Object[] {pending.flowId(), factor});
        StepUpEvents.fire(completed, new StepUpCompleted(pending.flowId(), step.subject(), pending.key().audience(),
                pending.key().scope(), factor, now));
        events.publish(Outcome.VERIFIED, pending.flowId(), step.domain(), factor, null,
                Duration.between(pending.createdAt(), now));
        // A first enrollment's recovery code came with the enrollment; show it now that the factor is confirmed.
        String recoveryCode = granted.recoveryCode() != null ? granted.recoveryCode() : opened.context().recoveryCode();
        return new VerifyResult.Verified(factor, pending.key().audience(), pending.key().scope(), recoveryCode,
                pending.returnTo());
    }

    private VerifyResult chain(MfaRequest step, StepUpFlows.Opened opened, TokenGrantResult.MfaRequired chained) {
        PendingStepUp previous = opened.stepUp();
        flows.end(step.session(), previous.flowId());
        // A first enrollment's recovery code is still to be shown: it goes on with the chain.
        PendingStepUp next = flows.start(step.session(), step.subject(), step.domain(), previous.key(),
                chained.mfaToken(), chained.stepUpRequirements(), opened.context().recoveryCode());
        if (previous.returnTo() != null) {
            flows.rememberReturnTo(step.session(), next.flowId(), previous.returnTo());
            next = next.withReturnTo(previous.returnTo());
        }
        logger.log(Level.INFO, LOG_CHAINED, new Object[] {previous.flowId(), next.flowId()});
        StepUpEvents.fire(started, new StepUpStarted(next.flowId(), step.subject(), next.key().audience(),
                next.key().scope(), next.requirements(), true, next.createdAt()));
        events.publish(Outcome.STARTED, next.flowId(), step.domain());
        return new VerifyResult.AnotherFactorRequired(StepUpFlow.of(next, ttl));
    }
}
