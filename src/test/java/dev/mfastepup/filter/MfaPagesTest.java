package dev.mfastepup.filter;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.when;

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MfaPagesTest {

    @ParameterizedTest
    @ValueSource(strings = {"/mfa/", "/mfa/index.xhtml", "/mfa/error.xhtml", "/mfa/style/mfa.css"})
    void isMfaPageWhenUnderMfaThenTrue(String path) {
        assertTrue(MfaPages.isMfaPage(WebRequests.get(path).request()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/mfa", "/MFA/index.xhtml", "/mfanotes/", "/reports/mfa/", "/reports"})
    void isMfaPageWhenElsewhereThenFalse(String path) {
        assertFalse(MfaPages.isMfaPage(WebRequests.get(path).request()));
    }

    @Test
    void isMfaPageWhenFacesResourceOfThePagesThenTrueAndOfOtherLibrariesFalse() {
        // a declarative mapping to /* must not ask for a token to serve the pages' own style sheet
        HttpServletRequest pages = WebRequests.get("/jakarta.faces.resource/mfa.css.xhtml").request();
        when(pages.getParameter("ln")).thenReturn("mfa");
        HttpServletRequest other = WebRequests.get("/jakarta.faces.resource/app.css.xhtml").request();
        when(other.getParameter("ln")).thenReturn("app");

        assertTrue(MfaPages.isMfaPage(pages));
        assertFalse(MfaPages.isMfaPage(other));
    }

    @Test
    void sec39IsMfaPageWhenRawUriClimbsOutOfMfaThenJudgedByTheDispatchedPath() {
        // /app/mfa/../reports runs /reports: it must not pass for an MFA page (complete mediation).
        HttpServletRequest request = WebRequests.get("/mfa/../reports").servletPath("/reports").request();

        assertFalse(MfaPages.isMfaPage(request));
    }

    @Test
    void isMfaPageWhenMappedByPrefixThenServletPathAndPathInfoTogether() {
        HttpServletRequest request = WebRequests.get("/mfa/index.xhtml").servletPath("/mfa").request();
        when(request.getPathInfo()).thenReturn("/index.xhtml");

        assertTrue(MfaPages.isMfaPage(request));
    }

    @Test
    void isMfaPagePathWhenTheDispatchedPathIsUnderTheMfaFolderOnly() {
        HttpServletRequest page = WebRequests.get("/mfa/challenge.xhtml").request();
        HttpServletRequest prefixMapped = WebRequests.get("/mfa/x").servletPath("/mfa").request();
        when(prefixMapped.getPathInfo()).thenReturn("/x");
        HttpServletRequest lookalike = WebRequests.get("/mfax/challenge.xhtml").request();
        HttpServletRequest climbedOut = WebRequests.get("/mfa/../reports").servletPath("/reports").request();

        assertTrue(MfaPages.isMfaPagePath(page));
        assertTrue(MfaPages.isMfaPagePath(prefixMapped));
        assertFalse(MfaPages.isMfaPagePath(lookalike));
        assertFalse(MfaPages.isMfaPagePath(climbedOut));
    }
}
