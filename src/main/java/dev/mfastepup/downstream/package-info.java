/**
 * RFC 9470 from downstream APIs: {@link dev.mfastepup.downstream.StepUpChallenges} and
 * {@link dev.mfastepup.downstream.StepUpChallengeFilter} turn an API's {@code insufficient_user_authentication}
 * challenge into a step-up through Universal Login with its {@code acr_values} and {@code max_age}. See
 * {@code docs/universal-login.md}.
 *
 * <p><strong>API:</strong> both named above. The challenge reader behind them is internal.
 *
 * @since 0.2
 */
package dev.mfastepup.downstream;
