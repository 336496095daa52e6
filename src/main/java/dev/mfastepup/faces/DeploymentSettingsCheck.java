package dev.mfastepup.faces;

import dev.mfastepup.filter.PageSet;
import jakarta.servlet.ServletContext;
import jakarta.servlet.SessionTrackingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Looks at the application's settings when it starts, and warns about those that put a step-up at risk:
 * <ul>
 * <li>the session is what a second factor raises, so its id must not travel in URLs (links, {@code Referer}, logs,
 * bookmarks) nor be readable by a script (SEC-09);</li>
 * <li>the MFA pages rely on Faces keeping the view state on the server, where it is a key of the session that a
 * forged post cannot know and that is never deserialized from the request; and the {@code Development} stage
 * shows internals on error pages (SEC-38).</li>
 * </ul>
 * It warns and changes nothing: a legacy application may depend on its settings, and they are the operator's to
 * make ({@code <session-config>} and {@code <context-param>} in {@code web.xml}).
 */
final class DeploymentSettingsCheck {

    private static final Logger logger = Logger.getLogger(DeploymentSettingsCheck.class.getName());
    static final String STATE_SAVING_METHOD = "jakarta.faces.STATE_SAVING_METHOD";
    static final String PROJECT_STAGE = "jakarta.faces.PROJECT_STAGE";

    private DeploymentSettingsCheck() {
    }

    /**
     * Logs one warning per setting to change, with the Faces pages chosen.
     *
     * @param context the application, as it starts.
     * @return the warnings logged.
     */
    static List<String> warn(ServletContext context) {
        return warn(context, PageSet.FACES);
    }

    /**
     * Logs one warning per setting to change. The Faces settings matter only where the Faces pages are chosen.
     *
     * @param context the application, as it starts.
     * @param pages the set of pages the application chose.
     * @return the warnings logged.
     */
    static List<String> warn(ServletContext context, PageSet pages) {
        List<String> warnings = new ArrayList<>();
        if (context.getEffectiveSessionTrackingModes().contains(SessionTrackingMode.URL)) {
            warnings.add("Sessions of this application can be tracked by URL (;jsessionid=), so a session id can"
                    + " leak through links, Referer headers and logs, and a step-up with it; set"
                    + " <tracking-mode>COOKIE</tracking-mode> in the <session-config> of web.xml");
        }
        if (!context.getSessionCookieConfig().isHttpOnly()) {
            warnings.add("The session cookie is not HttpOnly, so a script in a page can read it; set"
                    + " <http-only>true</http-only> in the <cookie-config> of web.xml");
        }
        if (pages == PageSet.FACES) {
            warnings.addAll(facesWarnings(context));
        }
        warnings.forEach(logger::warning);
        return warnings;
    }

    private static List<String> facesWarnings(ServletContext context) {
        List<String> warnings = new ArrayList<>();
        if ("client".equalsIgnoreCase(trimmed(context.getInitParameter(STATE_SAVING_METHOD)))) {
            warnings.add("Faces keeps the view state in the page (" + STATE_SAVING_METHOD + "=client), so every"
                    + " post carries the state to be read back; the MFA pages expect it on the server, where it is"
                    + " also the token against cross-site posts; remove the setting or set it to server, or use the"
                    + " JSP pages (" + PageSet.KEY + "=jsp)");
        }
        if ("Development".equalsIgnoreCase(trimmed(context.getInitParameter(PROJECT_STAGE)))) {
            warnings.add("Faces runs in the Development stage (" + PROJECT_STAGE + "), which shows internals on"
                    + " error pages; remove the setting or set it to Production, or use the JSP pages ("
                    + PageSet.KEY + "=jsp)");
        }
        return warnings;
    }

    private static String trimmed(String value) {
        return value == null ? null : value.strip();
    }
}
