/**
 * Access tokens per API audience and scope, cached in the session and refreshed with the user's refresh token
 * ({@link dev.mfastepup.token.AccessTokenService}); Auth0's {@code mfa_required} answer becomes a step-up flow
 * and a {@link dev.mfastepup.token.MfaRequiredException}. Where the refresh token comes from is the
 * {@link dev.mfastepup.token.RefreshTokenSource} SPI. A demand that only Universal Login can meet (a recent second
 * factor, a downstream API's RFC 9470 challenge) is an
 * {@link dev.mfastepup.token.InsufficientUserAuthenticationException}, which {@code MfaStepUpFilter} answers.
 */
package dev.mfastepup.token;
