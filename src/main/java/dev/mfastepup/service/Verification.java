package dev.mfastepup.service;

/**
 * What the user entered or did to prove the second factor.
 *
 * @since 0.1
 */
public sealed interface Verification {

    /**
     * A one-time password from an authenticator app: six ASCII digits; spaces are ignored.
     *
     * @param code the code as typed.
     */
    record Otp(String code) implements Verification {
        /** Leaves the code out. */
        @Override
        public String toString() {
            return "Otp[redacted]";
        }
    }

    /**
     * The code Auth0 sent by SMS, voice or email for the pending challenge or enrollment: six ASCII digits.
     *
     * @param bindingCode the code as typed.
     */
    record OutOfBandCode(String bindingCode) implements Verification {
        /** Leaves the code out. */
        @Override
        public String toString() {
            return "OutOfBandCode[redacted]";
        }
    }

    /** A poll: has the user approved the pending push notification yet? */
    record PushApproval() implements Verification {
    }

    /**
     * A recovery code: 16 to 32 letters and digits; spaces and dashes are ignored, case does not matter.
     *
     * @param code the code as typed.
     */
    record RecoveryCode(String code) implements Verification {
        /** Leaves the code out. */
        @Override
        public String toString() {
            return "RecoveryCode[redacted]";
        }
    }
}
