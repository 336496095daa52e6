package dev.mfastepup.session;

import dev.mfastepup.Factor;
import dev.mfastepup.StepUpRequirements;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * A step-up in progress, as the session holds it: the opaque flow id the browser sees, the sealed context (the
 * only place where Auth0's {@code mfa_token} is kept, encrypted), and what the pages need to know without
 * unsealing it.
 *
 * @param flowId the opaque id of the flow: 128 random bits, base64url.
 * @param sealedContext the sealed {@link dev.mfastepup.crypto.StepUpContext}.
 * @param key the audience and scope the step-up is for.
 * @param requirements Auth0's {@code mfa_requirements}, or {@code null}.
 * @param createdAt when the context was sealed.
 * @param challenge the pending challenge or out-of-band enrollment, or {@code null}.
 * @param returnTo where the user goes once the step-up is done, or {@code null} when nobody said.
 * @serial exclude
 * @since 0.1
 */
public record PendingStepUp(
        String flowId,
        String sealedContext,
        TokenKey key,
        StepUpRequirements requirements,
        Instant createdAt,
        Challenge challenge,
        ReturnTo returnTo) implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * Checks for nulls.
     *
     * @param flowId the opaque id of the flow: 128 random bits, base64url.
     * @param sealedContext the sealed {@link dev.mfastepup.crypto.StepUpContext}.
     * @param key the audience and scope the step-up is for.
     * @param requirements Auth0's {@code mfa_requirements}, or {@code null}.
     * @param createdAt when the context was sealed.
     * @param challenge the pending challenge or out-of-band enrollment, or {@code null}.
     * @param returnTo where the user goes once the step-up is done, or {@code null} when nobody said.
     */
    public PendingStepUp {
        Objects.requireNonNull(flowId, "flowId cannot be null");
        Objects.requireNonNull(sealedContext, "sealedContext cannot be null");
        Objects.requireNonNull(key, "key cannot be null");
        Objects.requireNonNull(createdAt, "createdAt cannot be null");
    }

    /**
     * Returns a copy with another sealed context and challenge.
     *
     * @param sealed the new sealed context.
     * @param newChallenge the new challenge, or {@code null}.
     * @return the copy.
     */
    public PendingStepUp with(String sealed, Challenge newChallenge) {
        return new PendingStepUp(flowId, sealed, key, requirements, createdAt, newChallenge, returnTo);
    }

    /**
     * Returns a copy that remembers where the user goes afterwards.
     *
     * @param destination where to go, or {@code null}.
     * @return the copy.
     */
    public PendingStepUp withReturnTo(ReturnTo destination) {
        return new PendingStepUp(flowId, sealedContext, key, requirements, createdAt, challenge, destination);
    }

    /** Leaves the sealed context out. */
    @Override
    public String toString() {
        return "PendingStepUp[flowId=" + flowId + ", key=" + key + ", createdAt=" + createdAt
                + ", challenge=" + challenge + ", returnTo=" + returnTo + "]";
    }

    /**
     * Where the user goes once the step-up is done: the page that asked for it.
     *
     * @param path the context-relative path and query of a same-origin GET request, starting with one {@code /}.
     * @param repeatAction {@code true} when the request that needed the step-up was not a GET (a form post); it is
     *        never replayed, the user is brought back to the page they came from and asked to repeat the action.
     * @serial exclude
     */
    public record ReturnTo(String path, boolean repeatAction) implements Serializable {

        private static final long serialVersionUID = 1L;

        /**
         * Checks for null.
         *
         * @param path the context-relative path and query of a same-origin GET request, starting with one {@code /}.
         * @param repeatAction {@code true} when the request that needed the step-up was not a GET (a form post); it is
         *        never replayed, the user is brought back to the page they came from and asked to repeat the action.
         */
        public ReturnTo {
            Objects.requireNonNull(path, "path cannot be null");
        }
    }

    /**
     * A challenge sent, or an out-of-band enrollment started, whose code the user has yet to enter. The
     * out-of-band code itself is sealed in the context, not here.
     *
     * @param factor the factor challenged or being enrolled.
     * @param authenticatorId the authenticator challenged, or {@code null} for an enrollment.
     * @param enrollment {@code true} when this confirms a new enrollment rather than a challenge.
     * @param bindingRequired {@code true} when the user must type the code Auth0 sent.
     * @param sentAt when the challenge was sent.
     * @param pollIntervalSeconds for push: how long to wait before the next poll; grows on {@code slow_down}.
     * @param lastPolledAt for push: when Auth0 was last asked, or {@code null}.
     * @serial exclude
     */
    public record Challenge(
            Factor factor,
            String authenticatorId,
            boolean enrollment,
            boolean bindingRequired,
            Instant sentAt,
            int pollIntervalSeconds,
            Instant lastPolledAt) implements Serializable {

        private static final long serialVersionUID = 1L;

        /**
         * Returns a copy after a poll.
         *
         * @param intervalSeconds the interval to wait before the next poll.
         * @param polledAt when this poll was made.
         * @return the copy.
         */
        public Challenge polled(int intervalSeconds, Instant polledAt) {
            return new Challenge(factor, authenticatorId, enrollment, bindingRequired, sentAt, intervalSeconds,
                    polledAt);
        }
    }
}
