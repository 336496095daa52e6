/**
 * The CDI events of MFA step-up, for audit logs, metrics and application reactions: a flow started
 * ({@link dev.mfastepup.event.StepUpStarted}) and a flow completed ({@link dev.mfastepup.event.StepUpCompleted}).
 * They carry no token and no code.
 */
package dev.mfastepup.event;
