package dev.mfastepup.faces;

import dev.mfastepup.pages.FailureAnswer;
import dev.mfastepup.service.Verification;

/** A page where the user types a code: an app's, one Auth0 sent, or a recovery code. */
abstract class CodeEntryPage extends MfaPageBean {

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
     * Verifies and moves on; a failure shows on the page, next to the code. The code stays in its field for a try
     * again, unless Auth0 may have used it up (the answer was lost): then the field is empty for a new one.
     */
    String verifyWith(Verification verification) {
        try {
            return onVerified(mfa.verify(getFlowId(), verification));
        } catch (RuntimeException failure) {
            if (fail(failure, CODE_FIELD) instanceof FailureAnswer.Stay stay && stay.codeUsedUp()) {
                code = null;
            }
            return null;
        }
    }
}
