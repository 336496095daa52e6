/**
 * The CDI events of MFA step-up, for audit logs, metrics and application reactions: a flow started
 * ({@link dev.mfastepup.event.StepUpStarted}) and a flow completed ({@link dev.mfastepup.event.StepUpCompleted});
 * and the security events as log lines, every step and refusal with pseudonyms and a correlation id
 * ({@link dev.mfastepup.event.SecurityLog}). They carry no token and no code.
 */
package dev.mfastepup.event;
