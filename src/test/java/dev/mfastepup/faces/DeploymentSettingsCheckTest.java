package dev.mfastepup.faces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.mfastepup.filter.PageSet;
import jakarta.servlet.ServletContext;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.SessionTrackingMode;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * SEC-09 and SEC-38: the deployment warns about session settings that let a session id leak, and about Faces
 * settings that the pages' hardening relies on.
 */
class DeploymentSettingsCheckTest {

    private final ServletContext context = mock(ServletContext.class);
    private final SessionCookieConfig cookie = mock(SessionCookieConfig.class);

    @Test
    void sec09CookieOnlyAndHttpOnlyThenNoWarning() {
        settings(Set.of(SessionTrackingMode.COOKIE), true);

        assertEquals(List.of(), DeploymentSettingsCheck.warn(context));
    }

    @Test
    void sec09UrlTrackingOrScriptReadableCookieThenAWarningForEachNamingTheSetting() {
        // the container's default: cookie and URL, and no HttpOnly unless configured
        settings(Set.of(SessionTrackingMode.COOKIE, SessionTrackingMode.URL), false);

        List<String> warnings = DeploymentSettingsCheck.warn(context);

        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("<tracking-mode>COOKIE</tracking-mode>"), warnings.get(0));
        assertTrue(warnings.get(1).contains("<http-only>true</http-only>"), warnings.get(1));
    }

    @Test
    void sec38ServerStateAndProductionStageThenNoWarning() {
        settings(Set.of(SessionTrackingMode.COOKIE), true);
        when(context.getInitParameter(DeploymentSettingsCheck.STATE_SAVING_METHOD)).thenReturn("server");
        when(context.getInitParameter(DeploymentSettingsCheck.PROJECT_STAGE)).thenReturn("Production");

        assertEquals(List.of(), DeploymentSettingsCheck.warn(context));
    }

    @Test
    void sec38ClientStateOrDevelopmentStageThenAWarningForEachNamingTheSetting() {
        settings(Set.of(SessionTrackingMode.COOKIE), true);
        when(context.getInitParameter(DeploymentSettingsCheck.STATE_SAVING_METHOD)).thenReturn(" client ");
        when(context.getInitParameter(DeploymentSettingsCheck.PROJECT_STAGE)).thenReturn("Development");

        List<String> warnings = DeploymentSettingsCheck.warn(context);

        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("jakarta.faces.STATE_SAVING_METHOD=client"), warnings.get(0));
        assertTrue(warnings.get(1).contains("set it to Production"), warnings.get(1));
    }

    @Test
    void sec38FacesSettingsWhenTheJspPagesAreChosenThenNoWarningAboutThem() {
        settings(Set.of(SessionTrackingMode.COOKIE), true);
        when(context.getInitParameter(DeploymentSettingsCheck.STATE_SAVING_METHOD)).thenReturn("client");
        when(context.getInitParameter(DeploymentSettingsCheck.PROJECT_STAGE)).thenReturn("Development");

        assertEquals(List.of(), DeploymentSettingsCheck.warn(context, PageSet.JSP));
        assertTrue(DeploymentSettingsCheck.warn(context, PageSet.FACES).get(0).contains("mfa-stepup.pages=jsp"),
                "the warning names the way out");
    }

    private void settings(Set<SessionTrackingMode> modes, boolean httpOnly) {
        when(context.getEffectiveSessionTrackingModes()).thenReturn(modes);
        when(context.getSessionCookieConfig()).thenReturn(cookie);
        when(cookie.isHttpOnly()).thenReturn(httpOnly);
    }
}
