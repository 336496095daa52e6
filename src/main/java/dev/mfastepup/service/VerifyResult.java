package dev.mfastepup.service;

import dev.mfastepup.Factor;
import java.time.Duration;
import dev.mfastepup.session.PendingStepUp.ReturnTo;
import java.util.Optional;

/**
 * What a verification gave. Failures (a wrong code, too many attempts, an expired flow) are exceptions; these are
 * the outcomes a page moves on with.
 *
 * @since 0.1
 */
public sealed interface VerifyResult {

    /**
     * The factor is verified: the token is in the session, the flow is over and the session id was renewed.
     *
     * @param factor the factor verified.
     * @param audience the audience of the new token.
     * @param scope the scope of the new token.
     * @param newRecoveryCode a new recovery code to show the user once (after a recovery code was used, or with a
     *        first enrollment), or {@code null}.
     * @param returnTo where the user goes now, or {@code null} when nobody said.
     */
    record Verified(Factor factor, String audience, String scope, String newRecoveryCode, ReturnTo returnTo)
            implements VerifyResult {

        /**
         * Returns the recovery code to show once.
         *
         * @return the code, if Auth0 issued one.
         */
        public Optional<String> recoveryCode() {
            return Optional.ofNullable(newRecoveryCode);
        }

        /** Leaves the recovery code out. */
        @Override
        public String toString() {
            return "Verified[factor=" + factor + ", audience=" + audience + ", scope=" + scope
                    + ", newRecoveryCode=" + (newRecoveryCode != null) + ", returnTo=" + returnTo + "]";
        }
    }

    /**
     * The push notification is not answered yet: poll again after {@code retryIn}.
     *
     * @param retryIn how long to wait before the next poll.
     * @param slowDown {@code true} when Auth0 asked to poll less often.
     */
    record Pending(Duration retryIn, boolean slowDown) implements VerifyResult {
    }

    /**
     * The factor is verified but Auth0 asks for another one (chained MFA): continue with the new flow.
     *
     * @param next the new flow, for the same audience and scope.
     */
    record AnotherFactorRequired(StepUpFlow next) implements VerifyResult {
    }

    /**
     * Another request of this session completed the flow first (a second tab, a double submit): the token is in
     * the session; nothing was sent to Auth0.
     *
     * @param audience the audience of the token.
     * @param scope the scope of the token.
     * @param returnTo where the user goes now, or {@code null} when nobody said.
     */
    record AlreadyVerified(String audience, String scope, ReturnTo returnTo) implements VerifyResult {
    }
}
