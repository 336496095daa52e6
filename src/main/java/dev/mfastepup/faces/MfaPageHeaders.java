package dev.mfastepup.faces;

import dev.mfastepup.filter.MfaPages;
import dev.mfastepup.pages.PageHeaders;
import dev.mfastepup.pages.PagesConfig;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.PhaseEvent;
import jakarta.faces.event.PhaseId;
import jakarta.faces.event.PhaseListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Sets the security headers of every Faces MFA page before it renders ({@link PageHeaders}).
 *
 * <p>It is registered in the jar's {@code faces-config.xml}, so it works even where the application's
 * {@code web.xml} is {@code metadata-complete}; it touches no page outside {@code /mfa/}.
 *
 * @since 0.1
 */
public class MfaPageHeaders implements PhaseListener {

    private static final long serialVersionUID = 1L;

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
            PageHeaders.apply(request, response, pagesConfig());
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
}
