package dev.mfastepup.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.SessionTrackingMode;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

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

    @Test
    void parametersTheContainerCannotDecodeAreRefusedBeforeFacesReadsThem() {
        // Open Liberty's web container throws from every parameter lookup of a request whose form or query string
        // holds a broken percent-encoding (%ZZ); Faces would answer 500.
        HttpServletRequest brokenForm = post(null, null);
        when(brokenForm.getParameterMap()).thenThrow(new IllegalArgumentException());
        HttpServletRequest brokenQuery = post(null, null);
        when(brokenQuery.getMethod()).thenReturn("GET");
        when(brokenQuery.getParameterMap()).thenThrow(new IllegalArgumentException());

        assertEquals(400, MfaRequestGuard.refusal(brokenForm).status());
        assertEquals(400, MfaRequestGuard.refusal(brokenQuery).status());
    }

    @Test
    void parametersAreReadAsUtf8UnlessTheRequestOrTheApplicationNamesAnEncoding() throws Exception {
        HttpServletRequest plain = post(null, null);
        HttpServletRequest named = post(null, null);
        when(named.getCharacterEncoding()).thenReturn("ISO-8859-1");

        assertNull(MfaRequestGuard.refusal(plain));
        assertNull(MfaRequestGuard.refusal(named));
        InOrder order = inOrder(plain);
        order.verify(plain).setCharacterEncoding("UTF-8");
        order.verify(plain).getParameterMap();
        verify(named, never()).setCharacterEncoding(anyString());
    }

    @Test
    void doFilterWhenAnMfaPageIsRefusedThenTheAnswerCarriesThePagesHeaders() throws Exception {
        MfaRequestGuard guard = guard(MfaRequestGuard.ATTRIBUTE_PAGE_HEADERS,
                (MfaRequestGuard.PageHeaders) (request, response) -> response.setHeader("X-Frame-Options", "DENY"));
        HttpServletRequest viewStateInGet = WebRequests.get("/mfa/index.xhtml").query("jakarta.faces.ViewState=1")
                .request();
        CapturedResponse response = new CapturedResponse();
        FilterChain chain = mock(FilterChain.class);

        guard.doFilter(viewStateInGet, response.response(), chain);

        assertEquals(400, response.status());
        assertEquals("DENY", response.header("X-Frame-Options"));
        verify(chain, never()).doFilter(viewStateInGet, response.response());
    }

    @Test
    void sec38DoFilterWhenTheOtherSetsPageOrAViewIsAskedForThenNotFoundWithoutReachingIt() throws Exception {
        MfaRequestGuard guard = guard("another.attribute", "not headers");
        guard.pages = PageSet.JSP;
        for (String path : new String[] {"/mfa/index.xhtml", "/mfa/jsp/code.jsp", "/mfa/jsp/head.jspf"}) {
            HttpServletRequest request = WebRequests.get(path).request();
            CapturedResponse response = new CapturedResponse();
            FilterChain chain = mock(FilterChain.class);

            guard.doFilter(request, response.response(), chain);

            assertEquals(404, response.status(), path);
            verify(chain, never()).doFilter(request, response.response());
        }
        HttpServletRequest start = WebRequests.get("/mfa/start").request();
        FilterChain chain = mock(FilterChain.class);
        guard.doFilter(start, new CapturedResponse().response(), chain);
        verify(chain).doFilter(org.mockito.ArgumentMatchers.eq(start), org.mockito.ArgumentMatchers.any());
    }

    @Test
    void doFilterWhenNoPageHeadersWereGivenThenStillRefused() throws Exception {
        MfaRequestGuard guard = guard("another.attribute", "not headers");
        HttpServletRequest put = WebRequests.get("/mfa/index.xhtml").method("PUT").request();
        CapturedResponse response = new CapturedResponse();
        FilterChain chain = mock(FilterChain.class);

        guard.doFilter(put, response.response(), chain);

        assertEquals(405, response.status());
        assertEquals("GET, HEAD, POST", response.header("Allow"));
        verify(chain, never()).doFilter(put, response.response());
    }

    @Test
    void doFilterWhenNotAnMfaPageThenThroughUntouched() throws Exception {
        MfaRequestGuard guard = guard(MfaRequestGuard.ATTRIBUTE_PAGE_HEADERS, null);
        HttpServletRequest put = WebRequests.get("/reports").method("PUT").request();
        CapturedResponse response = new CapturedResponse();
        FilterChain chain = mock(FilterChain.class);

        guard.doFilter(put, response.response(), chain);

        verify(chain).doFilter(put, response.response());
        assertEquals(200, response.status());
    }

    /** A started guard whose application holds {@code value} under {@code attribute}. */
    private static MfaRequestGuard guard(String attribute, Object value) {
        ServletContext application = mock(ServletContext.class);
        when(application.getAttribute(attribute)).thenReturn(value);
        FilterConfig config = mock(FilterConfig.class);
        when(config.getServletContext()).thenReturn(application);
        MfaRequestGuard guard = new MfaRequestGuard();
        guard.init(config);
        return guard;
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
