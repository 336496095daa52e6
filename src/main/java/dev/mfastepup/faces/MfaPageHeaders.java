package dev.mfastepup.faces;

import dev.mfastepup.filter.MfaPages;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.PhaseEvent;
import jakarta.faces.event.PhaseId;
import jakarta.faces.event.PhaseListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Sets the security headers of every MFA page before it renders: HTTPS only (HSTS, over HTTPS), no caching (the
 * pages show QR codes, secrets and recovery codes), no framing (clickjacking), no referrer, no MIME sniffing, and a
 * content security policy that allows only this origin's scripts and styles and {@code data:} images (the QR
 * codes).
 *
 * <p>It is registered in the jar's {@code faces-config.xml}, so it works even where the application's
 * {@code web.xml} is {@code metadata-complete}; it touches no page outside {@code /mfa/}.
 *
 * @since 0.1
 */
public class MfaPageHeaders implements PhaseListener {

    private static final long serialVersionUID = 1L;

    /** The content security policy of the MFA pages. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    @Override
    public PhaseId getPhaseId() {
        return PhaseId.RENDER_RESPONSE;
    }

    @Override
    public void beforePhase(PhaseEvent event) {
        FacesContext faces = event.getFacesContext();
        if (faces.getViewRoot() == null || !faces.getViewRoot().getViewId().startsWith(MfaPages.PATH)) {
            return;
        }
        if (faces.getExternalContext().getRequest() instanceof HttpServletRequest request
                && faces.getExternalContext().getResponse() instanceof HttpServletResponse response) {
            apply(request, response, pagesConfig());
        }
    }

    @Override
    public void afterPhase(PhaseEvent event) {
        // headers are set before rendering only
    }

    /**
     * Returns the pages' settings of the running application. Faces makes this listener and the container makes
     * {@link dev.mfastepup.filter.MfaRequestGuard}, so the settings are looked up rather than injected.
     */
    static PagesConfig pagesConfig() {
        return CDI.current().select(PagesConfig.class).get();
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
