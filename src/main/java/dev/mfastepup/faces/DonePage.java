package dev.mfastepup.faces;

import dev.mfastepup.filter.ReturnPaths;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;

/**
 * {@code /mfa/done.xhtml?return=...}: after a step-up that interrupted a form post. The post is never replayed (an
 * attacker's cross-site post must not run once the user completed MFA); the user goes back to the page and repeats
 * the action.
 *
 * @since 0.1
 */
@Named
@RequestScoped
public class DonePage {

    /** @return the context path plus the page to go back to. */
    public String getReturnUrl() {
        FacesContext faces = FacesContext.getCurrentInstance();
        String path = ReturnPaths.safePath(faces.getExternalContext().getRequestParameterMap().get("return")).orElse("/");
        return faces.getExternalContext().getRequestContextPath() + path;
    }
}
