/**
 * What both sets of MFA pages share, without Faces: what a page does about each failure of a step
 * ({@link dev.mfastepup.pages.PageFailures}), what the error page shows ({@link dev.mfastepup.pages.ErrorDetails}),
 * the texts in four languages ({@link dev.mfastepup.pages.PageTexts}), the security headers
 * ({@link dev.mfastepup.pages.PageHeaders}), the server-rendered QR codes and the pages' settings
 * ({@link dev.mfastepup.pages.PagesConfig}). The Faces pages ({@code faces}) and the JSP pages ({@code jsp}) show
 * these; the flow's logic stays in {@link dev.mfastepup.service.MfaService}.
 *
 * <p><strong>Internal.</strong> Nothing here is API but what {@code docs/api.md} lists; it may change in any
 * release.
 */
package dev.mfastepup.pages;
