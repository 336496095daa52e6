package dev.mfastepup.faces;

import dev.mfastepup.filter.MfaRequestGuard;
import dev.mfastepup.filter.PageSet;
import dev.mfastepup.hosted.UniversalLoginServlet;
import dev.mfastepup.pages.PageHeaders;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.EnumSet;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Maps {@link MfaRequestGuard} in front of the MFA pages when the application starts. The container finds it in
 * the jar's {@code META-INF/services}, also when the application's {@code web.xml} is {@code metadata-complete}
 * (which turns off annotations and {@code web-fragment.xml}, not initializers), so adding the jar is enough. It
 * also warns about session and Faces settings that put a step-up at risk ({@link DeploymentSettingsCheck}), and maps
 * {@link UniversalLoginServlet} to {@value UniversalLoginServlet#PATTERN} (the step-up through Universal Login; it
 * answers {@code 404} unless the application turns that road on). A {@code Lax} session cookie comes back with
 * Auth0's redirect to its callback, a top-level GET.
 *
 * <p>The guard is a servlet part and lives with the filter; this initializer stays with the pages, since it hands
 * the guard the pages' security headers ({@link MfaPageHeaders}, under
 * {@link MfaRequestGuard#ATTRIBUTE_PAGE_HEADERS}) and checks Faces settings, which the filter package must not
 * know.
 *
 * <p>It gives the session cookie {@code SameSite=Lax} when the application has not chosen a {@code SameSite}
 * itself (SEC-09): a browser then leaves the cookie off requests that other sites start, except top-level
 * navigations by GET, so a cross-site post to the MFA pages arrives without the session. {@code Lax} and not
 * {@code Strict}, because the return from Auth0's login and from a link in an e-mail are cross-site navigations
 * that must keep the session. An application that wants another value sets it in {@code web.xml}
 * ({@code <cookie-config><attribute><attribute-name>SameSite</attribute-name>...}); it is kept as it is.
 *
 * @since 0.1
 */
public class MfaPagesInitializer implements ServletContainerInitializer {

    /** The URL pattern of the MFA pages. */
    public static final String PAGES_PATTERN = "/mfa/*";

    /** The cookie attribute, as Servlet 6.0 names it in {@code SessionCookieConfig#setAttribute}. */
    static final String SAME_SITE = "SameSite";
    /** What the session cookie gets when the application set no {@code SameSite}. */
    static final String DEFAULT_SAME_SITE = "Lax";

    private static final Logger logger = Logger.getLogger(MfaPagesInitializer.class.getName());

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        // Before the guard starts: its refusals carry the pages' security headers, which are the Faces part's.
        MfaRequestGuard.PageHeaders headers = MfaPagesInitializer::pageHeaders;
        context.setAttribute(MfaRequestGuard.ATTRIBUTE_PAGE_HEADERS, headers);
        FilterRegistration.Dynamic guard = context.addFilter("mfa-stepup-request-guard", MfaRequestGuard.class);
        if (guard != null) {
            // Before the application's own filters: these requests are refused before anything reads them.
            guard.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, PAGES_PATTERN);
        }
        // The step-up through Universal Login: it answers 404 while mfa-stepup.universal-login.enabled is false.
        ServletRegistration.Dynamic universalLogin = context.addServlet("mfa-stepup-universal-login",
                UniversalLoginServlet.class);
        if (universalLogin != null) {
            universalLogin.addMapping(UniversalLoginServlet.PATTERN);
        }
        sameSiteSessionCookie(context);
        DeploymentSettingsCheck.warn(context, chosenPages(context));
    }

    /**
     * Reads the set of pages the application chose, this early, for the warnings; the Faces pages when it cannot be
     * read yet. The module reads the setting again once the application runs, and a bad value fails the
     * deployment there.
     */
    static PageSet chosenPages(ServletContext context) {
        try {
            return PageSet.read(ConfigProvider.getConfig(context.getClassLoader())
                    .getOptionalValue(PageSet.KEY, String.class));
        } catch (RuntimeException unreadable) {
            return PageSet.FACES;
        }
    }

    /** Sets the MFA pages' security headers, with the settings of the running application. */
    private static void pageHeaders(HttpServletRequest request, HttpServletResponse response) {
        PageHeaders.apply(request, response, MfaPageHeaders.pagesConfig());
    }

    /**
     * Sets {@code SameSite=Lax} on the session cookie unless the application chose a value, and says at deployment
     * what the cookie gets.
     *
     * @param context the application, as it starts.
     * @return the {@code SameSite} value the session cookie has now.
     */
    static String sameSiteSessionCookie(ServletContext context) {
        SessionCookieConfig cookie = context.getSessionCookieConfig();
        String chosen = cookie.getAttribute(SAME_SITE);
        if (chosen == null || chosen.isBlank()) {
            chosen = GlassFishSameSite.read(cookie);
        }
        if (chosen != null && !chosen.isBlank()) {
            if ("none".equalsIgnoreCase(chosen.strip())) {
                logger.warning("The session cookie is SameSite=None, as the application set it, so browsers send"
                        + " it with posts from other sites too; the MFA pages then rely on the view state alone"
                        + " against cross-site posts");
            } else {
                logger.info("The session cookie keeps SameSite=" + chosen.strip() + ", as the application set it");
            }
            return chosen.strip();
        }
        cookie.setAttribute(SAME_SITE, DEFAULT_SAME_SITE);
        GlassFishSameSite.write(cookie, DEFAULT_SAME_SITE);
        logger.info("The session cookie gets SameSite=" + DEFAULT_SAME_SITE + ", since the application set no"
                + " SameSite (to choose another, set it in the <cookie-config> of web.xml; on Payara and GlassFish"
                + " as the cookieSameSite property of the <cookie-properties> in payara-web.xml; on WildFly with"
                + " Undertow's samesite-cookie handler in WEB-INF/undertow-handlers.conf)");
        return DEFAULT_SAME_SITE;
    }
}
