package dev.mfastepup.service;

import dev.mfastepup.Factor;
import dev.mfastepup.StepUpRequirements;
import dev.mfastepup.session.PendingStepUp;
import dev.mfastepup.session.PendingStepUp.ReturnTo;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A step-up flow as pages see it: what it is for, until when it runs, and where it stands. It holds no token;
 * the {@linkplain #flowId() flow id} is the only handle a page passes back.
 *
 * @param flowId the opaque flow id.
 * @param audience the API audience the step-up is for; empty for the default audience.
 * @param scope the requested scope; possibly empty.
 * @param requirements Auth0's {@code mfa_requirements}, or {@code null}.
 * @param createdAt when the flow began.
 * @param expiresAt when the flow's context expires.
 * @param pendingFactor the factor challenged or being enrolled, or {@code null} before that.
 * @param challengeSentAt when the pending challenge or enrollment code was sent, or {@code null}.
 * @param enrolling {@code true} when the pending factor is a new enrollment to confirm.
 * @param bindingCodeRequired {@code true} when the user must type a code Auth0 sent.
 * @param pollInterval for push: how long to wait before the next poll.
 * @param returnTo where the user goes once the step-up is done, or {@code null} when nobody said.
 * @since 0.1
 */
public record StepUpFlow(
        String flowId,
        String audience,
        String scope,
        StepUpRequirements requirements,
        Instant createdAt,
        Instant expiresAt,
        Factor pendingFactor,
        Instant challengeSentAt,
        boolean enrolling,
        boolean bindingCodeRequired,
        Duration pollInterval,
        ReturnTo returnTo) {

    /** The same flow under another of its ids (another tab's entry). */
    StepUpFlow shownAs(String id) {
        return id == null || id.equals(flowId) ? this : new StepUpFlow(id, audience, scope, requirements, createdAt,
                expiresAt, pendingFactor, challengeSentAt, enrolling, bindingCodeRequired, pollInterval, returnTo);
    }

    static StepUpFlow of(PendingStepUp pending, Duration ttl) {
        PendingStepUp.Challenge challenge = pending.challenge();
        return new StepUpFlow(pending.flowId(), pending.key().audience(), pending.key().scope(),
                pending.requirements(), pending.createdAt(), pending.createdAt().plus(ttl),
                challenge == null ? null : challenge.factor(),
                challenge == null ? null : challenge.sentAt(),
                challenge != null && challenge.enrollment(),
                challenge != null && challenge.bindingRequired(),
                Duration.ofSeconds(challenge == null ? MfaService.PUSH_POLL_INTERVAL_SECONDS
                        : challenge.pollIntervalSeconds()),
                pending.returnTo());
    }

    /**
     * Returns the factor challenged or being enrolled.
     *
     * @return the factor, if a challenge or enrollment is pending.
     */
    public Optional<Factor> pending() {
        return Optional.ofNullable(pendingFactor);
    }

    /**
     * Tells whether Auth0 asks the user to enroll a factor first.
     *
     * @return {@code true} when the requirements have an {@code enroll} list.
     */
    public boolean requiresEnrollment() {
        return requirements != null && requirements.requiresEnrollment();
    }
}
