/**
 * Per-action freshness: a second factor given within the last N seconds before an action runs, even when a token is
 * cached. {@link dev.mfastepup.freshness.FreshSecondFactor} on a CDI bean's method, or
 * {@link dev.mfastepup.filter.FreshSecondFactorFilter} on URL patterns; both throw
 * {@link dev.mfastepup.token.InsufficientUserAuthenticationException}, which {@code MfaStepUpFilter} turns into a
 * step-up through Universal Login, or through the MFA pages when that road is off. See
 * {@code docs/universal-login.md}.
 *
 * <p><strong>API:</strong> {@link dev.mfastepup.freshness.FreshSecondFactor}. Its interceptor is internal.
 *
 * @since 0.2
 */
package dev.mfastepup.freshness;
