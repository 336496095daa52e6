package dev.mfastepup.faces;

import dev.mfastepup.service.Verification;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

/**
 * {@code /mfa/recovery.xhtml}: signs in with a recovery code. Auth0 answers with a new code, which the next page
 * shows once.
 *
 * @since 0.1
 */
@Named
@RequestScoped
public class RecoveryPage extends CodeEntryPage {


    /**
     * Verifies the recovery code.
     *
     * @return the page that shows the new recovery code, or {@code null} to stay or after a redirect.
     */
    public String verify() {
        return verifyWith(new Verification.RecoveryCode(getCode()));
    }

    @Override
    String inputErrorKey() {
        return "error.recoveryCode";
    }
}
