/**
 * The servlet filter that turns Auth0's {@code mfa_required} into a step-up: {@link
 * dev.mfastepup.filter.MfaStepUpFilter} catches {@link dev.mfastepup.token.MfaRequiredException} anywhere in the
 * cause chain, remembers a safe return path ({@link dev.mfastepup.filter.ReturnPaths}), and answers by
 * {@linkplain dev.mfastepup.filter.CallerKind caller kind}: a page goes to the MFA pages
 * ({@link dev.mfastepup.filter.MfaPages}), a Faces ajax request gets a {@code partial-response} redirect, an API
 * caller a {@code 401} with JSON. A demand for MFA right after a completed step-up gets an error, never another
 * redirect.
 */
package dev.mfastepup.filter;
