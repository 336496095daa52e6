package dev.mfastepup.event;

import dev.mfastepup.StepUpRequirements;
import java.time.Instant;

/**
 * Fired (as a CDI event) when Auth0 answered {@code mfa_required} and a step-up flow began. Observe it for audit
 * logs or metrics:
 * <pre>
 * void onStepUp(&#64;Observes StepUpStarted event) { audit.log("mfa.started", event.subject(), event.audience()); }
 * </pre>
 *
 * @param flowId the opaque flow id.
 * @param subject the user's {@code sub}.
 * @param audience the API audience the step-up is for; empty for the default audience.
 * @param scope the requested scope; possibly empty.
 * @param requirements Auth0's {@code mfa_requirements}, or {@code null}.
 * @param chained {@code true} when a verified factor was not enough and Auth0 asks for another one.
 * @param at when the flow began.
 * @since 0.1
 */
public record StepUpStarted(String flowId, String subject, String audience, String scope,
        StepUpRequirements requirements, boolean chained, Instant at) {
}
