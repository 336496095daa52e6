package dev.mfastepup.faces;

import dev.mfastepup.Factor;
import dev.mfastepup.filter.MfaPages;
import dev.mfastepup.hosted.UniversalLoginServlet;
import dev.mfastepup.pages.PagesConfig;
import dev.mfastepup.service.ChallengeSent;
import dev.mfastepup.service.Enrollment;
import dev.mfastepup.service.EnrollmentRequest;
import dev.mfastepup.service.MfaAuthenticator;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /mfa/index.xhtml}: the start of a step-up. With enrolled authenticators the user picks one (the first is
 * preselected); with none, or when Auth0 asks for an enrollment, the user picks a factor to set up.
 *
 * @since 0.1
 */
@Named
@RequestScoped
public class StartPage extends MfaPageBean {

    /** The order in which factors are offered for enrollment: the strongest first. */
    private static final List<Factor> ENROLL_ORDER = List.of(Factor.PUSH, Factor.OTP, Factor.SMS, Factor.VOICE,
            Factor.EMAIL);

    @Inject
    EnrollAppPage enrollAppPage;

    @Inject
    PushPage pushPage;

    @Inject
    PagesConfig pages;

    private List<MfaAuthenticator> authenticators;
    /** Whether asking Auth0 for the list failed in this request: the failure has been answered already. */
    private boolean listFailed;
    private List<Factor> enrollable;
    private String selected;

    /** The view action: loads the flow and the user's authenticators, and preselects the first one. */
    public void load() {
        requireFlow();
        if (flow().isPresent() && universalLogin.only()) {
            // An API caller's client may send the user here: with Universal Login the only road, it goes there.
            MfaNavigation.toUniversalLogin(getFlowId());
        } else if (flow().isPresent()) {
            selected = usable().stream().findFirst().map(MfaAuthenticator::id).orElse(null);
        }
    }

    /**
     * The user's authenticators, asked of Auth0 once per request: on the first render and again on a post, where
     * the page's {@code rendered} conditions (and so which button was pressed) depend on them.
     */
    private List<MfaAuthenticator> authenticators() {
        if (authenticators == null) {
            authenticators = List.of();
            if (flow().isPresent()) {
                try {
                    authenticators = mfa.listAuthenticators(getFlowId());
                } catch (RuntimeException failure) {
                    listFailed = true;
                    fail(failure, null);
                }
            }
        }
        return authenticators;
    }

    /**
     * Tells whether the page offers enrollment: Auth0 asks for it, or nothing enrolled can be used here.
     *
     * @return {@code true} to show the factors to set up.
     */
    public boolean isEnrolling() {
        return flow().map(f -> f.requiresEnrollment()).orElse(false) || usable().isEmpty();
    }

    /** @return the authenticators the user can be challenged with, in Auth0's order, recovery codes left out. */
    public List<MfaAuthenticator> getUsable() {
        return usable();
    }

    /** @return the authenticators listed but not usable here (WebAuthn, for example). */
    public List<MfaAuthenticator> getUnsupported() {
        return authenticators().stream().filter(a -> a.supportedFactor().isEmpty()).toList();
    }

    /** @return whether a recovery code may be used instead. */
    public boolean isRecoveryCodeOffered() {
        return authenticators().stream().anyMatch(a -> a.factor() == Factor.RECOVERY_CODE);
    }

    /** @return the factors the user may set up, strongest first. */
    public List<Factor> getEnrollable() {
        if (enrollable == null) {
            enrollable = new ArrayList<>();
            // Which factors may be enrolled can depend on Auth0's list: when asking for it failed, the page already
            // says so, and asking again would only fail again, outside the page's handling.
            if (flow().isPresent() && !listFailed) {
                try {
                    Set<Factor> allowed = mfa.enrollableFactors(getFlowId());
                    ENROLL_ORDER.stream().filter(allowed::contains).forEach(enrollable::add);
                } catch (RuntimeException failure) {
                    listFailed = true;
                    fail(failure, null);
                }
            }
        }
        return enrollable;
    }

    /**
     * Returns the link to verify through Universal Login instead: the module's own step-up through Universal Login
     * for this flow when it is on (a security key works there), else the static link of the configuration.
     *
     * @return the URL, or {@code null} when there is neither.
     */
    public String getFallbackUrl() {
        if (universalLogin.enabled() && flow().isPresent()) {
            String contextPath = FacesContext.getCurrentInstance().getExternalContext().getRequestContextPath();
            return contextPath + UniversalLoginServlet.startPath(getFlowId());
        }
        return pages.universalLoginUrl().map(Object::toString).orElse(null);
    }

    /**
     * Tells whether to offer Universal Login beside the usable methods ("try another way"): the user also has one
     * this page cannot use, such as a security key, and the module's Universal Login road is on.
     *
     * @return whether to show the link below the methods.
     */
    public boolean isAnotherWayOffered() {
        return universalLogin.enabled() && !usable().isEmpty() && !getUnsupported().isEmpty();
    }

    /** @return the id of the authenticator chosen. */
    public String getSelected() {
        return selected;
    }

    /** @param selected the id of the authenticator chosen. */
    public void setSelected(String selected) {
        this.selected = selected;
    }

    /**
     * Challenges the chosen authenticator and goes to the page that asks for its code or waits for the push.
     *
     * @return {@code null}: the user is redirected.
     */
    public String continueWith() {
        try {
            Optional<MfaAuthenticator> chosen = authenticators().stream()
                    .filter(a -> a.id().equals(selected) && a.supportedFactor().isPresent()).findFirst();
            if (chosen.isEmpty()) {
                message("authenticator", "error.choose");
                return null;
            }
            ChallengeSent sent = mfa.challenge(getFlowId(), chosen.get());
            MfaNavigation.toPage(sent.factor() == Factor.PUSH ? "push.xhtml" : "code.xhtml", getFlowId());
        } catch (RuntimeException failure) {
            fail(failure, "authenticator");
        }
        return null;
    }

    /**
     * Starts setting up a factor: an authenticator app or push shows its QR code at once; a phone number or email
     * address is asked for first.
     *
     * @param factorName the factor's wire name, such as {@code otp} or {@code sms}.
     * @return the page to show (the QR code of an app), or {@code null} after a redirect.
     */
    public String enroll(String factorName) {
        Factor factor = Factor.fromWireName(factorName).filter(getEnrollable()::contains).orElse(null);
        if (factor == null) {
            message(null, "error.unsupported");
            return null;
        }
        if (factor.deliversCode()) {
            MfaNavigation.redirect(MfaPages.PATH + "enroll-contact.xhtml?flow=" + MfaNavigation.encode(getFlowId())
                    + "&factor=" + factor.wireName());
            return null;
        }
        try {
            Enrollment enrollment = mfa.enroll(getFlowId(), factor == Factor.OTP ? EnrollmentRequest.otp()
                    : EnrollmentRequest.push());
            if (factor == Factor.OTP) {
                enrollAppPage.show(getFlowId(), enrollment);
                return MfaPages.PATH + "enroll-app.xhtml";
            }
            pushPage.showEnrollment(getFlowId(), enrollment);
            return MfaPages.PATH + "push.xhtml";
        } catch (RuntimeException failure) {
            fail(failure, null);
            return null;
        }
    }

    /**
     * Goes to the recovery-code page.
     *
     * @return {@code null}: the user is redirected.
     */
    public String useRecoveryCode() {
        MfaNavigation.toPage("recovery.xhtml", getFlowId());
        return null;
    }

    /**
     * Ends the flow and goes to the configured cancel page.
     *
     * @return {@code null}: the user is redirected.
     */
    public String cancel() {
        mfa.cancel(getFlowId());
        MfaNavigation.redirect(pages.cancelPath());
        return null;
    }

    private List<MfaAuthenticator> usable() {
        return authenticators().stream()
                .filter(a -> a.supportedFactor().isPresent() && a.factor() != Factor.RECOVERY_CODE).toList();
    }

    /** @return whether there is nothing to use and nothing to set up. */
    public boolean isStuck() {
        return isEnrolling() && getEnrollable().isEmpty();
    }

}
