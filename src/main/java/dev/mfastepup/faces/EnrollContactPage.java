package dev.mfastepup.faces;

import dev.mfastepup.Factor;
import dev.mfastepup.service.EnrollmentRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;

/**
 * {@code /mfa/enroll-contact.xhtml?factor=sms|voice|email}: asks for the phone number or email address to enroll,
 * checks it before anything goes to Auth0, enrolls it (Auth0 sends the code) and goes on to the code page.
 *
 * @since 0.1
 */
@Named
@RequestScoped
public class EnrollContactPage extends MfaPageBean {

    private Factor factor;
    private String contact;

    /** @return the factor being set up: SMS, voice or email. */
    public Factor getFactor() {
        if (factor == null) {
            String name = FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap().get("factor");
            factor = Factor.fromWireName(name).filter(Factor::deliversCode).orElse(Factor.SMS);
        }
        return factor;
    }

    /** @return whether a phone number is asked for (SMS, voice), rather than an email address. */
    public boolean isPhone() {
        return getFactor() != Factor.EMAIL;
    }

    /** @return the number or address typed. */
    public String getContact() {
        return contact;
    }

    /** @param contact the number or address typed. */
    public void setContact(String contact) {
        this.contact = contact;
    }

    /**
     * Enrolls the number or address; Auth0 sends a code to it.
     *
     * @return {@code null}: the user stays (a message says what is wrong) or is redirected to the code page.
     */
    public String send() {
        try {
            EnrollmentRequest request = switch (getFactor()) {
                case VOICE -> EnrollmentRequest.voice(contact);
                case EMAIL -> EnrollmentRequest.email(contact);
                default -> EnrollmentRequest.sms(contact);
            };
            mfa.enroll(getFlowId(), request);
            MfaNavigation.toPage("code.xhtml", getFlowId());
        } catch (RuntimeException failure) {
            fail(failure, "contact");
        }
        return null;
    }

    @Override
    String inputErrorKey() {
        return isPhone() ? "error.phone" : "error.email";
    }
}
