/**
 * The MFA pages in JSP, for applications that do not run Faces ({@code mfa-stepup.pages=jsp}):
 * {@link dev.mfastepup.jsp.JspPagesServlet}, which the jar maps itself to {@code /mfa/start} and the pages beside it,
 * hands each request to its page, which prepares a view under {@code /mfa/jsp/} and forwards to it. Every form is
 * bound to the session and the flow by a token of its own; every value in a view is escaped.
 *
 * <p><strong>Internal.</strong> Nothing here is API but what {@code docs/api.md} lists; it may change in any
 * release.
 */
package dev.mfastepup.jsp;
