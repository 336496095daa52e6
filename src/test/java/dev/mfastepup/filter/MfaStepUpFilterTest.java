package dev.mfastepup.filter;

import static dev.mfastepup.filter.RedirectVectors.assertSameOriginContextRelative;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.mfastepup.ErrorCodes;
import dev.mfastepup.LogCapture;
import dev.mfastepup.MutableClock;
import dev.mfastepup.TestConfigs;
import dev.mfastepup.TestRequests;
import dev.mfastepup.crypto.ContextSealer;
import dev.mfastepup.event.RecordedEvents;
import dev.mfastepup.event.SecurityLog;
import dev.mfastepup.service.UniversalLoginStepUp;
import dev.mfastepup.session.PendingStepUp.ReturnTo;
import dev.mfastepup.session.PendingStepUp;
import dev.mfastepup.session.SessionContents;
import dev.mfastepup.session.SessionTokenStore;
import dev.mfastepup.session.StepUpFlows;
import dev.mfastepup.session.TokenKey;
import dev.mfastepup.token.AccessTokenException;
import dev.mfastepup.token.AccessTokenService;
import dev.mfastepup.token.MfaRequiredException;
import dev.mfastepup.token.TokenExceptions;
import jakarta.ejb.EJBException;
import jakarta.el.ELException;
import jakarta.enterprise.inject.CreationException;
import jakarta.faces.FacesException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.SessionTrackingMode;
import jakarta.ws.rs.ProcessingException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class MfaStepUpFilterTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final String AUDIENCE = "https://reports.example.com";
    private static final String SCOPE = "read:reports";
    private static final String ACCESS_TOKEN = "AT-CANARY-7f3a";
    private static final String MFA_TOKEN = "MFATOK-CANARY-9";
    private static final String ORIGIN = "https://app.example.com";

    private final MutableClock clock = new MutableClock(NOW);
    private final StepUpFlows flows = new StepUpFlows(
            new ContextSealer(List.of(TestConfigs.SECRET), Duration.ofSeconds(300), clock), clock,
            Duration.ofSeconds(300));
    private final AccessTokenService accessTokens = mock(AccessTokenService.class);
    private final FilterChain chain = mock(FilterChain.class);
    private final CapturedResponse response = new CapturedResponse();

    private final Logger logger = Logger.getLogger(MfaStepUpFilter.class.getName());
    private final List<LogRecord> logged = Collections.synchronizedList(new ArrayList<>());
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord entry) {
            logged.add(entry);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level previousLevel;

    @BeforeEach
    void captureLog() {
        previousLevel = logger.getLevel();
        logger.setLevel(Level.ALL);
        logger.addHandler(handler);
    }

    @AfterEach
    void releaseLogAndCheckNoSecretWasLogged() {
        logger.removeHandler(handler);
        logger.setLevel(previousLevel);
        for (LogRecord entry : logged) {
            String text = entry.getMessage() + " " + (entry.getParameters() == null ? ""
                    : List.of(entry.getParameters()));
            assertFalse(text.contains(ACCESS_TOKEN) || text.contains(MFA_TOKEN), text);
        }
    }

    // Without a step-up ------------------------------------------------------------------------------------------

    @Test
    void doFilterWhenChainSucceedsThenResponseUntouched() throws Exception {
        TestRequests web = WebRequests.get("/reports").build();

        filter().doFilter(web.request(), response.response(), chain);

        verify(chain).doFilter(web.request(), response.response());
        assertEquals(200, response.status());
        assertTrue(response.headers().isEmpty());
        verifyNoInteractions(accessTokens);
    }

    @Test
    void doFilterWhenMfaPageThenStraightThroughEvenInDeclarativeMode() throws Exception {
        TestRequests web = WebRequests.get("/mfa/index.xhtml").query("flow=x").build();

        filter(Map.of("audience", AUDIENCE)).doFilter(web.request(), response.response(), chain);

        verify(chain).doFilter(web.request(), response.response());
        verifyNoInteractions(accessTokens);
        assertTrue(response.headers().isEmpty());
    }

    @Test
    void doFilterWhenMfaPageThrowsThenNotCaught() throws Exception {
        TestRequests web = WebRequests.get("/mfa/index.xhtml").build();
        MfaRequiredException required = startFlow(web);
        doThrow(required).when(chain).doFilter(any(), any());

        MfaRequiredException thrown = assertThrows(MfaRequiredException.class,
                () -> filter().doFilter(web.request(), response.response(), chain));

        assertSame(required, thrown);
        assertTrue(response.headers().isEmpty());
    }

    // Step-up answers by caller ----------------------------------------------------------------------------------

    @Test
    void sec07DoFilterWhenPageNeedsStepUpThenSeeOtherToStartPageAndRequestSaved() throws Exception {
        TestRequests web = WebRequests.get("/reports").query("id=7").header("Sec-Fetch-Dest", "document").build();
        MfaRequiredException required = chainThrows(web, null);

        filter().doFilter(web.request(), response.response(), chain);

        assertEquals(303, response.status());
        assertEquals("/app/mfa/index.xhtml?flow=" + required.flowId(), response.header("Location"));
        assertEquals("no-store", response.header("Cache-Control"));
        assertEquals(new ReturnTo("/reports?id=7", false), returnTo(web, required));
        assertNoSecretIn(web, response);
    }

    @Test
    void doFilterWhenHeadNeedsStepUpThenSavedLikeGet() throws Exception {
        TestRequests web = WebRequests.get("/reports").method("HEAD").build();
        MfaRequiredException required = chainThrows(web, null);

        filter().doFilter(web.request(), response.response(), chain);

        assertEquals(303, response.status());
        assertEquals(new ReturnTo("/reports", false), returnTo(web, required));
    }

    @Test
    void doFilterWhenFacesAjaxNeedsStepUpThenPartialResponseRedirect() throws Exception {
        TestRequests web = WebRequests.post("/orders.xhtml").header("Faces-Request", "partial/ajax")
                .referer(ORIGIN + "/app/orders.xhtml?id=3").build();
        MfaRequiredException required = chainThrows(web, null);

        filter().doFilter(web.request(), response.response(), chain);

        assertEquals(200, response.status());
        assertEquals("text/xml;charset=UTF-8", response.header("Content-Type"));
        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?><partial-response><redirect url=\"/app/mfa/index"
                + ".xhtml?flow=" + required.flowId() + "\"></redirect></partial-response>", response.body());
        assertEquals(new ReturnTo("/orders.xhtml?id=3", true), returnTo(web, required));
        assertNoSecretIn(web, response);
    }

    @Test
    void sec07DoFilterWhenApiCallerNeedsStepUpThenUnauthorizedJson() throws Exception {
        TestRequests web = WebRequests.get("/api/reports").header("Accept", "application/json")
                .referer(ORIGIN + "/app/dashboard").build();
        MfaRequiredException required = chainThrows(web, null);

        filter().doFilter(web.request(), response.response(), chain);

        assertEquals(401, response.status());
        assertEquals(StepUpResponder.CHALLENGE_MFA_REQUIRED, response.header("WWW-Authenticate"));
        assertEquals("{\"error\":\"mfa_required\",\"error_description\":\"Multi-factor authentication is required\","
                + "\"mfa_url\":\"/app/mfa/index.xhtml?flow=" + required.flowId() + "\",\"flow_id\":\""
                + required.flowId() + "\"}", response.body());
        assertEquals(new ReturnTo("/dashboard", false), returnTo(web, required));
        assertNoSecretIn(web, response);
    }

    @Test
    void doFilterWhenPathUnderConfiguredApiPathsThenApiAnswer() throws Exception {
        TestRequests web = WebRequests.get("/rest/reports").header("Accept", "*/*").build();
        chainThrows(web, null);

        filter(Map.of("apiPaths", " /api/ , /rest ")).doFilter(web.request(), response.response(), chain);

        assertEquals(401, response.status());
    }

    @Test
    void doFilterWhenSessionIsGoneThenStillSentToTheStartPage() throws Exception {
        TestRequests web = WebRequests.get("/reports").withoutSession().build();
        doThrow(TokenExceptions.mfaRequired("AAAAAAAAAAAAAAAAAAAAAA", AUDIENCE, SCOPE, null))
                .when(chain).doFilter(any(), any());

        filter().doFilter(web.request(), response.response(), chain);

        assertEquals(303, response.status());
        assertEquals("/app/mfa/index.xhtml?flow=AAAAAAAAAAAAAAAAAAAAAA", response.header("Location"));
    }

    // Wrapped, committed, and other exceptions -------------------------------------------------------------------

    static Stream<Arguments> wrappers() {
        return Stream.<Arguments>of(
                Arguments.of("ServletException root cause", (Wrapper) e -> new ServletException("failed", e)),
                Arguments.of("nested RuntimeExceptions", (Wrapper) e -> new RuntimeException(new RuntimeException(e))),
                Arguments.of("EJBException", (Wrapper) EJBException::new),
                Arguments.of("FacesServlet's ServletException(FacesException(ELException))",
                        (Wrapper) e -> new ServletException(new FacesException(new ELException("#{bean}", e)))),
                Arguments.of("CDI CreationException", (Wrapper) CreationException::new),
                Arguments.of("CompletionException", (Wrapper) CompletionException::new),
                Arguments.of("JAX-RS ProcessingException",
                        (Wrapper) e -> new ServletException(new ProcessingException(e))),
                Arguments.of("suppressed", (Wrapper) e -> {
                    RuntimeException closing = new IllegalStateException("close failed");
                    closing.addSuppressed(e);
                    return closing;
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrappers")
    void doFilterWhenWrappedThenUnwrappedAndAnswered(String name, Wrapper wrapper) throws Exception {
        TestRequests web = WebRequests.get("/reports").build();
        MfaRequiredException required = chainThrows(web, wrapper);

        filter().doFilter(web.request(), response.response(), chain);

        assertEquals(303, response.status(), name);
        assertEquals("/app/mfa/index.xhtml?flow=" + required.flowId(), response.header("Location"), name);
    }

    @Test
    void doFilterWhenResponseCommittedThenRethrownAndLoggedOnce() throws Exception {
        TestRequests web = WebRequests.get("/reports").build();
        MfaRequiredException required = startFlow(web);
        ServletException wrapped = new ServletException(required);
        doThrow(wrapped).when(chain).doFilter(any(), any());
        response.committed();

        ServletException thrown = assertThrows(ServletException.class,
                () -> filter().doFilter(web.request(), response.response(), chain));

        assertSame(wrapped, thrown);
        List<LogRecord> warnings = logged.stream().filter(r -> r.getLevel() == Level.WARNING).toList();
        assertEquals(1, warnings.size());
        assertEquals(List.of(AUDIENCE, required.flowId()), List.of(warnings.get(0).getParameters()));
        assertNull(returnTo(web, required));
        assertNull(response.header("Location"));
    }

    @Test
    void doFilterWhenIOExceptionThenPassesUntouchedEvenAroundAStepUp() throws Exception {
        TestRequests web = WebRequests.get("/reports").build();
        IOException broken = new IOException("Broken pipe", startFlow(web));
        doThrow(broken).when(chain).doFilter(any(), any());

        IOException thrown = assertThrows(IOException.class,
                () -> filter().doFilter(web.request(), response.response(), chain));

        assertSame(broken, thrown);
        assertTrue(response.headers().isEmpty());
    }

    @Test
    void doFilterWhenErrorThenPassesUntouched() throws Exception {
        TestRequests web = WebRequests.get("/reports").build();
        Error error = new ExceptionInInitializerError(startFlow(web));
        doThrow(error).when(chain).doFilter(any(), any());

        assertSame(error, assertThrows(Error.class,
                () -> filter().doFilter(web.request(), response.response(), chain)));
        assertTrue(response.headers().isEmpty());
    }

    @Test
    void doFilterWhenOtherRuntimeExceptionThenSameInstance() throws Exception {
        TestRequests web = WebRequests.get("/reports").build();
        IllegalStateException failure = new IllegalStateException("boom", new IllegalArgumentException());
        doThrow(failure).when(chain).doFilter(any(), any());

        assertSame(failure, assertThrows(IllegalStateException.class,
                () -> filter().doFilter(web.request(), response.response(), chain)));
        assertTrue(response.headers().isEmpty());
    }

    @Test
    void doFilterWhenOtherServletExceptionThenSameInstance() throws Exception {
        TestRequests web = WebRequests.get("/reports").build();
        ServletException failure = new ServletException(TokenExceptions.accessToken(ErrorCodes.IDP_UNAVAILABLE, "down",
                null));
        doThrow(failure).when(chain).doFilter(any(), any());

        assertSame(failure, assertThrows(ServletException.class,
                () -> filter().doFilter(web.request(), response.response(), chain)));
        assertTrue(response.headers().isEmpty());
    }

    // Return paths -----------------------------------------------------------------------------------------------

    @Test
    void doFilterWhenPostWithSameOriginRefererThenNotReplayedButBackToTheForm() throws Exception {
        TestRequests web = WebRequests.post("/transfer").query("to=mallory")
                .referer(ORIGIN + "/app/accounts/7?tab=transfers").build();
        MfaRequiredException required = chainThrows(web, null);

        filter().doFilter(web.request(), response.response(), chain);

        assertEquals(303, response.status());
        assertEquals(new ReturnTo("/accounts/7?tab=transfers", true), returnTo(web, required));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void sec09DoFilterWhenTheSessionIdCameInTheUrlThenRefusedUnlessTheApplicationTracksSessionsByUrl(
            boolean urlTracking) throws Exception {
        TestRequests web = WebRequests.get("/reports").build();
        ServletContext application = mock(ServletContext.class);
        when(application.getEffectiveSessionTrackingModes()).thenReturn(urlTracking
                ? Set.of(SessionTrackingMode.COOKIE, SessionTrackingMode.URL) : Set.of(SessionTrackingMode.COOKIE));
        when(web.request().getServletContext()).thenReturn(application);
        when(web.request().isRequestedSessionIdFromURL()).thenReturn(true);

        List<String> events;
        try (LogCapture security = new LogCapture(SecurityLog.LOGGER_NAME)) {
            filter().doFilter(web.request(), response.response(), chain);
            events = security.messages();
        }

        if (urlTracking) {
            verify(chain).doFilter(any(), any());
            assertEquals(List.of(), events);
        } else {
            verify(chain, never()).doFilter(any(), any());
            assertEquals(400, response.status());
            assertEquals(SessionIdInUrl.MESSAGE, response.body());
            assertEquals(1, events.size(), events.toString());
            assertTrue(events.get(0).startsWith("mfa.session_id_in_url "), events.get(0));
        }
    }

    @Test
    void sec15DoFilterWhenCrossSitePostThenContextRootAndNeverTheForm() throws Exception {
        TestRequests web = WebRequests.post("/transfer").query("to=mallory&amount=1000")
                .referer("https://evil.test/app/accounts/7").build();
        MfaRequiredException required = chainThrows(web, null);

        filter().doFilter(web.request(), response.response(), chain);

        assertEquals(303, response.status());
        assertEquals(new ReturnTo("/", true), returnTo(web, required));
    }

    @ParameterizedTest
    @MethodSource("dev.mfastepup.filter.RedirectVectors#all")
    void doFilterWhenRedirectVectorIsTheRequestThenSameOriginReturnAndLocation(String vector, boolean kept)
            throws Exception {
        TestRequests web = WebRequests.get(vector).build();
        MfaRequiredException required = chainThrows(web, null);

        filter().doFilter(web.request(), response.response(), chain);

        assertEquals("/app/mfa/index.xhtml?flow=" + required.flowId(), response.header("Location"));
        String path = returnTo(web, required).path();
        assertSameOriginContextRelative("/app", path);
        assertEquals(kept ? vector : "/", path);
    }

    @Test
    void doFilterWhenSubresourceJoinsTheFlowThenThePageStaysTheReturnPath() throws Exception {
        TestRequests web = WebRequests.get("/reports").header("Sec-Fetch-Dest", "document").build();
        MfaRequiredException required = chainThrows(web, null);
        filter().doFilter(web.request(), response.response(), chain);
        TestRequests image = sameSession(web, WebRequests.get("/charts/7.png").header("Sec-Fetch-Dest", "image"));
        TestRequests fetch = sameSession(web, WebRequests.get("/api/x").header("Sec-Fetch-Dest", "empty")
                .referer(ORIGIN + "/app/other"));

        filter().doFilter(image.request(), new CapturedResponse().response(), chain);
        filter().doFilter(fetch.request(), new CapturedResponse().response(), chain);

        assertEquals(new ReturnTo("/reports", false), returnTo(web, required));
    }

    @Test
    void sec12WhenAnotherNavigationJoinsTheFlowThenEachPageKeepsItsOwnReturnPath() throws Exception {
        TestRequests web = WebRequests.get("/reports").build();
        MfaRequiredException required = chainThrows(web, null);
        filter().doFilter(web.request(), response.response(), chain);
        TestRequests next = sameSession(web, WebRequests.get("/invoices").query("id=7")
                .header("Sec-Fetch-Dest", "document"));
        CapturedResponse second = new CapturedResponse();

        filter().doFilter(next.request(), second.response(), chain);

        assertEquals("/app/mfa/index.xhtml?flow=" + required.flowId(), response.header("Location"));
        String entry = flowIdIn(second);
        assertNotEquals(required.flowId(), entry);
        PendingStepUp joined = SessionContents.flow(web.session(), entry).orElseThrow();
        assertAll(
                () -> assertEquals(new ReturnTo("/reports", false), returnTo(web, required)),
                () -> assertEquals(new ReturnTo("/invoices?id=7", false), joined.returnTo()),
                () -> assertEquals(required.flowId(), joined.flowId(), "one flow, one mfa_token"),
                () -> assertEquals(1, SessionContents.flows(web.session()).size()));
    }

    @Test
    void sec12WhenTheSamePageIsLoadedAgainThenTheSameFlowId() throws Exception {
        TestRequests web = WebRequests.get("/reports").query("id=7").build();
        MfaRequiredException required = chainThrows(web, null);
        filter().doFilter(web.request(), response.response(), chain);
        TestRequests reload = sameSession(web, WebRequests.get("/reports").query("id=7")
                .header("Sec-Fetch-Dest", "document"));
        CapturedResponse second = new CapturedResponse();

        filter().doFilter(reload.request(), second.response(), chain);

        assertEquals(required.flowId(), flowIdIn(second));
    }

    @Test
    void doFilterWhenFetchMetadataSaysImageThenItJoinsTheFlowAndOnlyADocumentGetsAnEntry() throws Exception {
        TestRequests web = WebRequests.get("/reports").build();
        MfaRequiredException required = chainThrows(web, null);
        filter().doFilter(web.request(), response.response(), chain);
        TestRequests image = sameSession(web, WebRequests.get("/charts/7.png").header("Sec-Fetch-Dest", "image")
                .header("Accept", "text/html,*/*"));
        TestRequests page = sameSession(web, WebRequests.get("/invoices").header("Sec-Fetch-Dest", " Document ")
                .header("Accept", "*/*"));
        CapturedResponse imageAnswer = new CapturedResponse();
        CapturedResponse pageAnswer = new CapturedResponse();

        filter().doFilter(image.request(), imageAnswer.response(), chain);
        filter().doFilter(page.request(), pageAnswer.response(), chain);

        assertEquals(required.flowId(), flowIdIn(imageAnswer), "Fetch Metadata wins over Accept");
        assertEquals(new ReturnTo("/invoices", false), SessionContents.flow(web.session(),
                flowIdIn(pageAnswer)).orElseThrow().returnTo(), "a document gets its own entry");
    }

    @Test
    void doFilterWhenBrowserWithoutFetchMetadataThenAcceptTellsNavigationsFromImages() throws Exception {
        TestRequests web = WebRequests.get("/reports").build();
        MfaRequiredException required = chainThrows(web, null);
        filter().doFilter(web.request(), response.response(), chain);
        TestRequests image = sameSession(web, WebRequests.get("/charts/7.png").header("Accept", "image/webp,*/*"));
        TestRequests page = sameSession(web, WebRequests.get("/invoices").header("Accept", "text/html,*/*;q=0.8"));
        CapturedResponse imageAnswer = new CapturedResponse();
        CapturedResponse pageAnswer = new CapturedResponse();

        filter().doFilter(image.request(), imageAnswer.response(), chain);
        filter().doFilter(page.request(), pageAnswer.response(), chain);

        assertEquals(new ReturnTo("/reports", false), returnTo(web, required));
        assertEquals(required.flowId(), flowIdIn(imageAnswer), "an image joins the flow as it is");
        assertEquals(new ReturnTo("/invoices", false), SessionContents.flow(web.session(),
                flowIdIn(pageAnswer)).orElseThrow().returnTo(), "a page gets its own entry");
    }

    @Test
    void doFilterWhenFetchStartsTheFlowThenItsPageIsTheReturnPath() throws Exception {
        TestRequests web = WebRequests.get("/api/x").header("Sec-Fetch-Dest", "empty")
                .referer(ORIGIN + "/app/dashboard?range=7d").build();
        MfaRequiredException required = chainThrows(web, null);

        filter().doFilter(web.request(), response.response(), chain);

        assertEquals(new ReturnTo("/dashboard?range=7d", false), returnTo(web, required));
    }

    // Declarative mode -------------------------------------------------------------------------------------------

    @Test
    void doFilterWhenDeclarativeThenTokenInAttributeBeforeTheChain() throws Exception {
        TestRequests web = WebRequests.get("/reports").build();
        when(accessTokens.get(AUDIENCE, SCOPE)).thenReturn(ACCESS_TOKEN);
        doThrow(new AssertionError("chain ran without the token")).when(chain).doFilter(any(), any());
        FilterChain checking = (request, ignored) -> assertEquals(ACCESS_TOKEN,
                request.getAttribute(MfaStepUpFilter.ATTRIBUTE_ACCESS_TOKEN));

        filter(Map.of("audience", AUDIENCE, "scope", SCOPE)).doFilter(web.request(), response.response(), checking);

        assertEquals(ACCESS_TOKEN, web.request().getAttribute("dev.mfastepup.ACCESS_TOKEN"));
        assertTrue(response.headers().isEmpty());
    }

    @Test
    void doFilterWhenDeclarativeWithoutScopeThenNullScope() throws Exception {
        TestRequests web = WebRequests.get("/reports").build();
        when(accessTokens.get(AUDIENCE, null)).thenReturn(ACCESS_TOKEN);

        filter(Map.of("audience", AUDIENCE)).doFilter(web.request(), response.response(), chain);

        verify(chain).doFilter(web.request(), response.response());
        assertEquals(ACCESS_TOKEN, web.request().getAttribute(MfaStepUpFilter.ATTRIBUTE_ACCESS_TOKEN));
    }

    @Test
    void doFilterWhenDeclarativeNeedsStepUpThenAnsweredWithoutRunningTheApplication() throws Exception {
        TestRequests web = WebRequests.get("/reports").query("id=7").build();
        MfaRequiredException required = startFlow(web);
        when(accessTokens.get(AUDIENCE, SCOPE)).thenThrow(required);

        filter(Map.of("audience", AUDIENCE, "scope", SCOPE)).doFilter(web.request(), response.response(), chain);

        verify(chain, never()).doFilter(any(), any());
        assertEquals(303, response.status());
        assertEquals("/app/mfa/index.xhtml?flow=" + required.flowId(), response.header("Location"));
        assertEquals(new ReturnTo("/reports?id=7", false), returnTo(web, required));
        assertNull(web.request().getAttribute(MfaStepUpFilter.ATTRIBUTE_ACCESS_TOKEN));
    }

    @Test
    void doFilterWhenDeclarativeAndNobodySignedInThenChainRunsWithoutToken() throws Exception {
        TestRequests web = WebRequests.get("/reports").withoutSession().build();
        when(accessTokens.get(AUDIENCE, SCOPE)).thenThrow(
                TokenExceptions.accessToken(ErrorCodes.MISSING_SESSION, "no session", null));

        filter(Map.of("audience", AUDIENCE, "scope", SCOPE)).doFilter(web.request(), response.response(), chain);

        verify(chain).doFilter(web.request(), response.response());
        assertNull(web.request().getAttribute(MfaStepUpFilter.ATTRIBUTE_ACCESS_TOKEN));
        assertTrue(response.headers().isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {ErrorCodes.IDP_UNAVAILABLE, ErrorCodes.IDP_BUSY, ErrorCodes.IDP_BAD_RESPONSE})
    void doFilterWhenDeclarativeAndAuth0UnavailableThenServiceUnavailable(String code) throws Exception {
        when(accessTokens.get(AUDIENCE, SCOPE)).thenThrow(TokenExceptions.accessToken(code, "Auth0 is down", null));
        MfaStepUpFilter filter = filter(Map.of("audience", AUDIENCE, "scope", SCOPE));
        CapturedResponse page = new CapturedResponse();
        CapturedResponse api = new CapturedResponse();
        CapturedResponse ajax = new CapturedResponse();

        filter.doFilter(WebRequests.get("/reports").request(), page.response(), chain);
        filter.doFilter(WebRequests.get("/reports").header("Accept", "application/json").request(), api.response(),
                chain);
        filter.doFilter(WebRequests.post("/reports.xhtml").header("Faces-Request", "partial/ajax").request(),
                ajax.response(), chain);

        verify(chain, never()).doFilter(any(), any());
        assertErrorPage(page, "unavailable");
        assertEquals(503, api.status());
        assertEquals("{\"error\":\"temporarily_unavailable\",\"error_description\":\"The identity provider is"
                + " unavailable; try again later\"}", api.body());
        assertTrue(ajax.body().contains("<redirect url=\"/app/mfa/error.xhtml?reason=unavailable&amp;ref=c-"), ajax.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {ErrorCodes.MISSING_REFRESH_TOKEN, "invalid_grant", ErrorCodes.REFRESH_TOKEN_ERROR})
    void doFilterWhenDeclarativeAndSignInCannotGetTokensThenUnauthorized(String code) throws Exception {
        when(accessTokens.get(AUDIENCE, SCOPE)).thenThrow(TokenExceptions.accessToken(code, "revoked", null));
        MfaStepUpFilter filter = filter(Map.of("audience", AUDIENCE, "scope", SCOPE));
        CapturedResponse page = new CapturedResponse();
        CapturedResponse api = new CapturedResponse();
        CapturedResponse ajax = new CapturedResponse();

        filter.doFilter(WebRequests.get("/reports").request(), page.response(), chain);
        filter.doFilter(WebRequests.get("/reports").header("X-Requested-With", "XMLHttpRequest").request(),
                api.response(), chain);
        filter.doFilter(WebRequests.post("/reports.xhtml").header("Faces-Request", "partial/ajax").request(),
                ajax.response(), chain);

        verify(chain, never()).doFilter(any(), any());
        assertErrorPage(page, "signin");
        assertEquals(401, api.status());
        assertTrue(api.body().startsWith("{\"error\":\"login_required\""), api.body());
        assertTrue(ajax.body().contains("<redirect url=\"/app/mfa/error.xhtml?reason=signin&amp;ref=c-"), ajax.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {ErrorCodes.IDENTITY_MISMATCH, "access_denied", "login_required"})
    void doFilterWhenDeclarativeAndAuth0RefusesTheSignInThenSignInAgainNotAServerError(String code)
            throws Exception {
        CapturedResponse api = declarativePageAndApiCallFailWith(code);

        assertErrorPage(response, "signin");
        assertEquals(401, api.status());
        assertTrue(api.body().startsWith("{\"error\":\"login_required\""), api.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {ErrorCodes.DOMAIN_MISMATCH, ErrorCodes.DOMAIN_RESOLVER_ERROR,
            ErrorCodes.CONFIGURATION_ERROR, "invalid_client", "unauthorized_client", "a_code_auth0_adds_later"})
    void f17DoFilterWhenDeclarativeAndAnyOtherFailureThenUnavailableAndAWarningNamingTheCode(String code)
            throws Exception {
        CapturedResponse api = declarativePageAndApiCallFailWith(code);

        assertErrorPage(response, "unavailable");
        assertEquals(503, api.status());
        assertTrue(api.body().startsWith("{\"error\":\"temporarily_unavailable\""), api.body());
        List<LogRecord> warnings = logged.stream().filter(r -> r.getLevel() == Level.WARNING).toList();
        assertEquals(2, warnings.size());
        assertEquals(code, warnings.get(0).getParameters()[1]);
    }

    @Test
    void doFilterWhenDeclarativeAndAuth0UnavailableThenOnlyAFineLogLine() throws Exception {
        when(accessTokens.get(AUDIENCE, SCOPE)).thenThrow(
                TokenExceptions.accessToken(ErrorCodes.IDP_UNAVAILABLE, "down", null));

        filter(Map.of("audience", AUDIENCE, "scope", SCOPE)).doFilter(WebRequests.get("/reports").request(),
                response.response(), chain);

        assertErrorPage(response, "unavailable");
        assertTrue(logged.stream().noneMatch(r -> r.getLevel().intValue() >= Level.WARNING.intValue()));
    }

    // Loop breaker -----------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 30, 60})
    void sec40DoFilterWhenStepUpCompletedWithinTheWindowThenLoopErrorAndFlowEnded(long secondsAgo) throws Exception {
        TestRequests web = WebRequests.get("/reports").build();
        completedStepUp(web, AUDIENCE, SCOPE, NOW.minusSeconds(secondsAgo));
        MfaRequiredException required = chainThrows(web, null);
        List<String> events;

        try (LogCapture security = new LogCapture(SecurityLog.LOGGER_NAME)) {
            filter().doFilter(web.request(), response.response(), chain);
            events = security.messages();
        }

        assertErrorPage(response, "loop");
        assertTrue(SessionContents.flow(web.session(), required.flowId()).isEmpty());
        assertEquals(1, events.size(), events.toString());
        assertTrue(events.get(0).startsWith("mfa.step_up_loop "), events.get(0));
        assertTrue(events.get(0).contains(" flow=" + required.flowId() + " "), events.get(0));
        assertTrue(events.get(0).endsWith(" audience=" + AUDIENCE + " seconds_since_step_up=" + secondsAgo),
                events.get(0));
        assertTrue(logged.stream().noneMatch(r -> r.getLevel() == Level.WARNING), "one line: the event");
        assertNoSecretIn(web, response);
    }

    @Test
    void doFilterWhenLoopFromApiCallerThenBadGatewayJson() throws Exception {
        TestRequests web = WebRequests.get("/api/reports").header("Sec-Fetch-Dest", "empty").build();
        completedStepUp(web, AUDIENCE, SCOPE, NOW.minusSeconds(5));
        chainThrows(web, null);

        filter().doFilter(web.request(), response.response(), chain);

        assertEquals(502, response.status());
        assertTrue(response.body().startsWith("{\"error\":\"step_up_loop\""), response.body());
    }

    @Test
    void doFilterWhenLoopFromFacesAjaxThenRedirectToTheLoopErrorPage() throws Exception {
        TestRequests web = WebRequests.post("/orders.xhtml").header("Faces-Request", "partial/ajax").build();
        completedStepUp(web, AUDIENCE, SCOPE, NOW.minusSeconds(5));
        chainThrows(web, null);

        filter().doFilter(web.request(), response.response(), chain);

        assertEquals(200, response.status());
        assertTrue(response.body().matches("(?s).*<redirect url=\"/app/mfa/error\\.xhtml\\?reason=loop&amp;ref=c-[0-9a-f]{12}\">.*"),
                response.body());
    }

    @Test
    void doFilterWhenLoopInDeclarativeModeThenLoopErrorToo() throws Exception {
        TestRequests web = WebRequests.get("/reports").build();
        completedStepUp(web, AUDIENCE, SCOPE, NOW.minusSeconds(5));
        MfaRequiredException required = startFlow(web);
        when(accessTokens.get(AUDIENCE, SCOPE)).thenThrow(required);

        filter(Map.of("audience", AUDIENCE, "scope", SCOPE)).doFilter(web.request(), response.response(), chain);

        assertErrorPage(response, "loop");
        verify(chain, never()).doFilter(any(), any());
    }

    @Test
    void doFilterWhenStepUpCompletedBeforeTheWindowThenStepUpAgain() throws Exception {
        TestRequests web = WebRequests.get("/reports").build();
        completedStepUp(web, AUDIENCE, SCOPE, NOW.minusSeconds(61));
        MfaRequiredException required = chainThrows(web, null);

        filter().doFilter(web.request(), response.response(), chain);

        assertEquals(303, response.status());
        assertTrue(SessionContents.flow(web.session(), required.flowId()).isPresent());
    }

    @Test
    void doFilterWhenStepUpCompletedForAnotherScopeThenNoLoop() throws Exception {
        TestRequests web = WebRequests.get("/reports").build();
        completedStepUp(web, AUDIENCE, "write:reports", NOW.minusSeconds(5));
        completedStepUp(web, "https://other.example.com", SCOPE, NOW.minusSeconds(5));
        chainThrows(web, null);

        filter().doFilter(web.request(), response.response(), chain);

        assertEquals(303, response.status());
    }

    @Test
    void doFilterWhenCompletionClockIsAheadThenCountedAsJustNow() throws Exception {
        TestRequests web = WebRequests.get("/reports").build();
        completedStepUp(web, AUDIENCE, "read:reports", NOW.plusSeconds(3));
        chainThrows(web, null);

        filter().doFilter(web.request(), response.response(), chain);

        assertErrorPage(response, "loop");
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 3})
    void doFilterWhenLoopWindowIsZeroThenNeverALoopEvenForACompletionAheadOfTheClock(long secondsAhead)
            throws Exception {
        TestRequests web = WebRequests.get("/reports").build();
        completedStepUp(web, AUDIENCE, SCOPE, NOW.plusSeconds(secondsAhead));
        chainThrows(web, null);

        filter(Map.of("loopWindowSeconds", "0")).doFilter(web.request(), response.response(), chain);

        assertEquals(303, response.status());
    }

    @Test
    void doFilterWhenLoopWindowIsLongerThenItCounts() throws Exception {
        TestRequests web = WebRequests.get("/reports").build();
        completedStepUp(web, AUDIENCE, SCOPE, NOW.minusSeconds(200));
        chainThrows(web, null);

        filter(Map.of("loopWindowSeconds", "300")).doFilter(web.request(), response.response(), chain);

        assertErrorPage(response, "loop");
    }

    // Init-params ------------------------------------------------------------------------------------------------

    @Test
    void initWhenNothingConfiguredThenDefaults() throws Exception {
        TestRequests web = WebRequests.get("/api/reports").build();
        completedStepUp(web, AUDIENCE, SCOPE, NOW.minusSeconds(60));
        chainThrows(web, null);

        filter().doFilter(web.request(), response.response(), chain);

        assertErrorPage(response, "loop");
        verifyNoInteractions(accessTokens);
    }

    @Test
    void initWhenNotInjectedThenDeploymentFailsNamingCdi() {
        MfaStepUpFilter filter = new MfaStepUpFilter();

        ServletException failure = assertThrows(ServletException.class, () -> filter.init(config(Map.of())));

        assertTrue(failure.getMessage().contains("Filter 'mfa'") && failure.getMessage().contains("CDI"),
                failure.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://api example.com", "api\u0000", "https://api.example.com/\u00e9"})
    void initWhenAudienceBadThenMessageNamesParamAndForm(String audience) {
        ServletException failure = assertThrows(ServletException.class, () -> filter(Map.of("audience", audience)));

        assertEquals("Init-param 'audience' of filter 'mfa' must be an API identifier of visible ASCII without spaces,"
                + " such as https://api.example.com; it is '" + audience + "'.", failure.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"read:\"reports\"", "read\\reports", "read\treports"})
    void initWhenScopeBadThenMessageNamesParamAndForm(String scope) {
        ServletException failure = assertThrows(ServletException.class,
                () -> filter(Map.of("audience", AUDIENCE, "scope", scope)));

        assertTrue(failure.getMessage().startsWith("Init-param 'scope' of filter 'mfa' must be scope values of visible"
                + " ASCII without quotes or backslashes, separated by spaces"), failure.getMessage());
        assertTrue(failure.getMessage().endsWith("it is '" + scope + "'."), failure.getMessage());
    }

    @Test
    void initWhenScopeWithoutAudienceThenMessageNamesBoth() {
        ServletException failure = assertThrows(ServletException.class, () -> filter(Map.of("scope", SCOPE)));

        assertEquals("Init-param 'scope' of filter 'mfa' needs the init-param 'audience': declarative mode gets the"
                + " token of one audience.", failure.getMessage());
    }

    @Test
    void initWhenScopeHasSeveralValuesThenAccepted() throws Exception {
        when(accessTokens.get(AUDIENCE, "read:reports  write:reports")).thenReturn(ACCESS_TOKEN);

        filter(Map.of("audience", AUDIENCE, "scope", "  read:reports  write:reports ")).doFilter(
                WebRequests.get("/reports").request(), response.response(), chain);

        verify(accessTokens).get(AUDIENCE, "read:reports  write:reports");
    }

    @ParameterizedTest
    @ValueSource(strings = {"api", "/api,,/rest", "//api", "/api?x=1", "/a/../b", "/api,rest", "\\api", ","})
    void initWhenApiPathsBadThenMessageNamesParamAndForm(String apiPaths) {
        ServletException failure = assertThrows(ServletException.class, () -> filter(Map.of("apiPaths", apiPaths)));

        assertTrue(failure.getMessage().startsWith("Init-param 'apiPaths' of filter 'mfa' must be a comma-separated"
                + " list of context-relative path prefixes, each starting with one '/', such as '/api/,/rest/'; '"),
                failure.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "3601", "sixty", "1.5", "60s", "99999999999"})
    void initWhenLoopWindowBadThenMessageNamesParamAndRange(String seconds) {
        ServletException failure = assertThrows(ServletException.class,
                () -> filter(Map.of("loopWindowSeconds", seconds)));

        assertEquals("Init-param 'loopWindowSeconds' of filter 'mfa' must be a whole number of seconds from 0 to 3600;"
                + " it is '" + seconds + "'.", failure.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "3600", " 120 ", ""})
    void initWhenLoopWindowInRangeOrBlankThenAccepted(String seconds) throws Exception {
        filter(Map.of("loopWindowSeconds", seconds));
    }

    // Helpers ----------------------------------------------------------------------------------------------------

    /** Builds a wrapper around the step-up exception. */
    @FunctionalInterface
    interface Wrapper {
        Throwable wrap(MfaRequiredException required);
    }

    private MfaStepUpFilter filter() throws ServletException {
        return filter(Map.of());
    }

    private MfaStepUpFilter filter(Map<String, String> initParams) throws ServletException {
        MfaStepUpFilter filter = new MfaStepUpFilter(new DeclarativeTokens(accessTokens, PageSet.FACES), new StepUpDispatch(
                new LoopBreaker(flows, new SessionTokenStore(), RecordedEvents.none(), clock, PageSet.FACES), flows,
                mock(UniversalLoginStepUp.class), accessTokens, PageSet.FACES));
        filter.init(config(initParams));
        return filter;
    }

    private static FilterConfig config(Map<String, String> initParams) {
        FilterConfig config = mock(FilterConfig.class);
        when(config.getFilterName()).thenReturn("mfa");
        when(config.getInitParameter(anyString())).thenAnswer(i -> initParams.get(i.<String>getArgument(0)));
        when(config.getInitParameterNames()).thenAnswer(i -> Collections.enumeration(initParams.keySet()));
        return config;
    }

    /** Starts a flow as AccessTokenService does, and returns the exception it throws for it. */
    private MfaRequiredException startFlow(TestRequests web) {
        PendingStepUp pending = flows.start(web.session(), "auth0|alice", "tenant.auth0.com",
                new TokenKey(AUDIENCE, SCOPE), MFA_TOKEN, null);
        return TokenExceptions.mfaRequired(pending.flowId(), AUDIENCE, SCOPE, null);
    }

    /** Makes the application throw the step-up exception, wrapped or not, for the request's session. */
    private MfaRequiredException chainThrows(TestRequests web, Wrapper wrapper) throws Exception {
        MfaRequiredException required = startFlow(web);
        Throwable thrown = wrapper == null ? required : wrapper.wrap(required);
        doThrow(thrown).when(chain).doFilter(any(), any());
        return required;
    }

    private static void completedStepUp(TestRequests web, String audience, String scope, Instant at) {
        SessionContents.recordStepUp(web.session(), new TokenKey(audience, scope), at);
    }

    /** A request of another tab or a subresource, in the same session as the first. */
    private static TestRequests sameSession(TestRequests first, WebRequests next) {
        TestRequests web = next.build();
        when(web.request().getSession(false)).thenReturn(first.session());
        when(web.request().getSession(true)).thenReturn(first.session());
        when(web.request().getSession()).thenReturn(first.session());
        return web;
    }

    /**
     * Declarative mode gets the token failure {@code code}: a page navigation answers into {@link #response},
     * an API call into the returned response; the application never runs.
     */
    private CapturedResponse declarativePageAndApiCallFailWith(String code) throws Exception {
        when(accessTokens.get(AUDIENCE, SCOPE)).thenThrow(TokenExceptions.accessToken(code, "no", null));
        MfaStepUpFilter filter = filter(Map.of("audience", AUDIENCE, "scope", SCOPE));
        CapturedResponse api = new CapturedResponse();
        filter.doFilter(WebRequests.get("/reports").request(), response.response(), chain);
        filter.doFilter(WebRequests.get("/api/reports").header("Accept", "application/json").request(),
                api.response(), chain);
        verify(chain, never()).doFilter(any(), any());
        return api;
    }

    /** The flow id a step-up answer sends the browser to. */
    private static String flowIdIn(CapturedResponse answer) {
        String location = answer.header("Location");
        assertNotNull(location, "a redirect to the MFA pages");
        return location.substring(location.indexOf("flow=") + "flow=".length());
    }

    private static ReturnTo returnTo(TestRequests web, MfaRequiredException required) {
        return SessionContents.flow(web.session(), required.flowId()).orElseThrow().returnTo();
    }

    private static void assertNoSecretIn(TestRequests web, CapturedResponse response) {
        String sent = response.everything();
        assertFalse(sent.contains(ACCESS_TOKEN) || sent.contains(MFA_TOKEN), sent);
        Map<String, String> sealed = new HashMap<>();
        SessionContents.flowsIfAny(web.session()).forEach(p -> sealed.put(p.flowId(), p.sealedContext()));
        sealed.values().forEach(context -> assertFalse(sent.contains(context), sent));
    }

    private static void assertErrorPage(CapturedResponse response, String reason) {
        // The error page itself answers with the failure's status, in the user's language.
        assertEquals(303, response.status());
        // with the request's correlation id, which the page shows
        assertTrue(response.header("Location").matches("/app/mfa/error\\.xhtml\\?reason=" + reason + "&ref=c-[0-9a-f]{12}"),
                response.header("Location"));
    }
}
