/**
 * The servlet filter that turns Auth0's {@code mfa_required} into a step-up: {@link
 * dev.mfastepup.filter.MfaStepUpFilter} catches {@link dev.mfastepup.token.MfaRequiredException} anywhere in the
 * cause chain, remembers a safe return path ({@link dev.mfastepup.filter.ReturnPaths}), and answers by
 * {@linkplain dev.mfastepup.filter.CallerKind caller kind}: a page goes to the MFA pages
 * ({@link dev.mfastepup.filter.MfaPages}), a Faces ajax request gets a {@code partial-response} redirect, an API
 * caller a {@code 401} with JSON. A demand for MFA right after a completed step-up gets an error, never another
 * redirect. {@link dev.mfastepup.filter.MfaRequestGuard} turns away, before anything reads them, the requests
 * that nothing of the module may serve: a session id in the URL on every path the filter covers, and on the MFA
 * pages the requests that no form of theirs can send.
 *
 * <h2 id="loop-breaker">Loop breaker</h2>
 * <p>When Auth0 asks for a second factor for an audience and scope within {@code loopWindowSeconds} seconds
 * after a step-up for them completed, something is wrong (a rule at Auth0 that never lets the user
 * through, for example). The filter then ends the new flow, logs a warning, and answers with an error that
 * explains instead of another step-up: a page navigation goes ({@code 303}) to {@code /mfa/error.xhtml?reason=loop},
 * which says so in the user's language with status {@code 502}; a Faces ajax request gets a redirect there; an API
 * caller {@code 502} with JSON {@code {"error":"step_up_loop"}}.
 *
 * <h2 id="declarative-mode">Declarative mode</h2>
 * <p>With an {@code audience} init-param the filter gets the token for that audience (and {@code scope})
 * before the application runs, and puts it in the request attribute {@code dev.mfastepup.ACCESS_TOKEN}
 * ({@link dev.mfastepup.filter.MfaStepUpFilter#ATTRIBUTE_ACCESS_TOKEN}). The application reads it from there and
 * needs no step-up code at all:
 * <pre>
 * &lt;filter&gt;
 *     &lt;filter-name&gt;reports-api&lt;/filter-name&gt;
 *     &lt;filter-class&gt;dev.mfastepup.filter.MfaStepUpFilter&lt;/filter-class&gt;
 *     &lt;init-param&gt;
 *         &lt;param-name&gt;audience&lt;/param-name&gt;
 *         &lt;param-value&gt;https://reports.example.com&lt;/param-value&gt;
 *     &lt;/init-param&gt;
 *     &lt;init-param&gt;
 *         &lt;param-name&gt;scope&lt;/param-name&gt;
 *         &lt;param-value&gt;read:reports&lt;/param-value&gt;
 *     &lt;/init-param&gt;
 * &lt;/filter&gt;
 * &lt;filter-mapping&gt;
 *     &lt;filter-name&gt;reports-api&lt;/filter-name&gt;
 *     &lt;url-pattern&gt;/reports/*&lt;/url-pattern&gt;
 * &lt;/filter-mapping&gt;
 *
 * String token = (String) request.getAttribute(MfaStepUpFilter.ATTRIBUTE_ACCESS_TOKEN);
 * </pre>
 * <p>Map it to the paths that need the token, not to {@code /*}: every request it covers gets the token first,
 * images and style sheets included. When nobody is signed in ({@code missing_session}) the request goes on
 * without the attribute, and the login mechanism decides. When Auth0 is unavailable ({@code idp_unavailable},
 * {@code idp_busy}, {@code idp_bad_response}) the caller gets {@code 503} ({@code temporarily_unavailable}), and
 * when the sign-in can no longer get tokens ({@code missing_refresh_token}, {@code invalid_grant},
 * {@code refresh_token_error}) {@code 401} ({@code login_required}): JSON for an API caller; a page navigation
 * and a Faces ajax request go to {@code /mfa/error.xhtml} with {@code reason=unavailable} or {@code reason=signin},
 * which answers with that status in the user's language. Any other
 * {@link dev.mfastepup.token.AccessTokenException} fails closed without reaching the application:
 * {@code identity_mismatch} and Auth0's {@code access_denied} or {@code login_required} are answered like a
 * sign-in that can no longer get tokens; anything else (such as Auth0 refusing this application's credentials, or
 * a tenant that does not match) like Auth0 being unavailable, with a warning in the log that names the error code.
 *
 * <p><strong>API:</strong> {@link dev.mfastepup.filter.MfaStepUpFilter} and
 * {@link dev.mfastepup.filter.FreshSecondFactorFilter}, mapped in {@code web.xml}. The other public
 * types here are internal: public only so that the module's packages can use each other, and they may change in any
 * release ({@code docs/api.md}).
 */
package dev.mfastepup.filter;
