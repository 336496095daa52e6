package dev.mfastepup.faces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.mfastepup.LogCapture;
import jakarta.servlet.ServletContext;
import jakarta.servlet.SessionCookieConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SEC-09: the session cookie gets {@code SameSite=Lax} when the application chose nothing, keeps what the
 * application chose, and the deployment log says which.
 */
class MfaPagesInitializerTest {

    private final ServletContext context = mock(ServletContext.class);
    private final SessionCookieConfig cookie = mock(SessionCookieConfig.class);

    @Test
    void sec09SameSiteSessionCookieWhenTheApplicationSetNoneThenLaxAndSaidAtDeployment() {
        when(context.getSessionCookieConfig()).thenReturn(cookie);

        List<String> logged;
        try (LogCapture log = new LogCapture(MfaPagesInitializer.class.getName())) {
            assertEquals("Lax", MfaPagesInitializer.sameSiteSessionCookie(context));
            logged = log.messages();
        }

        verify(cookie).setAttribute("SameSite", "Lax");
        assertEquals(1, logged.size(), logged.toString());
        assertTrue(logged.get(0).contains("SameSite=Lax"), logged.get(0));
    }

    @Test
    void sec09SameSiteSessionCookieWhenTheApplicationChoseStrictThenKeptAndSaid() {
        when(context.getSessionCookieConfig()).thenReturn(cookie);
        when(cookie.getAttribute("SameSite")).thenReturn(" Strict ");

        List<String> logged;
        try (LogCapture log = new LogCapture(MfaPagesInitializer.class.getName())) {
            assertEquals("Strict", MfaPagesInitializer.sameSiteSessionCookie(context));
            logged = log.messages();
        }

        verify(cookie, never()).setAttribute(anyString(), anyString());
        assertEquals(1, logged.size(), logged.toString());
        assertTrue(logged.get(0).contains("keeps SameSite=Strict"), logged.get(0));
    }

    @Test
    void sec09SameSiteSessionCookieWhenTheApplicationChoseNoneThenKeptWithAWarning() {
        when(context.getSessionCookieConfig()).thenReturn(cookie);
        when(cookie.getAttribute("SameSite")).thenReturn("None");

        List<String> logged;
        try (LogCapture log = new LogCapture(MfaPagesInitializer.class.getName())) {
            assertEquals("None", MfaPagesInitializer.sameSiteSessionCookie(context));
            logged = log.messages();
        }

        verify(cookie, never()).setAttribute(anyString(), anyString());
        assertEquals(1, logged.size(), logged.toString());
        assertTrue(logged.get(0).contains("SameSite=None"), logged.get(0));
    }

    @Test
    void sec09SameSiteSessionCookieWhenTheServerHasItsOwnSettingUnsetThenLaxThereToo() {
        ServerCookieConfig payara = mock(ServerCookieConfig.class);
        when(context.getSessionCookieConfig()).thenReturn(payara);

        assertEquals("Lax", MfaPagesInitializer.sameSiteSessionCookie(context));

        verify(payara).setAttribute("SameSite", "Lax");
        verify(payara).setSameSite("Lax");
    }

    @Test
    void sec09SameSiteSessionCookieWhenTheServersOwnSettingChoseStrictThenKept() {
        ServerCookieConfig payara = mock(ServerCookieConfig.class);
        when(context.getSessionCookieConfig()).thenReturn(payara);
        when(payara.getSameSite()).thenReturn("STRICT");

        assertEquals("STRICT", MfaPagesInitializer.sameSiteSessionCookie(context));

        verify(payara, never()).setAttribute(anyString(), anyString());
        verify(payara, never()).setSameSite(anyString());
    }

    /** A session cookie configuration with a server's own {@code SameSite} setting, as Payara's has. */
    public abstract static class ServerCookieConfig implements SessionCookieConfig {

        /** @return the server's value, or {@code null}. */
        public abstract Object getSameSite();

        /** @param value the server's value. */
        public abstract void setSameSite(String value);
    }
}
