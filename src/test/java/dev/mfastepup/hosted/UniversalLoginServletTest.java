package dev.mfastepup.hosted;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.mfastepup.MfaTokenInvalidException;
import dev.mfastepup.filter.PageSet;
import dev.mfastepup.service.HostedOutcome;
import dev.mfastepup.service.UniversalLoginStepUp;
import dev.mfastepup.session.PendingStepUp.ReturnTo;
import dev.mfastepup.telemetry.ModuleTelemetry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The two addresses of the step-up through Universal Login, and where each answer sends the browser. */
class UniversalLoginServletTest {

    private final UniversalLoginStepUp stepUp = mock(UniversalLoginStepUp.class);
    private final UniversalLoginServlet servlet = new UniversalLoginServlet();
    private final HttpServletResponse response = mock(HttpServletResponse.class);
    private final Map<String, String> headers = new HashMap<>();
    private int status;

    @BeforeEach
    void setUp() throws Exception {
        servlet.stepUp = stepUp;
        servlet.telemetry = new ModuleTelemetry();
        servlet.pages = PageSet.FACES;
        when(stepUp.enabled()).thenReturn(true);
        doAnswer(i -> headers.put(i.getArgument(0), i.getArgument(1))).when(response)
                .setHeader(anyString(), anyString());
        doAnswer(i -> status = i.getArgument(0)).when(response).setStatus(anyInt());
        doAnswer(i -> status = i.getArgument(0)).when(response).sendError(anyInt());
    }

    @Test
    void theStartSendsTheBrowserToAuth0() throws Exception {
        URI authorize = URI.create("https://tenant.example.com/authorize?state=s");
        when(stepUp.begin("FLOW")).thenReturn(authorize);

        servlet.doGet(request("/start", Map.of("flow", "FLOW")), response);

        assertEquals(303, status);
        assertEquals(authorize.toString(), headers.get("Location"));
        assertEquals("no-store", headers.get("Cache-Control"));
        assertEquals("no-referrer", headers.get("Referrer-Policy"));
    }

    @Test
    void theStartPathNamesTheFlowEncoded() {
        assertEquals("/mfa/universal-login/start?flow=a%2Bb%26c", UniversalLoginServlet.startPath("a+b&c"));
    }

    @Test
    void anUnknownFlowGoesToTheErrorPage() throws Exception {
        when(stepUp.begin(any(String.class))).thenThrow(new MfaTokenInvalidException());

        servlet.doGet(request("/start", Map.of("flow", "GONE")), response);

        assertEquals(303, status);
        assertTrue(headers.get("Location").startsWith("/app/mfa/error.xhtml?reason=invalid&ref="),
                headers.get("Location"));
    }

    @Test
    void aCompletedStepUpReturnsToItsPageAndARefusalExplainsOnTheErrorPage() throws Exception {
        when(stepUp.complete("C", "S", null)).thenReturn(new HostedOutcome(HostedOutcome.Kind.COMPLETED,
                new ReturnTo("/reports?id=7", false)));
        servlet.doGet(request("/callback", Map.of("code", "C", "state", "S")), response);
        assertEquals("/app/reports?id=7", headers.get("Location"));

        when(stepUp.complete("C", "S", null)).thenReturn(new HostedOutcome(HostedOutcome.Kind.COMPLETED, null));
        servlet.doGet(request("/callback", Map.of("code", "C", "state", "S")), response);
        assertEquals("/app/", headers.get("Location"));

        Map<HostedOutcome.Kind, String> reasons = Map.of(HostedOutcome.Kind.INVALID, "invalid",
                HostedOutcome.Kind.NOT_PROVEN, "not-proven", HostedOutcome.Kind.UNAVAILABLE, "unavailable",
                HostedOutcome.Kind.IDENTITY, "identity");
        for (Map.Entry<HostedOutcome.Kind, String> reason : reasons.entrySet()) {
            when(stepUp.complete("C", "S", null)).thenReturn(new HostedOutcome(reason.getKey(),
                    new ReturnTo("/reports?id=7", false)));
            servlet.doGet(request("/callback", Map.of("code", "C", "state", "S")), response);
            String location = headers.get("Location");
            assertTrue(location.startsWith("/app/mfa/error.xhtml?reason=" + reason.getValue() + "&ref="), location);
            assertTrue(location.endsWith("&return=%2Freports%3Fid%3D7"), location);
        }
    }

    @Test
    void whenTheRoadIsOffBothAddressesAreNotFound() throws Exception {
        when(stepUp.enabled()).thenReturn(false);

        servlet.doGet(request("/start", Map.of("flow", "FLOW")), response);
        assertEquals(404, status);
        servlet.doGet(request("/callback", Map.of("code", "C", "state", "S")), response);
        assertEquals(404, status);
        verify(stepUp, never()).begin(any(String.class));
        verify(stepUp, never()).complete(any(), any(), any());
    }

    @Test
    void anyOtherAddressBelowIsNotFound() throws Exception {
        servlet.doGet(request("/callback/more", Map.of()), response);

        assertEquals(404, status);
    }

    private static HttpServletRequest request(String pathInfo, Map<String, String> parameters) {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getServletPath()).thenReturn("/mfa/universal-login");
        when(request.getPathInfo()).thenReturn(pathInfo);
        when(request.getContextPath()).thenReturn("/app");
        when(request.getScheme()).thenReturn("https");
        when(request.getServerName()).thenReturn("shop.example.com");
        when(request.getServerPort()).thenReturn(8443);
        when(request.getParameter(anyString())).thenAnswer(i -> parameters.get(i.<String>getArgument(0)));
        return request;
    }
}
