package dev.mfastepup.event;

import dev.mfastepup.Factor;
import java.time.Instant;

/**
 * Fired (as a CDI event) when a step-up flow completed: Auth0 issued the token, it is in the session, and the
 * session id was renewed. Observers run synchronously in the verifying request; keep them short.
 *
 * @param flowId the opaque flow id; {@code null} for a step-up through Universal Login that no flow of the MFA
 *        pages started (a recent factor, a downstream API's challenge).
 * @param subject the user's {@code sub}.
 * @param audience the API audience the token is for; empty for the default audience.
 * @param scope the requested scope; possibly empty.
 * @param factor the factor the user verified with; {@code null} when it was given at Universal Login, which does
 *        not say which.
 * @param at when the flow completed.
 * @since 0.1
 */
public record StepUpCompleted(String flowId, String subject, String audience, String scope, Factor factor,
        Instant at) {
}
