package dev.mfastepup.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CallerKindTest {

    private static final List<String> NO_API_PATHS = List.of();
    private static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    @Test
    void ofWhenBrowserNavigationThenPage() {
        WebRequests request = WebRequests.get("/reports").header("Accept", BROWSER_ACCEPT)
                .header("Sec-Fetch-Dest", "document").header("Sec-Fetch-Mode", "navigate");

        assertEquals(CallerKind.PAGE, CallerKind.of(request.request(), NO_API_PATHS));
    }

    @Test
    void ofWhenNoHeadersThenPage() {
        assertEquals(CallerKind.PAGE, CallerKind.of(WebRequests.get("/reports").request(), NO_API_PATHS));
    }

    @Test
    void ofWhenFacesAjaxThenFacesAjaxEvenThoughAnXhr() {
        WebRequests request = WebRequests.post("/orders.xhtml").header("Faces-Request", "partial/ajax")
                .header("Sec-Fetch-Dest", "empty").header("Accept", "application/xml, text/xml, */*; q=0.01");

        assertEquals(CallerKind.FACES_AJAX, CallerKind.of(request.request(), NO_API_PATHS));
    }

    @Test
    void ofWhenFacesAjaxOnAnApiPathThenFacesAjax() {
        WebRequests request = WebRequests.post("/api/orders.xhtml").header("Faces-Request", "partial/ajax");

        assertEquals(CallerKind.FACES_AJAX, CallerKind.of(request.request(), List.of("/api/")));
    }

    @Test
    void ofWhenFacesPartialProcessThenNotFacesAjax() {
        WebRequests request = WebRequests.post("/orders.xhtml").header("Faces-Request", "partial/process");

        assertEquals(CallerKind.PAGE, CallerKind.of(request.request(), NO_API_PATHS));
    }

    @Test
    void ofWhenXRequestedWithThenApi() {
        WebRequests request = WebRequests.get("/reports").header("X-Requested-With", "XMLHttpRequest");

        assertEquals(CallerKind.API, CallerKind.of(request.request(), NO_API_PATHS));
    }

    @Test
    void ofWhenFetchThenApi() {
        WebRequests request = WebRequests.get("/reports").header("Sec-Fetch-Dest", "empty").header("Accept", "*/*");

        assertEquals(CallerKind.API, CallerKind.of(request.request(), NO_API_PATHS));
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "application/json;charset=UTF-8", "Application/JSON",
        "application/json, text/plain, */*", "text/plain;q=0.5, application/json;q=0.9"})
    void ofWhenAcceptNamesJsonWithoutHtmlThenApi(String accept) {
        WebRequests request = WebRequests.get("/reports").header("Accept", accept);

        assertEquals(CallerKind.API, CallerKind.of(request.request(), NO_API_PATHS));
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/html, application/json", "application/json;q=0.1, text/html", "*/*",
        "application/jsonx", "application/problem+json+html", BROWSER_ACCEPT})
    void ofWhenAcceptNamesHtmlOrNoJsonThenPage(String accept) {
        WebRequests request = WebRequests.get("/reports").header("Accept", accept);

        assertEquals(CallerKind.PAGE, CallerKind.of(request.request(), NO_API_PATHS));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api", "/api/", "/api/reports", "/rest/v1/x"})
    void ofWhenPathUnderApiPrefixThenApi(String path) {
        assertEquals(CallerKind.API, CallerKind.of(WebRequests.get(path).request(), List.of("/api", "/rest/")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/apiary", "/rest", "/reports/api/x", "/"})
    void ofWhenPathNotUnderApiPrefixThenPage(String path) {
        assertEquals(CallerKind.PAGE, CallerKind.of(WebRequests.get(path).request(), List.of("/api", "/rest/")));
    }

    @Test
    void ofWhenApiPrefixThenJudgedByTheDispatchedPath() {
        WebRequests request = WebRequests.get("/pages/../api/reports").servletPath("/api/reports");

        assertEquals(CallerKind.API, CallerKind.of(request.request(), List.of("/api/")));
    }

    @Test
    void isDocumentWhenFetchDestDocumentThenTrueWhateverTheAccept() {
        assertTrue(CallerKind.isDocument(WebRequests.get("/reports").header("Sec-Fetch-Dest", " Document ")
                .header("Accept", "*/*").request()));
    }

    @Test
    void isDocumentWhenFetchDestImageThenFalseEvenIfItAcceptsHtml() {
        assertFalse(CallerKind.isDocument(WebRequests.get("/logo.png").header("Sec-Fetch-Dest", "image")
                .header("Accept", BROWSER_ACCEPT).request()));
    }

    @Test
    void isDocumentWhenNoFetchMetadataThenTrueOnlyIfItAcceptsHtml() {
        assertTrue(CallerKind.isDocument(WebRequests.get("/reports").header("Accept", "TEXT/HTML").request()));
        assertFalse(CallerKind.isDocument(WebRequests.get("/logo.png").header("Accept", "image/*").request()));
        assertFalse(CallerKind.isDocument(WebRequests.get("/reports").request()));
    }
}
