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
public class RecoveryPage extends MfaPageBean {

    private String code;

    /** @return the code the user typed. */
    public String getCode() {
        return code;
    }

    /** @param code the code the user typed. */
    public void setCode(String code) {
        this.code = code;
    }

    /**
     * Verifies the recovery code.
     *
     * @return the page that shows the new recovery code, or {@code null} to stay or after a redirect.
     */
    public String verify() {
        try {
            return onVerified(mfa.verify(getFlowId(), new Verification.RecoveryCode(code)));
        } catch (RuntimeException failure) {
            fail(failure, "code");
            return null;
        }
    }

    /**
     * Goes back to the choice of methods.
     *
     * @return {@code null}: the user is redirected.
     */
    public String tryAnother() {
        MfaNavigation.toPage("index.xhtml", getFlowId());
        return null;
    }

    @Override
    String inputErrorKey() {
        return "error.recoveryCode";
    }
}
