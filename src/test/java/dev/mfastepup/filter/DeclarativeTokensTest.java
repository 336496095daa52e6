package dev.mfastepup.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.mfastepup.Auth0Error;
import dev.mfastepup.ErrorCodes;
import dev.mfastepup.filter.StepUpResponder.Failure;
import dev.mfastepup.token.AccessTokenException;
import dev.mfastepup.token.AccessTokenService;
import dev.mfastepup.token.MfaRequiredException;
import dev.mfastepup.token.TokenExceptions;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Declarative mode on its own; the filter's test covers every answer it writes. */
class DeclarativeTokensTest {

    private static final String AUDIENCE = "https://reports.example.com";
    private static final String SCOPE = "read:reports";
    private static final FilterSettings SETTINGS = new FilterSettings(AUDIENCE, SCOPE, List.of(),
            Duration.ofSeconds(60));

    private final AccessTokenService accessTokens = mock(AccessTokenService.class);
    private final DeclarativeTokens declarativeTokens = new DeclarativeTokens(accessTokens, PageSet.FACES);
    private final CapturedResponse response = new CapturedResponse();

    @Test
    void provideWhenTokenThenInTheRequestAndGoesOn() throws Exception {
        when(accessTokens.get(AUDIENCE, SCOPE)).thenReturn("AT-CANARY-1");
        HttpServletRequest request = WebRequests.get("/reports").request();

        assertTrue(declarativeTokens.provide(request, response.response(), SETTINGS));

        assertEquals("AT-CANARY-1", request.getAttribute(MfaStepUpFilter.ATTRIBUTE_ACCESS_TOKEN));
        assertEquals(200, response.status());
    }

    @Test
    void provideWhenNobodySignedInThenGoesOnWithoutToken() throws Exception {
        when(accessTokens.get(AUDIENCE, SCOPE)).thenThrow(
                TokenExceptions.accessToken(ErrorCodes.MISSING_SESSION, "no", null));
        HttpServletRequest request = WebRequests.get("/reports").request();

        assertTrue(declarativeTokens.provide(request, response.response(), SETTINGS));

        assertNull(request.getAttribute(MfaStepUpFilter.ATTRIBUTE_ACCESS_TOKEN));
        assertTrue(response.headers().isEmpty());
    }

    @Test
    void provideWhenStepUpNeededThenThrownOnForTheFilterToAnswer() {
        MfaRequiredException required = TokenExceptions.mfaRequired("flow-1", AUDIENCE, SCOPE, null);
        when(accessTokens.get(AUDIENCE, SCOPE)).thenThrow(required);

        MfaRequiredException thrown = assertThrows(MfaRequiredException.class, () -> declarativeTokens.provide(
                WebRequests.get("/reports").request(), response.response(), SETTINGS));

        assertSame(required, thrown);
        assertTrue(response.headers().isEmpty());
    }

    @Test
    void provideWhenNoTokenThenAnsweredAndStops() throws Exception {
        when(accessTokens.get(AUDIENCE, SCOPE)).thenThrow(
                TokenExceptions.accessToken(ErrorCodes.IDP_UNAVAILABLE, "no", null));

        assertFalse(declarativeTokens.provide(WebRequests.get("/reports").header("Accept", "application/json")
                .request(), response.response(), SETTINGS));

        assertEquals(503, response.status());
    }

    @Test
    void failureWhenTheSignInCanNoLongerGetTokensThenSignIn() {
        for (String code : List.of(ErrorCodes.MISSING_REFRESH_TOKEN, ErrorCodes.REFRESH_TOKEN_ERROR,
                ErrorCodes.IDENTITY_MISMATCH, Auth0Error.INVALID_GRANT.code(), Auth0Error.ACCESS_DENIED.code(),
                Auth0Error.LOGIN_REQUIRED.code())) {
            assertEquals(Failure.SIGN_IN, DeclarativeTokens.failure(code), code);
        }
    }

    @Test
    void failureWhenAnythingElseThenUnavailable() {
        for (String code : List.of(ErrorCodes.IDP_UNAVAILABLE, ErrorCodes.IDP_BUSY, ErrorCodes.IDP_BAD_RESPONSE,
                ErrorCodes.DOMAIN_MISMATCH, Auth0Error.INVALID_CLIENT.code(), "something_new")) {
            assertEquals(Failure.UNAVAILABLE, DeclarativeTokens.failure(code), code);
        }
    }
}
