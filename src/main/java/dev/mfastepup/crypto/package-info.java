/**
 * Keeps the step-up context safe while the user completes MFA. When Auth0 answers a token request with
 * {@code mfa_required}, the module puts Auth0's raw {@code mfa_token}, the audience and scope to ask for again, the
 * offered factors and the flow's binding (flow id, user, Auth0 domain) into a {@link dev.mfastepup.crypto.StepUpContext},
 * and a {@link dev.mfastepup.crypto.ContextSealer} turns it into an encrypted, authenticated string (a JWE compatible
 * with the Auth0 Python SDK) that is all the session ever stores. Each later step of the flow opens that string
 * again, which fails as invalid if it was tampered with, sealed with an unknown secret or belongs to another flow,
 * and as expired once it outlives its time to live; the key comes from the application secret through
 * {@link dev.mfastepup.crypto.Hkdf}.
 *
 * <p><strong>Internal.</strong> Nothing here is API: its types are public only so that the module's packages can
 * use each other, and they may change in any release. The API is listed in {@code docs/api.md}.
 *
 * @since 0.1
 */
package dev.mfastepup.crypto;
