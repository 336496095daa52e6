package dev.mfastepup.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mfastepup.event.SecurityLog;
import dev.mfastepup.filter.StepUpResponder.Failure;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.StringReader;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StepUpResponderTest {

    private static final String FLOW_ID = "AbCdEfGhIjKlMnOpQrSt-_";
    private static final String START_URL = "/app/mfa/index.xhtml?flow=" + FLOW_ID;

    private final HttpServletRequest request = WebRequests.get("/reports").request();
    private final CapturedResponse response = new CapturedResponse();

    // Step-up ----------------------------------------------------------------------------------------------------

    @Test
    void stepUpWhenPageThenSeeOtherToStartPage() throws IOException {
        StepUpResponder.stepUp(request, response.response(), PageSet.FACES, CallerKind.PAGE, FLOW_ID);

        assertEquals(303, response.status());
        assertEquals(START_URL, response.header("Location"));
        assertEquals("no-store", response.header("Cache-Control"));
        assertEquals("0", response.header("Content-Length"));
        assertEquals("", response.body());
    }

    @Test
    void stepUpWhenFacesAjaxThenPartialResponseRedirect() throws IOException {
        StepUpResponder.stepUp(request, response.response(), PageSet.FACES, CallerKind.FACES_AJAX, FLOW_ID);

        assertEquals(200, response.status());
        assertEquals("text/xml;charset=UTF-8", response.header("Content-Type"));
        assertEquals("no-store", response.header("Cache-Control"));
        assertNull(response.header("Location"));
        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?><partial-response><redirect url=\""
                + START_URL + "\"></redirect></partial-response>", response.body());
        assertEquals(String.valueOf(response.body().length()), response.header("Content-Length"));
    }

    @Test
    void stepUpWhenApiThenUnauthorizedWithBearerChallengeAndJson() throws IOException {
        StepUpResponder.stepUp(request, response.response(), PageSet.FACES, CallerKind.API, FLOW_ID);

        assertEquals(401, response.status());
        assertEquals("Bearer error=\"insufficient_user_authentication\", "
                + "error_description=\"Multi-factor authentication is required\"", response.header("WWW-Authenticate"));
        assertEquals("application/json;charset=UTF-8", response.header("Content-Type"));
        assertEquals("no-store", response.header("Cache-Control"));
        assertEquals("nosniff", response.header("X-Content-Type-Options"));
        assertEquals("{\"error\":\"mfa_required\",\"error_description\":\"Multi-factor authentication is required\","
                + "\"mfa_url\":\"" + START_URL + "\",\"flow_id\":\"" + FLOW_ID + "\"}", response.body());
        JsonObject json = parse(response.body());
        assertEquals(START_URL, json.getString("mfa_url"));
        assertEquals(FLOW_ID, json.getString("flow_id"));
    }

    @Test
    void stepUpWhenRootContextThenUrlsAtRoot() throws IOException {
        HttpServletRequest atRoot = WebRequests.get("/reports").contextPath("").request();

        StepUpResponder.stepUp(atRoot, response.response(), PageSet.FACES, CallerKind.PAGE, FLOW_ID);

        assertEquals("/mfa/index.xhtml?flow=" + FLOW_ID, response.header("Location"));
    }

    @Test
    void stepUpWhenApplicationOutputBufferedThenItIsDropped() throws IOException {
        response.streamWritten("<html>half a page");

        StepUpResponder.stepUp(request, response.response(), PageSet.FACES, CallerKind.API, FLOW_ID);

        assertTrue(response.body().startsWith("{\"error\":\"mfa_required\""), response.body());
    }

    @Test
    void stepUpWhenApplicationTookTheWriterThenWrittenThroughIt() throws IOException {
        response.writerTaken("half a page");

        StepUpResponder.stepUp(request, response.response(), PageSet.FACES, CallerKind.FACES_AJAX, FLOW_ID);

        assertTrue(response.body().startsWith("<?xml"), response.body());
        assertTrue(response.body().endsWith("</partial-response>"), response.body());
    }

    @Test
    void stepUpWhenContextPathHasMarkupCharactersThenEscapedForEachFormat() throws IOException {
        HttpServletRequest odd = WebRequests.get("/reports").contextPath("/a\"b<c&d'\u00e9").request();

        CapturedResponse xml = new CapturedResponse();
        StepUpResponder.stepUp(odd, xml.response(), PageSet.FACES, CallerKind.FACES_AJAX, FLOW_ID);
        CapturedResponse json = new CapturedResponse();
        StepUpResponder.stepUp(odd, json.response(), PageSet.FACES, CallerKind.API, FLOW_ID);

        assertTrue(xml.body().contains("url=\"/a&quot;b&lt;c&amp;d&#39;&#xE9;/mfa/index.xhtml?flow="), xml.body());
        assertEquals("/a\"b<c&d'\u00e9/mfa/index.xhtml?flow=" + FLOW_ID, parse(json.body()).getString("mfa_url"));
        assertTrue(json.body().chars().allMatch(c -> c < 0x7F), json.body());
        assertFalse(json.body().contains("<"), json.body());
    }

    // Failures ---------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Failure.class)
    void failureWhenPageThenSeeOtherToTheErrorPageWhichSaysItInTheUsersLanguage(Failure failure) throws IOException {
        StepUpResponder.failure(request, response.response(), PageSet.FACES, CallerKind.PAGE, failure);

        assertEquals(303, response.status());
        assertEquals("/app/mfa/error.xhtml?reason=" + failure.reason + "&ref=" + SecurityLog.correlation(request),
                response.header("Location"));
        assertEquals("no-store", response.header("Cache-Control"));
        assertNull(response.header("WWW-Authenticate"));
        assertEquals("", response.body());
    }

    @ParameterizedTest
    @EnumSource(Failure.class)
    void failureWhenApiThenStatusAndJson(Failure failure) throws IOException {
        StepUpResponder.failure(request, response.response(), PageSet.FACES, CallerKind.API, failure);

        assertEquals(failure.status, response.status());
        assertEquals("application/json;charset=UTF-8", response.header("Content-Type"));
        assertEquals("no-store", response.header("Cache-Control"));
        assertEquals(Map.of("error", failure.code, "error_description", failure.description),
                Map.of("error", parse(response.body()).getString("error"),
                        "error_description", parse(response.body()).getString("error_description")));
        assertEquals(2, parse(response.body()).size());
    }

    @ParameterizedTest
    @EnumSource(Failure.class)
    void failureWhenFacesAjaxThenRedirectToErrorPageWithReason(Failure failure) throws IOException {
        StepUpResponder.failure(request, response.response(), PageSet.FACES, CallerKind.FACES_AJAX, failure);

        assertEquals(200, response.status());
        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?><partial-response><redirect url=\"/app/mfa/error"
                + ".xhtml?reason=" + failure.reason + "&amp;ref=" + SecurityLog.correlation(request)
                + "\"></redirect></partial-response>", response.body());
        assertNull(response.header("WWW-Authenticate"));
    }

    @Test
    void failureWhenLoopThenBadGatewayAndLoopCodes() throws IOException {
        StepUpResponder.failure(request, response.response(), PageSet.FACES, CallerKind.API, Failure.LOOP);

        assertEquals(502, response.status());
        assertEquals("step_up_loop", parse(response.body()).getString("error"));
        assertEquals("loop", Failure.LOOP.reason);
    }

    @Test
    void failureWhenUnavailableThenServiceUnavailable() throws IOException {
        StepUpResponder.failure(request, response.response(), PageSet.FACES, CallerKind.API, Failure.UNAVAILABLE);

        assertEquals(503, response.status());
        assertEquals("temporarily_unavailable", parse(response.body()).getString("error"));
        assertNull(response.header("WWW-Authenticate"));
    }

    @Test
    void failureWhenSignInThenUnauthorizedWithChallenge() throws IOException {
        StepUpResponder.failure(request, response.response(), PageSet.FACES, CallerKind.API, Failure.SIGN_IN);

        assertEquals(401, response.status());
        assertEquals("Bearer error=\"invalid_token\", error_description=\"" + Failure.SIGN_IN.description + "\"",
                response.header("WWW-Authenticate"));
    }

    // Escaping ---------------------------------------------------------------------------------------------------

    @Test
    void jsonWhenSpecialCharactersThenEscapedToAscii() {
        assertEquals("\"q\\\"b\\\\s\\n\\r\\t\\u0000\\u003c\\u003e\\u0026\\u00e9\\u2028\"",
                StepUpResponder.json("q\"b\\s\n\r\t\u0000<>&\u00e9\u2028"));
    }

    private static JsonObject parse(String body) {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }
}
