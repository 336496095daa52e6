/**
 * The module's configuration: one immutable {@link dev.mfastepup.config.MfaStepUpConfig}, read once from
 * MicroProfile Config under the prefix {@code mfa-stepup.} and validated at deployment by
 * {@link dev.mfastepup.config.MfaStepUpConfigReader}.
 *
 * <p><strong>Internal.</strong> Nothing here is API: its types are public only so that the module's packages can
 * use each other, and they may change in any release. The API is listed in {@code docs/api.md}.
 */
package dev.mfastepup.config;
