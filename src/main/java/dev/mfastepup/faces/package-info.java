/**
 * The bundled MFA pages in Jakarta Faces, the default set: their request-scoped beans, navigation, the headers'
 * phase listener and the initializer that maps the pages' request guard, on top of what {@code pages} shares with
 * the JSP set and of {@link dev.mfastepup.service.MfaService}. The pages are used by URL
 * ({@code /mfa/index.xhtml?flow=...}) and configured under {@code mfa-stepup.pages.}.
 *
 * <p><strong>Internal.</strong> Nothing here is API: the beans are public only so that the pages' expressions can
 * reach them, and they may change in any release. The API is listed in {@code docs/api.md}.
 */
package dev.mfastepup.faces;
