/**
 * The web side of the step-up through Universal Login: {@link dev.mfastepup.hosted.UniversalLoginServlet} sends
 * the browser to Auth0's {@code /authorize} and takes its answer back, and
 * {@link dev.mfastepup.service.UniversalLoginStepUp} does the work. See {@code docs/universal-login.md}.
 *
 * <p><strong>Internal.</strong> Nothing here is API: the jar registers the servlet itself.
 *
 * @since 0.2
 */
package dev.mfastepup.hosted;
