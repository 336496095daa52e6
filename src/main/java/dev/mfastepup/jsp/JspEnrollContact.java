package dev.mfastepup.jsp;

import dev.mfastepup.Factor;
import dev.mfastepup.service.EnrollmentRequest;
import dev.mfastepup.service.MfaService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * {@code /mfa/enroll-contact?factor=sms|voice|email}: asks for the phone number or email address to enroll, checks
 * it before anything goes to Auth0, enrolls it (Auth0 sends the code) and goes on to the code page.
 */
@ApplicationScoped
class JspEnrollContact implements JspPage {

    /** The name of the input of the number or address. */
    static final String CONTACT_INPUT = "mfa:contact";

    private MfaService mfa;

    JspEnrollContact() {
        // for CDI's proxy
    }

    @Inject
    JspEnrollContact(MfaService mfa) {
        this.mfa = mfa;
    }

    @Override
    public void show(JspExchange page) {
        render(page, "");
    }

    @Override
    public void act(JspExchange page) {
        Factor factor = factor(page);
        String contact = page.param(CONTACT_INPUT);
        try {
            EnrollmentRequest request = switch (factor) {
                case VOICE -> EnrollmentRequest.voice(contact);
                case EMAIL -> EnrollmentRequest.email(contact);
                default -> EnrollmentRequest.sms(contact);
            };
            mfa.enroll(page.flowId(), request);
            page.toPage("code", page.flowId());
        } catch (RuntimeException failure) {
            page.fail(failure, "contact", factor == Factor.EMAIL ? "error.email" : "error.phone");
        }
        if (!page.answered()) {
            render(page, contact);
        }
    }

    /** The factor being set up: SMS, voice or email; SMS for anything else. */
    private static Factor factor(JspExchange page) {
        return Factor.fromWireName(page.param("factor")).filter(Factor::deliversCode).orElse(Factor.SMS);
    }

    private void render(JspExchange page, String contact) {
        Factor factor = factor(page);
        page.set("factor", factor.wireName());
        page.set("phone", factor != Factor.EMAIL);
        page.set("contact", contact == null ? "" : contact);
        page.render("enroll-contact");
    }
}
