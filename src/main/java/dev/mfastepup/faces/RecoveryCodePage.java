package dev.mfastepup.faces;

import dev.mfastepup.filter.ReturnPaths;
import dev.mfastepup.pages.QrCodes;
import dev.mfastepup.session.PendingStepUp.ReturnTo;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import java.util.Map;

/**
 * {@code /mfa/recovery-code.xhtml}: shows a new recovery code once, in the response to the verification that
 * produced it (it is kept nowhere), and goes on only after the user confirmed they saved it.
 *
 * @since 0.1
 */
@Named
@RequestScoped
public class RecoveryCodePage {

    private String recoveryCode;
    private String returnPath;
    private boolean repeatAction;
    private boolean saved;
    private boolean replacement;

    void show(String code, ReturnTo destination, boolean replacesUsedCode) {
        this.recoveryCode = code;
        this.replacement = replacesUsedCode;
        this.returnPath = destination == null ? "/" : destination.path();
        this.repeatAction = destination != null && destination.repeatAction();
    }

    /** @return the new recovery code, in groups of four; empty when the page was not reached by a verification. */
    public String getRecoveryCode() {
        return recoveryCode == null ? "" : QrCodes.grouped(recoveryCode);
    }

    /** @return whether the code replaces one just used, rather than being the first one of a new enrollment. */
    public boolean isReplacement() {
        return replacement;
    }

    /** @return whether there is a code to show. */
    public boolean isShown() {
        return recoveryCode != null;
    }

    /** @return where the user goes next, for the hidden field. */
    public String getReturnPath() {
        return returnPath;
    }

    /** @return whether the user has to repeat a form post, for the hidden field. */
    public boolean isRepeatAction() {
        return repeatAction;
    }

    /** @return whether the user ticked "I have saved it". */
    public boolean isSaved() {
        return saved;
    }

    /** @param saved whether the user ticked "I have saved it". */
    public void setSaved(boolean saved) {
        this.saved = saved;
    }

    /**
     * Goes on, once the user confirmed that the code is saved.
     *
     * @return {@code null}: the user is redirected, or stays with a message.
     */
    public String proceed() {
        Map<String, String> params = FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap();
        String path = ReturnPaths.safePath(params.get("return")).orElse("/");
        return MfaPageBean.finish(new ReturnTo(path, "true".equals(params.get("repeat"))));
    }
}
