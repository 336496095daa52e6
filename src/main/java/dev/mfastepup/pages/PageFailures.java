package dev.mfastepup.pages;

import dev.mfastepup.AttemptsLockedException;
import dev.mfastepup.Auth0Error;
import dev.mfastepup.ErrorCodes;
import dev.mfastepup.MfaException;
import dev.mfastepup.MfaTokenExpiredException;
import dev.mfastepup.MfaTokenInvalidException;
import dev.mfastepup.SendsLimitedException;
import dev.mfastepup.client.IdpException;
import dev.mfastepup.event.SecurityLog;
import dev.mfastepup.pages.FailureAnswer.Completed;
import dev.mfastepup.pages.FailureAnswer.Stay;
import dev.mfastepup.pages.FailureAnswer.ToError;
import dev.mfastepup.pages.FailureAnswer.ToStart;
import dev.mfastepup.pages.FailureAnswer.ToUniversalLogin;
import dev.mfastepup.service.MfaService;
import dev.mfastepup.service.UniversalLoginStepUp;
import dev.mfastepup.service.VerifyResult;
import dev.mfastepup.session.PendingStepUp.ReturnTo;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Decides what a page does when a step of its flow fails, the same for the Faces and the JSP pages: what the user
 * can fix (a wrong or malformed code, Auth0 briefly away) stays on the page with a message and the flow intact;
 * what ends the flow (expired, locked, another user) goes to the error page.
 *
 * @since 0.2
 */
@ApplicationScoped
public class PageFailures {

    private static final Logger logger = Logger.getLogger(PageFailures.class.getName());

    /** The input where a code is typed, on every page that has one. */
    public static final String CODE_FIELD = "code";

    private MfaService mfa;
    private UniversalLoginStepUp universalLogin;

    PageFailures() {
        // for CDI's proxy
    }

    /**
     * Creates the decisions; CDI calls this.
     *
     * @param mfa the service, for whether a flow was completed lately.
     * @param universalLogin the step-up through Universal Login, for whether it can take a flow over.
     */
    @Inject
    public PageFailures(MfaService mfa, UniversalLoginStepUp universalLogin) {
        this.mfa = mfa;
        this.universalLogin = universalLogin;
    }

    /**
     * The step that failed: its flow, where the flow leads back to, and the input the user typed.
     *
     * @param flowId the flow's id, or empty.
     * @param returnTo where the flow leads back to, as the request found it; or {@code null}.
     * @param field the input a message belongs to, or {@code null} for the page.
     * @param inputErrorKey the message key for a malformed input on this page, such as {@code error.code}.
     * @param request the request, whose correlation id a log line of an unexpected failure names.
     */
    public record Step(String flowId, ReturnTo returnTo, String field, String inputErrorKey,
            HttpServletRequest request) {
    }

    /**
     * Decides what the page does about a failure.
     *
     * @param failure what the service threw.
     * @param step the step that failed.
     * @return the answer.
     */
    public FailureAnswer answer(RuntimeException failure, Step step) {
        if (failure instanceof MfaTokenInvalidException || failure instanceof MfaTokenExpiredException) {
            Optional<VerifyResult.AlreadyVerified> done = mfa.alreadyVerified(step.flowId());
            if (done.isPresent()) {
                return new Completed(done.get().returnTo());
            }
        }
        if (failure instanceof MfaTokenExpiredException) {
            return expired(step.flowId(), step.returnTo());
        } else if (failure instanceof MfaTokenInvalidException) {
            return new ToError(ErrorReason.INVALID, step.returnTo(), null);
        } else if (failure instanceof AttemptsLockedException locked) {
            return locked(step.returnTo(), locked.retryAfter());
        } else if (failure instanceof SendsLimitedException limited) {
            // Codes already sent stay valid: the page stays, with its code field, and says how to go on.
            return new Stay(null, ErrorCodes.RESEND_TOO_SOON.equals(limited.code()) ? "error.resendTooSoon"
                    : "error.sendLimit", 429, limited.retryAfter().orElse(null), false);
        } else if (failure instanceof IdpException idp) {
            return fromAuth0(idp, step);
        } else if (failure instanceof MfaException mfaFailure) {
            return fromModule(mfaFailure, step);
        }
        // The error page shows this request's correlation id: the user can quote it, and it leads here.
        logger.log(Level.SEVERE, "[" + SecurityLog.correlation(step.request()) + "] Unexpected failure on an MFA page",
                failure);
        return new ToError(ErrorReason.FAILED, step.returnTo(), null);
    }

    /**
     * Decides what the push page does about a failure of its check: a push denied on the phone has a page of its
     * own, which offers another method of the same flow.
     *
     * @param failure what the service threw.
     * @param step the step that failed.
     * @return the answer.
     */
    public FailureAnswer answerPushCheck(RuntimeException failure, Step step) {
        if (failure instanceof IdpException idp && Auth0Error.INVALID_GRANT.is(idp.code())) {
            return new ToError(ErrorReason.DENIED, step.returnTo(), step.flowId());
        }
        return answer(failure, step);
    }

    /**
     * The answer for a page whose flow is not there: back to the application when it was completed lately (in
     * another tab, or in this one before a reload), else the "expired" page.
     *
     * @param flowId the flow's id, as the request named it.
     * @return the answer.
     */
    public FailureAnswer gone(String flowId) {
        return mfa.alreadyVerified(flowId).<FailureAnswer>map(done -> new Completed(done.returnTo()))
                .orElseGet(() -> expired(flowId, null));
    }

    /**
     * The answer for a flow that is gone: the "expired" page, which offers Universal Login when it can take the
     * flow over.
     *
     * @param flowId the flow's id.
     * @param returnTo where "start again" leads, or {@code null}.
     * @return the answer.
     */
    public ToError expired(String flowId, ReturnTo returnTo) {
        return new ToError(ErrorReason.EXPIRED, returnTo, universalLogin.canTakeOver(flowId) ? flowId : null);
    }

    private FailureAnswer fromAuth0(IdpException idp, Step step) {
        String field = step.field();
        if (idp.isUnavailable()) {
            // The page stays, with what the user typed and the flow intact, so that trying again is one click;
            // the status says what happened for the logs and monitors in front of the application.
            int status = idp.isTimeout() ? HttpServletResponse.SC_GATEWAY_TIMEOUT
                    : ErrorCodes.IDP_BAD_RESPONSE.equals(idp.code()) ? HttpServletResponse.SC_BAD_GATEWAY
                    : HttpServletResponse.SC_SERVICE_UNAVAILABLE;
            // A code whose answer was lost may have been used up by Auth0: ask for a new one, not the same again.
            boolean usedUp = idp.isOutcomeUnknown() && CODE_FIELD.equals(field);
            return new Stay(null, usedUp ? "error.unconfirmed" : idp.isTimeout() ? "error.slow" : "error.unavailable",
                    status, idp.retryAfter().orElse(null), idp.isOutcomeUnknown());
        } else if (Auth0Error.of(idp.code()).isTryLater()) {
            return new ToError(ErrorReason.LOCKED, step.returnTo(),
                    Long.toString(idp.retryAfter().map(PageFailures::minutes).orElse(6L)));
        } else if (Auth0Error.INVALID_GRANT.is(idp.code())) {
            return new Stay(field, "error.wrongCode", 0, null, false);
        } else if (Auth0Error.EXPIRED_TOKEN.is(idp.code())) {
            // Only a code's expiry comes this far (the service ends the flow on the mfa_token's): a new code will do.
            return new Stay(field, "error.codeExpired", 0, null, false);
        } else if (Auth0Error.UNAUTHORIZED_CLIENT.is(idp.code()) && universalLogin.canTakeOver(step.flowId())) {
            // The tenant does not allow this application the MFA grant: the user goes on through Universal Login.
            logger.warning("Auth0 refused this application an MFA grant (unauthorized_client); the step-up goes on"
                    + " through Universal Login. Allow the MFA grant types, or set mfa-stepup.universal-login.only");
            return new ToUniversalLogin(step.flowId());
        } else if (Auth0Error.of(idp.code()).refusesTheApplication()) {
            logger.severe("Auth0 refused this application's client credentials; check mfa-stepup.client-secret");
            return new ToError(ErrorReason.UNAVAILABLE, step.returnTo(), null);
        }
        logger.log(Level.WARNING, "Auth0 refused an MFA step: {0}", idp.code());
        return new Stay(field, "error.refused", 0, null, false);
    }

    private static FailureAnswer fromModule(MfaException failure, Step step) {
        return switch (failure.code()) {
            case ErrorCodes.INVALID_INPUT -> new Stay(step.field(), step.inputErrorKey(), 0, null, false);
            case ErrorCodes.TOO_MANY_FAILURES -> new ToError(ErrorReason.SIGNIN, null, null);
            case ErrorCodes.UNSUPPORTED_FACTOR, ErrorCodes.ENROLLMENT_NOT_ALLOWED ->
                    new Stay(null, "error.unsupported", 0, null, false);
            case ErrorCodes.NO_CHALLENGE -> new ToStart();
            case ErrorCodes.IDENTITY_MISMATCH -> new ToError(ErrorReason.IDENTITY, null, null);
            case ErrorCodes.DOMAIN_RESOLVER_ERROR, ErrorCodes.DOMAIN_MISMATCH ->
                    new ToError(ErrorReason.INVALID, step.returnTo(), null);
            default -> {
                logger.log(Level.WARNING, "MFA step failed: {0}", failure.code());
                yield new ToError(ErrorReason.FAILED, step.returnTo(), null);
            }
        };
    }

    private static ToError locked(ReturnTo returnTo, Duration wait) {
        return new ToError(ErrorReason.LOCKED, returnTo, Long.toString(minutes(wait)));
    }

    /** A wait in whole minutes, rounded up, at least one: the locked page speaks in minutes. */
    static long minutes(Duration wait) {
        return Math.max(1, (wait.toSeconds() + 59) / 60);
    }
}
