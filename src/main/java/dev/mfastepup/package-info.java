/**
 * MFA step-up for Jakarta EE web applications that sign in with Auth0: the error type every part throws
 * ({@link dev.mfastepup.MfaException}, with stable {@link dev.mfastepup.ErrorCodes}) and the
 * {@link dev.mfastepup.Factor factors} the MFA API offers.
 *
 * <p>The request path: an application asks {@link dev.mfastepup.token.AccessTokenService} for a token; when Auth0
 * answers {@code mfa_required}, a step-up flow begins ({@link dev.mfastepup.session}) and
 * {@link dev.mfastepup.service.MfaService} lists, enrolls, challenges and verifies factors through
 * {@link dev.mfastepup.client.Auth0Client} until the token is in the session.
 */
package dev.mfastepup;
