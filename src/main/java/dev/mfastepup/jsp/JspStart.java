package dev.mfastepup.jsp;

import dev.mfastepup.Factor;
import dev.mfastepup.filter.PageSet;
import dev.mfastepup.hosted.UniversalLoginServlet;
import dev.mfastepup.pages.PagesConfig;
import dev.mfastepup.service.ChallengeSent;
import dev.mfastepup.service.Enrollment;
import dev.mfastepup.service.EnrollmentRequest;
import dev.mfastepup.service.MfaAuthenticator;
import dev.mfastepup.service.MfaService;
import dev.mfastepup.service.UniversalLoginStepUp;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /mfa/start}: the start of a step-up, as {@code /mfa/index.xhtml} is for the Faces pages. With enrolled
 * authenticators the user picks one (the first is preselected); with none, or when Auth0 asks for an enrollment,
 * the user picks a factor to set up.
 */
@ApplicationScoped
class JspStart implements JspPage {

    /** The order in which factors are offered for enrollment: the strongest first. */
    private static final List<Factor> ENROLL_ORDER = List.of(Factor.PUSH, Factor.OTP, Factor.SMS, Factor.VOICE,
            Factor.EMAIL);
    /** The prefix of the enroll buttons' names; the factor's wire name follows. */
    static final String ENROLL_BUTTON = "mfa:enroll:";

    private MfaService mfa;
    private UniversalLoginStepUp universalLogin;
    private PagesConfig pages;
    private JspEnrollApp enrollApp;
    private JspPush push;

    JspStart() {
        // for CDI's proxy
    }

    @Inject
    JspStart(MfaService mfa, UniversalLoginStepUp universalLogin, PagesConfig pages, JspEnrollApp enrollApp,
            JspPush push) {
        this.mfa = mfa;
        this.universalLogin = universalLogin;
        this.pages = pages;
        this.enrollApp = enrollApp;
        this.push = push;
    }

    @Override
    public void show(JspExchange page) {
        if (universalLogin.only()) {
            // An API caller's client may send the user here: with Universal Login the only road, it goes there.
            page.redirect(UniversalLoginServlet.startPath(page.flowId()));
            return;
        }
        render(page, null);
    }

    @Override
    public void act(JspExchange page) {
        if (page.pressed("mfa:cancel")) {
            mfa.cancel(page.flowId());
            page.redirect(pages.cancelPath());
        } else if (page.pressed("mfa:recovery") || page.pressed("mfa:stuckRecovery")) {
            page.toPage("recovery", page.flowId());
        } else {
            Optional<String> enroll = page.request().getParameterMap().keySet().stream()
                    .filter(name -> name.startsWith(ENROLL_BUTTON)).findFirst();
            if (enroll.isPresent()) {
                // A factor this page does not offer (or no factor at all) is refused like one Auth0 does not allow.
                enroll(page, Factor.fromWireName(enroll.get().substring(ENROLL_BUTTON.length()))
                        .filter(ENROLL_ORDER::contains));
            } else {
                continueWith(page, page.param("mfa:authenticator"));
            }
        }
        if (!page.answered()) {
            render(page, page.param("mfa:authenticator"));
        }
    }

    /** Challenges the chosen authenticator and goes to the page that asks for its code or waits for the push. */
    private void continueWith(JspExchange page, String selected) {
        try {
            Optional<MfaAuthenticator> chosen = mfa.listAuthenticators(page.flowId()).stream()
                    .filter(a -> a.id().equals(selected) && a.supportedFactor().isPresent()).findFirst();
            if (chosen.isEmpty()) {
                page.message("error.choose");
                return;
            }
            ChallengeSent sent = mfa.challenge(page.flowId(), chosen.get());
            page.toPage(sent.factor() == Factor.PUSH ? "push" : "code", page.flowId());
        } catch (RuntimeException failure) {
            page.fail(failure, "authenticator", "error.code");
        }
    }

    /** Starts setting up a factor: an app or push shows its QR code at once; a number or address is asked first. */
    private void enroll(JspExchange page, Optional<Factor> chosen) {
        try {
            if (chosen.isEmpty() || !mfa.enrollableFactors(page.flowId()).contains(chosen.get())) {
                page.message("error.unsupported");
                return;
            }
            Factor factor = chosen.get();
            if (factor.deliversCode()) {
                page.redirect(PageSet.JSP.page("enroll-contact") + "?flow="
                        + JspExchange.encode(page.flowId()) + "&factor=" + factor.wireName());
                return;
            }
            Enrollment enrollment = mfa.enroll(page.flowId(), factor == Factor.OTP ? EnrollmentRequest.otp()
                    : EnrollmentRequest.push());
            if (factor == Factor.OTP) {
                enrollApp.render(page, enrollment);
            } else {
                push.render(page, enrollment);
            }
        } catch (RuntimeException failure) {
            page.fail(failure, null, "error.code");
        }
    }

    /** Renders the choice, with what Auth0 lists; a failure to list is answered as any other. */
    private void render(JspExchange page, String selected) {
        List<MfaAuthenticator> authenticators;
        Set<Factor> allowed;
        try {
            authenticators = mfa.listAuthenticators(page.flowId());
            allowed = mfa.enrollableFactors(page.flowId());
        } catch (RuntimeException failure) {
            page.fail(failure, null, "error.code");
            if (page.answered()) {
                return;
            }
            authenticators = List.of();
            allowed = Set.of();
        }
        List<MfaAuthenticator> usable = authenticators.stream()
                .filter(a -> a.supportedFactor().isPresent() && a.factor() != Factor.RECOVERY_CODE).toList();
        boolean unsupported = authenticators.stream().anyMatch(a -> a.supportedFactor().isEmpty());
        boolean enrolling = page.flow().map(f -> f.requiresEnrollment()).orElse(false) || usable.isEmpty();
        List<Factor> enrollable = ENROLL_ORDER.stream().filter(allowed::contains).toList();
        String checked = usable.stream().map(MfaAuthenticator::id).filter(id -> id.equals(selected)).findFirst()
                .orElse(usable.isEmpty() ? null : usable.get(0).id());
        List<Map<String, Object>> choices = usable.stream().map(a -> JspExchange.entry("id", a.id(),
                "label", page.label(a.factor(), a.name()), "checked", a.id().equals(checked))).toList();
        List<Map<String, Object>> factors = enrollable.stream().map(f -> JspExchange.entry("wireName", f.wireName(),
                "label", page.texts().text("enroll." + f.wireName()),
                "hint", page.texts().text("enroll." + f.wireName() + ".hint"))).toList();
        page.set("enrolling", enrolling);
        page.set("stuck", enrolling && enrollable.isEmpty());
        page.set("choices", choices);
        page.set("factors", factors);
        page.set("unsupported", unsupported);
        page.set("recoveryCodeOffered", authenticators.stream().anyMatch(a -> a.factor() == Factor.RECOVERY_CODE));
        page.set("fallbackUrl", fallbackUrl(page));
        page.set("anotherWayOffered", universalLogin.enabled() && !usable.isEmpty() && unsupported);
        page.render("start");
    }

    /** The module's own step-up through Universal Login when it is on, else the configured static link. */
    private String fallbackUrl(JspExchange page) {
        if (universalLogin.enabled()) {
            return page.request().getContextPath() + UniversalLoginServlet.startPath(page.flowId());
        }
        return pages.universalLoginUrl().map(Object::toString).orElse(null);
    }
}
