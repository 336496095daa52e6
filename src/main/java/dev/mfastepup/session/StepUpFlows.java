package dev.mfastepup.session;

import dev.mfastepup.MfaTokenExpiredException;
import dev.mfastepup.MfaTokenInvalidException;
import dev.mfastepup.StepUpRequirements;
import dev.mfastepup.config.MfaStepUpConfig;
import dev.mfastepup.config.ModuleClock;
import dev.mfastepup.crypto.ContextSealer;
import dev.mfastepup.crypto.StepUpContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * Starts, opens and ends the step-up flows of a session. This is the only class that seals and unseals step-up
 * contexts: a flow is started from Auth0's raw {@code mfa_token}, which is sealed at once with the session's
 * {@link SessionBinding}, and every later step unseals it bound to the flow id, the user, the tenant and the
 * session of the current request.
 *
 * @since 0.1
 */
@Dependent
public final class StepUpFlows {

    private final ContextSealer sealer;
    private final Clock clock;
    private final Duration ttl;

    /** CDI's constructor: the module's sealer and clock, and the context lifetime the configuration sets. */
    @Inject
    StepUpFlows(ContextSealer sealer, @ModuleClock Clock clock, MfaStepUpConfig config) {
        this(sealer, clock, config.contextTtl());
    }

    /**
     * Creates the flows helper.
     *
     * @param sealer seals and unseals the contexts.
     * @param clock the clock for creation times.
     * @param ttl the lifetime of a sealed context, the same as the sealer's.
     */
    public StepUpFlows(ContextSealer sealer, Clock clock, Duration ttl) {
        this.sealer = Objects.requireNonNull(sealer, "sealer cannot be null");
        this.clock = Objects.requireNonNull(clock, "clock cannot be null");
        this.ttl = Objects.requireNonNull(ttl, "ttl cannot be null");
    }

    /**
     * Starts a flow from Auth0's {@code mfa_required} answer: seals the raw token with the audience, scope,
     * requirements, user and tenant, and keeps it in the session under a new opaque flow id.
     *
     * @param session the user's session.
     * @param subject the user's {@code sub}.
     * @param domain the Auth0 domain that issued the token.
     * @param key the audience and scope the step-up is for.
     * @param rawMfaToken Auth0's {@code mfa_token}; it is not kept anywhere unsealed.
     * @param requirements Auth0's {@code mfa_requirements}, or {@code null}.
     * @return the new flow.
     */
    public PendingStepUp start(HttpSession session, String subject, String domain, TokenKey key, String rawMfaToken,
            StepUpRequirements requirements) {
        return start(session, subject, domain, key, rawMfaToken, requirements, null);
    }

    /**
     * Starts a flow that carries on a recovery code not shown yet: chained MFA after a first enrollment, whose
     * recovery code is shown once the last factor is verified.
     *
     * @param session the user's session.
     * @param subject the user's {@code sub}.
     * @param domain the Auth0 domain that issued the token.
     * @param key the audience and scope the step-up is for.
     * @param rawMfaToken Auth0's {@code mfa_token}; it is not kept anywhere unsealed.
     * @param requirements Auth0's {@code mfa_requirements}, or {@code null}.
     * @param pendingRecoveryCode the recovery code to show at the end, or {@code null}.
     * @return the new flow.
     */
    public PendingStepUp start(HttpSession session, String subject, String domain, TokenKey key, String rawMfaToken,
            StepUpRequirements requirements, String pendingRecoveryCode) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String flowId = FlowIds.next();
        StepUpContext context = new StepUpContext(rawMfaToken, key.audience(), key.scope(), requirements,
                now.getEpochSecond(), flowId, subject, domain, null, pendingRecoveryCode, SessionBinding.of(session));
        PendingStepUp pending = new PendingStepUp(flowId, sealer.seal(context), key, requirements, now, null, null);
        PendingStepUps flows = PendingStepUps.of(session);
        flows.add(pending);
        flows.save(session);
        return pending;
    }

    /**
     * Returns a flow for the same audience and scope that is young enough to join, so that a second request
     * (another tab, a reload) continues it instead of asking Auth0 again and so cutting the first one off.
     *
     * @param session the user's session.
     * @param key the audience and scope.
     * @return the flow, when one is pending and has at least half of its lifetime left.
     */
    public Optional<PendingStepUp> joinable(HttpSession session, TokenKey key) {
        Instant now = clock.instant();
        return PendingStepUps.find(session).flatMap(flows -> flows.forKey(key))
                .filter(flow -> flow.createdAt().plus(ttl.dividedBy(2)).isAfter(now));
    }

    /**
     * Returns a flow of the session by its flow id or one of its entry ids (another tab of the flow); for an entry,
     * the flow carries the entry's return path.
     *
     * @param session the user's session, or {@code null}.
     * @param id the flow or entry id.
     * @return the flow, or empty.
     */
    public Optional<PendingStepUp> find(HttpSession session, String id) {
        return PendingStepUps.find(session).flatMap(flows -> flows.get(id));
    }

    /**
     * Returns the flow of the session that started last.
     *
     * @param session the user's session, or {@code null}.
     * @return the flow, or empty when none is in progress.
     */
    public Optional<PendingStepUp> newest(HttpSession session) {
        return PendingStepUps.find(session).flatMap(PendingStepUps::newest);
    }

    /**
     * Opens a flow for a step of the user: finds it and unseals its context, bound to the flow id, user, tenant
     * and session of this request. A flow that fails is removed: it can never succeed again.
     *
     * @param session the user's session, or {@code null}.
     * @param flowId the flow id the browser sent.
     * @param subject the user's {@code sub} for this request.
     * @param domain the Auth0 domain for this request.
     * @return the flow and its context.
     * @throws MfaTokenInvalidException when there is no such flow, or its context does not open or is bound to
     *         another flow, user, tenant or session.
     * @throws MfaTokenExpiredException when its context is older than its lifetime.
     */
    public Opened open(HttpSession session, String flowId, String subject, String domain) {
        // A null session has no flows: find() below answers empty.
        if (!FlowIds.wellFormed(flowId)) {
            throw new MfaTokenInvalidException();
        }
        PendingStepUp pending = find(session, flowId).orElseThrow(MfaTokenInvalidException::new);
        try {
            // Bound to the flow's own id: an entry id (another tab of the flow) was looked up in this session. The
            // session's value is never null here, so a context sealed without one (copied in) does not open.
            StepUpContext context = sealer.unseal(pending.sealedContext(), pending.flowId(), subject, domain,
                    SessionBinding.of(session));
            return new Opened(pending, context);
        } catch (MfaTokenInvalidException | MfaTokenExpiredException failed) {
            end(session, flowId);
            if (failed instanceof MfaTokenExpiredException) {
                ExpiredFlows.remember(session, flowId, pending, clock.instant());
            }
            throw failed;
        }
    }

    /**
     * Records a challenge in a flow: its out-of-band code is sealed with the token, the rest kept beside it.
     *
     * @param session the user's session.
     * @param opened the flow as opened for this step.
     * @param oobCode the out-of-band code, or {@code null} when there is none (OTP).
     * @param challenge the challenge.
     * @return the flow's new state.
     * @throws MfaTokenInvalidException when the flow ended meanwhile.
     */
    public PendingStepUp recordChallenge(HttpSession session, Opened opened, String oobCode,
            PendingStepUp.Challenge challenge) {
        return update(session, opened.stepUp().with(sealer.seal(opened.context().withOobCode(oobCode)), challenge));
    }

    /**
     * Records a started enrollment in a flow: its out-of-band code and the recovery code Auth0 issued with it are
     * sealed with the token, so that the recovery code can be shown once the enrollment is confirmed.
     *
     * @param session the user's session.
     * @param opened the flow as opened for this step.
     * @param oobCode the out-of-band code, or {@code null} (OTP).
     * @param recoveryCode the recovery code issued with the enrollment, or {@code null} to keep the one the flow
     *        has.
     * @param challenge the pending enrollment.
     * @return the flow's new state.
     * @throws MfaTokenInvalidException when the flow ended meanwhile.
     */
    public PendingStepUp recordEnrollment(HttpSession session, Opened opened, String oobCode, String recoveryCode,
            PendingStepUp.Challenge challenge) {
        // A recovery code not shown yet (from an earlier factor of a chain) stays unless Auth0 issued a new one.
        String toShow = recoveryCode != null ? recoveryCode : opened.context().recoveryCode();
        StepUpContext context = opened.context().withOobCode(oobCode).withRecoveryCode(toShow);
        return update(session, opened.stepUp().with(sealer.seal(context), challenge));
    }

    /**
     * Remembers where the user goes once a flow is done.
     *
     * @param session the user's session.
     * @param flowId the flow id.
     * @param returnTo where to go, or {@code null}.
     * @return {@code true} when the flow was there.
     */
    public boolean rememberReturnTo(HttpSession session, String flowId, PendingStepUp.ReturnTo returnTo) {
        PendingStepUps flows = PendingStepUps.of(session);
        return savedIf(flows.replaceReturnTo(flowId, returnTo), flows, session);
    }

    /**
     * Lets another page join a flow with a return path of its own: another tab that needs the same audience and
     * scope shares the flow (its token, its count of wrong codes) and still comes back to its own page.
     *
     * @param session the user's session.
     * @param flowId the flow id.
     * @param returnTo where the user of the new entry goes once the flow is done.
     * @return the entry's id, to show the flow under; empty when the flow is gone.
     */
    public Optional<String> join(HttpSession session, String flowId, PendingStepUp.ReturnTo returnTo) {
        PendingStepUps flows = PendingStepUps.of(session);
        String entryId = FlowIds.next();
        return savedIf(flows.addEntry(entryId, flowId, returnTo), flows, session) ? Optional.of(entryId)
                : Optional.empty();
    }

    /**
     * Ends a flow that succeeded: it is removed, and its ids are remembered with their return paths.
     *
     * @param session the user's session.
     * @param flowId the flow id or one of its entry ids.
     * @return {@code true} when the flow was still there.
     */
    public boolean complete(HttpSession session, String flowId) {
        return PendingStepUps.find(session)
                .map(flows -> savedIf(flows.complete(flowId).isPresent(), flows, session)).orElse(false);
    }

    /**
     * Returns what a flow or entry id that succeeded lately in this session was for.
     *
     * @param session the user's session, or {@code null}.
     * @param flowId the flow or entry id.
     * @return the completion, or empty.
     */
    public Optional<PendingStepUps.Completed> completed(HttpSession session, String flowId) {
        return PendingStepUps.find(session).flatMap(flows -> flows.completed(flowId));
    }

    /**
     * Stores a new state of a flow whose sealed context did not change.
     *
     * @param session the user's session.
     * @param stepUp the new state.
     * @return the new state.
     * @throws MfaTokenInvalidException when the flow ended meanwhile.
     */
    public PendingStepUp update(HttpSession session, PendingStepUp stepUp) {
        PendingStepUps flows = PendingStepUps.of(session);
        if (!savedIf(flows.replace(stepUp), flows, session)) {
            throw new MfaTokenInvalidException();
        }
        return stepUp;
    }

    /**
     * Ends a flow: it is removed from the session, with its entries.
     *
     * @param session the user's session, or {@code null}.
     * @param flowId the flow id or one of its entry ids.
     * @return {@code true} when the flow was still there; {@code false} when another request ended it first.
     */
    public boolean end(HttpSession session, String flowId) {
        return PendingStepUps.find(session)
                .map(flows -> savedIf(flows.remove(flowId).isPresent(), flows, session)).orElse(false);
    }

    /** Writes the flows back after a change, so that a replicating container sees it; tells whether it changed. */
    private static boolean savedIf(boolean changed, PendingStepUps flows, HttpSession session) {
        if (changed) {
            flows.save(session);
        }
        return changed;
    }

    /**
     * A flow opened for one step: its session state and its unsealed context. Never store it.
     *
     * @param stepUp the flow's session state.
     * @param context the unsealed context, with the raw token.
     */
    public record Opened(PendingStepUp stepUp, StepUpContext context) {
    }
}
