package dev.mfastepup.faces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.mfastepup.filter.SessionIdInUrl;
import jakarta.servlet.ServletContext;
import jakarta.servlet.SessionTrackingMode;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What {@link MfaRequestGuard} refuses before Faces reads a request, and what it lets through. */
class MfaRequestGuardTest {

    @Test
    void sec09SessionIdInTheUrlIsRefusedUnlessTheApplicationTracksSessionsByUrl() {
        HttpServletRequest byUrl = post(null, null);
        ServletContext application = mock(ServletContext.class);
        when(byUrl.getServletContext()).thenReturn(application);
        when(byUrl.isRequestedSessionIdFromURL()).thenReturn(true);
        when(application.getEffectiveSessionTrackingModes()).thenReturn(Set.of(SessionTrackingMode.COOKIE));

        assertEquals(400, MfaRequestGuard.refusal(byUrl).status());
        assertEquals(SessionIdInUrl.MESSAGE, MfaRequestGuard.refusal(byUrl).message());
        when(application.getEffectiveSessionTrackingModes())
                .thenReturn(Set.of(SessionTrackingMode.COOKIE, SessionTrackingMode.URL));
        assertNull(MfaRequestGuard.refusal(byUrl), "the application's own choice");
    }

    @Test
    void sec14PostWithoutFetchMetadataIsLeftToTheViewState() {
        assertNull(MfaRequestGuard.refusal(post(null, null)));
        assertNull(MfaRequestGuard.refusal(post("same-origin", "https://app.example.com")));
        // What browsers send for the pages' own posts under their Referrer-Policy: no-referrer.
        assertNull(MfaRequestGuard.refusal(post("same-origin", "null")));
    }

    @Test
    void sec14PostFromAnotherSiteIsRefused() {
        assertEquals(403, MfaRequestGuard.refusal(post("cross-site", "https://evil.example")).status());
        assertEquals(403, MfaRequestGuard.refusal(post("same-site", "https://other.example.com")).status());
        assertEquals(403, MfaRequestGuard.refusal(post("none", null)).status());
    }

    @Test
    void sec29OtherMethodsBodiesAndQueryFieldsAreRefused() {
        HttpServletRequest put = post(null, null);
        when(put.getMethod()).thenReturn("PUT");
        HttpServletRequest json = post(null, null);
        when(json.getContentType()).thenReturn("application/json");
        HttpServletRequest large = post(null, null);
        when(large.getContentLengthLong()).thenReturn(64L * 1024 + 1);
        HttpServletRequest codeInQuery = post(null, null);
        when(codeInQuery.getQueryString()).thenReturn("flow=x&mfa%3Acode=123456");
        HttpServletRequest viewStateInGet = post(null, null);
        when(viewStateInGet.getMethod()).thenReturn("GET");
        when(viewStateInGet.getQueryString()).thenReturn("jakarta.faces.ViewState=1:2");

        assertEquals(405, MfaRequestGuard.refusal(put).status());
        assertEquals(415, MfaRequestGuard.refusal(json).status());
        assertEquals(413, MfaRequestGuard.refusal(large).status());
        assertEquals(400, MfaRequestGuard.refusal(codeInQuery).status());
        assertEquals(400, MfaRequestGuard.refusal(viewStateInGet).status());
    }

    private static HttpServletRequest post(String secFetchSite, String origin) {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getMethod()).thenReturn("POST");
        when(request.getContentType()).thenReturn("application/x-www-form-urlencoded; charset=UTF-8");
        when(request.getContentLengthLong()).thenReturn(120L);
        when(request.getHeader("Sec-Fetch-Site")).thenReturn(secFetchSite);
        when(request.getHeader("Origin")).thenReturn(origin);
        return request;
    }
}
