package dev.mfastepup.faces;

import jakarta.servlet.ServletContext;
import jakarta.servlet.SessionTrackingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Looks at the application's session settings when it starts, and warns about those that put a step-up at risk:
 * the session is what a second factor raises, so its id must not travel in URLs (links, {@code Referer}, logs,
 * bookmarks) nor be readable by a script. It warns and changes nothing: a legacy application may depend on its
 * settings, and they are the operator's to make ({@code <session-config>} in {@code web.xml}).
 */
final class SessionSettingsCheck {

    private static final Logger logger = Logger.getLogger(SessionSettingsCheck.class.getName());

    private SessionSettingsCheck() {
    }

    /**
     * Logs one warning per setting to change.
     *
     * @param context the application, as it starts.
     * @return the warnings logged.
     */
    static List<String> warn(ServletContext context) {
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
        warnings.forEach(logger::warning);
        return warnings;
    }
}
