/**
 * The module's configuration: the immutable {@link dev.mfastepup.config.MfaStepUpConfig} and
 * {@link dev.mfastepup.config.StepUpLimits}, read once from MicroProfile Config under the prefix
 * {@code mfa-stepup.} and validated at deployment by {@link dev.mfastepup.config.MfaStepUpConfigReader} and
 * {@link dev.mfastepup.config.StepUpLimitsReader}; the rules a secret must meet ({@link
 * dev.mfastepup.config.SecretRules}); and the qualifier of the module's clock.
 *
 * <p><strong>Internal.</strong> Nothing here is API: its types are public only so that the module's packages can
 * use each other, and they may change in any release. The API is listed in {@code docs/api.md}.
 */
package dev.mfastepup.config;
