package dev.mfastepup.pages;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The security headers of every MFA page, of either set: HTTPS only (HSTS, over HTTPS), no caching (the pages show
 * QR codes, secrets and recovery codes), no framing (clickjacking), no referrer, no MIME sniffing, and a content
 * security policy that allows only this origin's scripts and styles and {@code data:} images (the QR codes).
 *
 * @since 0.2
 */
public final class PageHeaders {

    /** The content security policy of the MFA pages. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private PageHeaders() {
        // static only
    }

    /**
     * Sets the headers on a response of an MFA page. Over HTTPS, {@code Strict-Transport-Security} asks the
     * browser to use nothing else for {@link PagesConfig#hstsMaxAgeSeconds()} (a year by default); it carries
     * {@code includeSubDomains} only when {@value PagesConfig#KEY_HSTS_INCLUDE_SUBDOMAINS} is {@code true}, since it
     * would bind every other host of the domain as well. Over plain HTTP the header is left out: browsers ignore it
     * there (RFC 6797, section 8.1). Behind a proxy that ends TLS, the server must know the request came over HTTPS
     * (on Payara, the listener's {@code scheme-mapping} to {@code X-Forwarded-Proto}), or set the header at the
     * proxy.
     *
     * @param request the request, for whether it came over HTTPS.
     * @param response the response, not yet committed.
     * @param pages the pages' settings.
     */
    public static void apply(HttpServletRequest request, HttpServletResponse response, PagesConfig pages) {
        if (request.isSecure()) {
            response.setHeader("Strict-Transport-Security", pages.strictTransportSecurity());
        }
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Pragma", "no-cache");
        response.setDateHeader("Expires", 0);
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Content-Type-Options", "nosniff");
    }
}
