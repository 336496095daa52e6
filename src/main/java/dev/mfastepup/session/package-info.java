/**
 * What the module keeps in the user's {@code HttpSession}: the access tokens per audience and scope
 * ({@link dev.mfastepup.session.SessionTokens}) and the step-ups in progress
 * ({@link dev.mfastepup.session.PendingStepUps}), each holding Auth0's {@code mfa_token} only sealed, and the
 * random value that binds those sealed contexts to the session ({@link dev.mfastepup.session.SessionBinding}).
 * Everything here is small and {@code Serializable}, so that sessions can be replicated or passivated.
 *
 * <p>Other packages go through one front per kind of state, as Spring Security's {@code RequestCache} does for the
 * saved request: {@link dev.mfastepup.session.SessionTokenStore} for the tokens and
 * {@link dev.mfastepup.session.StepUpFlows} for the flows. Only they read and write the session attributes, and
 * they write every change back, so that a replicating container sees it. The holders' changing methods are
 * package-private.
 *
 * <p><strong>Internal.</strong> Nothing here is API: its types are public only so that the module's packages can
 * use each other, and they may change in any release. The API is listed in {@code docs/api.md}.
 */
package dev.mfastepup.session;
