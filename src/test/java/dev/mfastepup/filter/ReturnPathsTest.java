package dev.mfastepup.filter;

import static dev.mfastepup.filter.RedirectVectors.assertSameOriginContextRelative;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.when;

import dev.mfastepup.session.PendingStepUp.ReturnTo;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReturnPathsTest {

    private static final String ORIGIN = "https://app.example.com";

    // safePath ---------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("dev.mfastepup.filter.RedirectVectors#all")
    void safePathWhenRedirectVectorThenRefusedOrHarmless(String vector, boolean kept) {
        Optional<String> safe = ReturnPaths.safePath(vector);

        assertEquals(kept, safe.isPresent(), () -> "safePath(" + vector + ") = " + safe);
        safe.ifPresent(path -> {
            assertEquals(vector, path);
            assertSameOriginContextRelative("/app", path);
            assertSameOriginContextRelative("", path);
        });
    }

    @Test
    void safePathWhenNullThenEmpty() {
        assertTrue(ReturnPaths.safePath(null).isEmpty());
    }

    @Test
    void safePathWhenQueryHoldsLonePercentThenKept() {
        // The query is the application's; only the path is decoded and checked.
        assertEquals(Optional.of("/search?q=100%"), ReturnPaths.safePath("/search?q=100%"));
    }

    @Test
    void safePathWhenQueryHoldsBracketsThenKept() {
        // Browsers send [ ] { } | raw in queries (filter[name]=x); they cannot break out of the origin.
        assertEquals(Optional.of("/items?filter[name]=a|b"), ReturnPaths.safePath("/items?filter[name]=a|b"));
    }

    // GET and HEAD: the request itself ---------------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("dev.mfastepup.filter.RedirectVectors#all")
    void ofWhenGetOfRedirectVectorThenSameOriginPathUnderContext(String vector, boolean kept) {
        for (String contextPath : new String[] {"/app", ""}) {
            HttpServletRequest request = WebRequests.get(vector).contextPath(contextPath).request();

            ReturnTo returnTo = ReturnPaths.of(request);

            assertSameOriginContextRelative(contextPath, returnTo.path());
            assertEquals(kept ? vector : "/", returnTo.path(), () -> "context " + contextPath + ": " + vector);
            assertFalse(returnTo.repeatAction());
        }
    }

    @Test
    void ofWhenGetThenPathAndQueryFromRawUri() {
        HttpServletRequest request = WebRequests.get("/reports/caf%C3%A9").query("id=7&sort=%2Bdate").request();

        assertEquals(new ReturnTo("/reports/caf%C3%A9?id=7&sort=%2Bdate", false), ReturnPaths.of(request));
    }

    @Test
    void ofWhenHeadThenSameAsGet() {
        HttpServletRequest request = WebRequests.get("/reports").method("HEAD").query("id=7").request();

        assertEquals(new ReturnTo("/reports?id=7", false), ReturnPaths.of(request));
    }

    @Test
    void ofWhenUriIsContextPathOnlyThenRoot() {
        HttpServletRequest request = WebRequests.get("").request();

        assertEquals(new ReturnTo("/", false), ReturnPaths.of(request));
    }

    @Test
    void ofWhenUriOutsideContextPathThenRoot() {
        HttpServletRequest request = WebRequests.get("/x").request();
        when(request.getRequestURI()).thenReturn("/other/x");

        assertEquals(new ReturnTo("/", false), ReturnPaths.of(request));
    }

    @Test
    void ofWhenUriOnlySharesThePrefixOfTheContextPathThenRoot() {
        HttpServletRequest request = WebRequests.get("/x").request();
        when(request.getRequestURI()).thenReturn("/apple/x");

        assertEquals(new ReturnTo("/", false), ReturnPaths.of(request));
    }

    @Test
    void ofWhenUriCarriesSessionIdThenItIsDropped() {
        HttpServletRequest request = WebRequests.get("/reports;jsessionid=ABC123").query("id=7").request();

        assertEquals(new ReturnTo("/reports?id=7", false), ReturnPaths.of(request));
    }

    @Test
    void ofWhenUriCarriesAnAuthorizationResponseThenItsParametersAreDropped() {
        HttpServletRequest request = WebRequests.get("/reports")
                .query("id=7&code=AUTHCODE-CANARY&state=STATE-CANARY&session_state=SS&iss=https%3A%2F%2Ftenant")
                .request();

        assertEquals(new ReturnTo("/reports?id=7", false), ReturnPaths.of(request));
    }

    @Test
    void ofWhenUriIsOnlyAnAuthorizationResponseThenThePathWithoutQuery() {
        HttpServletRequest request = WebRequests.get("/reports").query("code=AUTHCODE-CANARY&state=STATE-CANARY")
                .request();

        assertEquals(new ReturnTo("/reports", false), ReturnPaths.of(request));
    }

    @Test
    void ofWhenRefererCarriesAnAuthorizationResponseThenItsParametersAreDropped() {
        HttpServletRequest request = WebRequests.post("/app/orders")
                .referer("https://app.example.com/app/orders?state=STATE-CANARY&page=2&code=AUTHCODE-CANARY").request();

        assertEquals(new ReturnTo("/orders?page=2", true), ReturnPaths.of(request));
    }

    @ParameterizedTest
    @ValueSource(strings = {"code=SUMMER24", "state=open", "code=1&codes=2", "country_code=DE&state_of=x",
            "iss=me&code=7"})
    void ofWhenQueryIsTheApplicationsOwnThenKept(String query) {
        HttpServletRequest request = WebRequests.get("/products").query(query).request();

        assertEquals(new ReturnTo("/products?" + query, false), ReturnPaths.of(request));
    }

    @Test
    void ofWhenTooLongWithQueryThenRoot() {
        HttpServletRequest request = WebRequests.get("/reports").query("q=" + "x".repeat(2048)).request();

        assertEquals(new ReturnTo("/", false), ReturnPaths.of(request));
    }

    @Test
    void ofWhenForwardedThenTheBrowsersRequest() {
        HttpServletRequest request = WebRequests.get("/WEB-INF/views/reports.jsp").request();
        request.setAttribute(RequestDispatcher.FORWARD_REQUEST_URI, "/app/reports");
        request.setAttribute(RequestDispatcher.FORWARD_CONTEXT_PATH, "/app");
        request.setAttribute(RequestDispatcher.FORWARD_QUERY_STRING, "id=7");

        assertEquals(new ReturnTo("/reports?id=7", false), ReturnPaths.of(request));
    }

    // Other methods: never replayed ------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "DELETE", "PATCH", "OPTIONS"})
    void ofWhenNotGetWithSameOriginRefererThenRefererPathAndRepeatAction(String method) {
        HttpServletRequest request = WebRequests.post("/transfer").method(method)
                .referer(ORIGIN + "/app/accounts/7?tab=transfers").request();

        assertEquals(new ReturnTo("/accounts/7?tab=transfers", true), ReturnPaths.of(request));
    }

    @Test
    void sec15OfWhenPostThenNeverItsOwnUrl() {
        HttpServletRequest request = WebRequests.post("/transfer").query("to=mallory&amount=1000").request();

        ReturnTo returnTo = ReturnPaths.of(request);

        assertEquals(new ReturnTo("/", true), returnTo);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "https://evil.test/app/accounts",
        "http://app.example.com/app/accounts",
        "https://app.example.com:8443/app/accounts",
        "https://app.example.com.evil.test/app/accounts",
        "https://user@app.example.com/app/accounts",
        "https://app.example.com/other-app/accounts",
        "https://app.example.com/application",
        "//app.example.com/app/accounts",
        "/app/accounts",
        "javascript:alert(1)",
        "not a url",
        "https://app.example.com/app/\\evil"})
    void ofWhenPostWithForeignOrUnusableRefererThenRootAndRepeatAction(String referer) {
        HttpServletRequest request = WebRequests.post("/transfer").referer(referer).request();

        assertEquals(new ReturnTo("/", true), ReturnPaths.of(request));
    }

    @Test
    void ofWhenRefererHasExplicitDefaultPortThenSameOrigin() {
        HttpServletRequest request = WebRequests.post("/transfer").referer("HTTPS://APP.EXAMPLE.COM:443/app/x")
                .request();

        assertEquals(new ReturnTo("/x", true), ReturnPaths.of(request));
    }

    @Test
    void ofWhenRefererIsContextRootWithoutSlashThenRoot() {
        HttpServletRequest request = WebRequests.post("/transfer").referer(ORIGIN + "/app").request();

        assertEquals(new ReturnTo("/", true), ReturnPaths.of(request));
    }

    @Test
    void ofWhenPostWithRefererFragmentThenFragmentDropped() {
        HttpServletRequest request = WebRequests.post("/transfer").referer(ORIGIN + "/app/accounts#top").request();

        assertEquals(new ReturnTo("/accounts", true), ReturnPaths.of(request));
    }

    @ParameterizedTest
    @MethodSource("dev.mfastepup.filter.RedirectVectors#all")
    void ofWhenPostWithRedirectVectorInRefererThenSameOriginPathUnderContext(String vector, boolean kept) {
        for (String referer : new String[] {ORIGIN + "/app" + vector, vector}) {
            HttpServletRequest request = WebRequests.post("/transfer").referer(referer).request();

            ReturnTo returnTo = ReturnPaths.of(request);

            assertSameOriginContextRelative("/app", returnTo.path());
            assertTrue(returnTo.repeatAction());
        }
    }

    @Test
    void ofWhenHostHeaderForgedThenStillOnlyAPath() {
        // A forged Host can make a Referer look same-origin, but only its path is ever kept.
        HttpServletRequest request = WebRequests.post("/transfer").referer("https://evil.test/app/x").request();
        when(request.getServerName()).thenReturn("evil.test");

        ReturnTo returnTo = ReturnPaths.of(request);

        assertEquals(new ReturnTo("/x", true), returnTo);
        assertSameOriginContextRelative("/app", returnTo.path());
    }

    // Scripts: the page that made the call -----------------------------------------------------------------------

    @Test
    void ofWhenApiGetThenRefererPageWithoutRepeatAction() {
        HttpServletRequest request = WebRequests.get("/api/reports").referer(ORIGIN + "/app/dashboard").request();

        assertEquals(new ReturnTo("/dashboard", false), ReturnPaths.of(request, CallerKind.API));
    }

    @Test
    void ofWhenFacesAjaxPostThenRefererPageWithRepeatAction() {
        HttpServletRequest request = WebRequests.post("/orders.xhtml").referer(ORIGIN + "/app/orders.xhtml?id=3")
                .request();

        assertEquals(new ReturnTo("/orders.xhtml?id=3", true), ReturnPaths.of(request, CallerKind.FACES_AJAX));
    }

    @Test
    void ofWhenApiWithoutRefererThenRoot() {
        HttpServletRequest request = WebRequests.get("/api/reports").request();

        assertEquals(new ReturnTo("/", false), ReturnPaths.of(request, CallerKind.API));
    }
}
