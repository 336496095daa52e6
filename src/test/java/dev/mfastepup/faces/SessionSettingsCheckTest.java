package dev.mfastepup.faces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import jakarta.servlet.ServletContext;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.SessionTrackingMode;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** SEC-09: the deployment warns about session settings that let a session id leak. */
class SessionSettingsCheckTest {

    private final ServletContext context = mock(ServletContext.class);
    private final SessionCookieConfig cookie = mock(SessionCookieConfig.class);

    @Test
    void sec09CookieOnlyAndHttpOnlyThenNoWarning() {
        settings(Set.of(SessionTrackingMode.COOKIE), true);

        assertEquals(List.of(), SessionSettingsCheck.warn(context));
    }

    @Test
    void sec09UrlTrackingOrScriptReadableCookieThenAWarningForEachNamingTheSetting() {
        // the container's default: cookie and URL, and no HttpOnly unless configured
        settings(Set.of(SessionTrackingMode.COOKIE, SessionTrackingMode.URL), false);

        List<String> warnings = SessionSettingsCheck.warn(context);

        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("<tracking-mode>COOKIE</tracking-mode>"), warnings.get(0));
        assertTrue(warnings.get(1).contains("<http-only>true</http-only>"), warnings.get(1));
    }

    private void settings(Set<SessionTrackingMode> modes, boolean httpOnly) {
        when(context.getEffectiveSessionTrackingModes()).thenReturn(modes);
        when(context.getSessionCookieConfig()).thenReturn(cookie);
        when(cookie.isHttpOnly()).thenReturn(httpOnly);
    }
}
