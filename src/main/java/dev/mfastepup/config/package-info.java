/**
 * The module's configuration: one immutable {@link dev.mfastepup.config.MfaStepUpConfig}, read once from
 * MicroProfile Config under the prefix {@code mfa-stepup.} and validated at deployment by
 * {@link dev.mfastepup.config.MfaStepUpConfigReader}.
 */
package dev.mfastepup.config;
