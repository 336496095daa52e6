package dev.mfastepup.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.mfastepup.AttemptsLockedException;
import dev.mfastepup.ErrorCodes;
import dev.mfastepup.MfaException;
import dev.mfastepup.MfaTokenExpiredException;
import dev.mfastepup.MfaTokenInvalidException;
import dev.mfastepup.SendsLimitedException;
import dev.mfastepup.TestRequests;
import dev.mfastepup.client.IdpException;
import dev.mfastepup.pages.FailureAnswer.Completed;
import dev.mfastepup.pages.FailureAnswer.Stay;
import dev.mfastepup.pages.FailureAnswer.ToError;
import dev.mfastepup.pages.FailureAnswer.ToStart;
import dev.mfastepup.pages.FailureAnswer.ToUniversalLogin;
import dev.mfastepup.service.MfaService;
import dev.mfastepup.service.UniversalLoginStepUp;
import dev.mfastepup.service.VerifyResult;
import dev.mfastepup.session.PendingStepUp.ReturnTo;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What a page of either set does about each failure: the user stays for what they can fix, the error page shows
 * what ends the flow, and a flow completed meanwhile leads back to the application.
 */
class PageFailuresTest {

    private static final String FLOW = "AbCdEfGhIjKlMnOpQrStUv";
    private static final ReturnTo BACK = new ReturnTo("/reports?id=7", false);

    private final MfaService mfa = mock(MfaService.class);
    private final UniversalLoginStepUp universalLogin = mock(UniversalLoginStepUp.class);
    private final PageFailures failures = new PageFailures(mfa, universalLogin);
    private final PageFailures.Step codeStep = new PageFailures.Step(FLOW, BACK, PageFailures.CODE_FIELD, "error.code",
            TestRequests.withSession().request());

    @Test
    void wrongOrExpiredCodeOrMalformedInputThenTheUserStaysWithTheMessageOfTheField() {
        assertEquals(new Stay("code", "error.wrongCode", 0, null, false), answer(auth0("invalid_grant", 403)));
        assertEquals(new Stay("code", "error.codeExpired", 0, null, false), answer(auth0("expired_token", 403)));
        assertEquals(new Stay("code", "error.code", 0, null, false),
                answer(new MfaException(ErrorCodes.INVALID_INPUT, "malformed")));
        assertEquals(new Stay("code", "error.refused", 0, null, false), answer(auth0("something_new", 400)));
    }

    @Test
    void auth0AwayThenTheUserStaysWithTheStatusThatSaysHowAndTheWait() {
        IdpException busy = new IdpException(ErrorCodes.IDP_BUSY, 503, null, "busy", Duration.ofSeconds(30), null);
        assertEquals(new Stay(null, "error.unavailable", 503, Duration.ofSeconds(30), false), answer(busy));
        IdpException gateway = new IdpException(ErrorCodes.IDP_BAD_RESPONSE, 502, null, "html", null, null);
        assertEquals(new Stay(null, "error.unavailable", 502, null, false), answer(gateway));
    }

    @Test
    void sendLimitsThenTheUserStaysWith429AndTheWait() {
        assertEquals(new Stay(null, "error.resendTooSoon", 429, Duration.ofSeconds(20), false), answer(
                new SendsLimitedException(ErrorCodes.RESEND_TOO_SOON, "soon", Duration.ofSeconds(20))));
        assertEquals(new Stay(null, "error.sendLimit", 429, null, false), answer(
                new SendsLimitedException(ErrorCodes.SEND_LIMIT_REACHED, "many", null)));
    }

    @Test
    void lockedThenTheLockedPageWithTheWaitInWholeMinutesRoundedUp() {
        assertEquals(new ToError(ErrorReason.LOCKED, BACK, "2"), answer(new AttemptsLockedException(Duration.ofSeconds(61))));
        assertEquals(new ToError(ErrorReason.LOCKED, BACK, "1"), answer(new AttemptsLockedException(Duration.ofSeconds(1))));
        assertEquals(new ToError(ErrorReason.LOCKED, BACK, "6"), answer(auth0("too_many_attempts", 429)));
    }

    @Test
    void expiredFlowThenTheExpiredPageOfferingUniversalLoginOnlyWhereItCanTakeOver() {
        assertEquals(new ToError(ErrorReason.EXPIRED, BACK, null), answer(new MfaTokenExpiredException()));
        when(universalLogin.canTakeOver(FLOW)).thenReturn(true);
        assertEquals(new ToError(ErrorReason.EXPIRED, BACK, FLOW), answer(new MfaTokenExpiredException()));
        assertEquals(new ToError(ErrorReason.INVALID, BACK, null), answer(new MfaTokenInvalidException()));
    }

    @Test
    void flowCompletedMeanwhileThenBackToTheApplicationInsteadOfAnError() {
        when(mfa.alreadyVerified(FLOW)).thenReturn(Optional.of(new VerifyResult.AlreadyVerified("aud", "scope", BACK)));

        assertEquals(new Completed(BACK), answer(new MfaTokenExpiredException()));
        assertEquals(new Completed(BACK), answer(new MfaTokenInvalidException()));
    }

    @Test
    void flowNotThereThenBackToTheApplicationWhenCompletedLatelyElseTheExpiredPage() {
        assertEquals(new ToError(ErrorReason.EXPIRED, null, null), failures.gone(FLOW));
        when(mfa.alreadyVerified(FLOW)).thenReturn(Optional.of(new VerifyResult.AlreadyVerified("aud", "scope", BACK)));
        assertEquals(new Completed(BACK), failures.gone(FLOW));
    }

    @Test
    void applicationRefusedTheMfaGrantThenUniversalLoginWhereItCanTakeOverElseUnavailable() {
        assertEquals(new ToError(ErrorReason.UNAVAILABLE, BACK, null), answer(auth0("unauthorized_client", 403)));
        when(universalLogin.canTakeOver(FLOW)).thenReturn(true);
        assertEquals(new ToUniversalLogin(FLOW), answer(auth0("unauthorized_client", 403)));
        assertEquals(new ToError(ErrorReason.UNAVAILABLE, BACK, null), answer(auth0("invalid_client", 401)));
    }

    @Test
    void moduleFailuresThenTheirPages() {
        assertEquals(new ToStart(), answer(new MfaException(ErrorCodes.NO_CHALLENGE, "none")));
        assertEquals(new ToError(ErrorReason.SIGNIN, null, null), answer(new MfaException(ErrorCodes.TOO_MANY_FAILURES, "x")));
        assertEquals(new ToError(ErrorReason.IDENTITY, null, null), answer(new MfaException(ErrorCodes.IDENTITY_MISMATCH, "x")));
        assertEquals(new Stay(null, "error.unsupported", 0, null, false),
                answer(new MfaException(ErrorCodes.UNSUPPORTED_FACTOR, "x")));
        assertEquals(new ToError(ErrorReason.FAILED, BACK, null), answer(new IllegalStateException("bug")));
    }

    @Test
    void pushDeniedOnThePhoneThenTheDeniedPageOfferingAnotherMethodOfTheFlow() {
        assertEquals(new ToError(ErrorReason.DENIED, BACK, FLOW),
                failures.answerPushCheck(auth0("invalid_grant", 403), codeStep));
        assertEquals(new ToError(ErrorReason.LOCKED, BACK, "6"),
                failures.answerPushCheck(auth0("too_many_attempts", 429), codeStep));
    }

    private FailureAnswer answer(RuntimeException failure) {
        return failures.answer(failure, codeStep);
    }

    private static IdpException auth0(String error, int status) {
        return new IdpException(error, status, null, "Auth0 said " + error, null, null);
    }
}
