/**
 * The CDI events of MFA step-up, for audit logs, metrics and application reactions: every outcome of every flow
 * ({@link dev.mfastepup.event.StepUpEvent}), a flow started ({@link dev.mfastepup.event.StepUpStarted}) and a flow
 * completed ({@link dev.mfastepup.event.StepUpCompleted}); and the security events as log lines, every step and
 * refusal with pseudonyms and a correlation id ({@link dev.mfastepup.event.SecurityLog}). They carry no token and
 * no code.
 *
 * <p><strong>API:</strong> the events {@link dev.mfastepup.event.StepUpEvent},
 * {@link dev.mfastepup.event.StepUpStarted} and {@link dev.mfastepup.event.StepUpCompleted}. The other public types
 * here are internal: public only so that the module's packages can use each other, and they may change in any
 * release ({@code docs/api.md}).
 */
package dev.mfastepup.event;
