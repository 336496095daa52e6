package dev.mfastepup.service;

import dev.mfastepup.Factor;
import java.util.Objects;

/**
 * What the user chose to enroll.
 *
 * @param factor the factor; not {@link Factor#RECOVERY_CODE}.
 * @param phoneNumber the E.164 phone number, such as {@code +4915123456789}, for SMS and voice; else {@code null}.
 * @param email the address for email, or {@code null} to use the user's own address.
 * @since 0.1
 */
public record EnrollmentRequest(Factor factor, String phoneNumber, String email) {

    /**
     * Checks for a factor.
     *
     * @param factor the factor; not {@link Factor#RECOVERY_CODE}.
     * @param phoneNumber the E.164 phone number, such as {@code +4915123456789}, for SMS and voice; else {@code null}.
     * @param email the address for email, or {@code null} to use the user's own address.
     */
    public EnrollmentRequest {
        Objects.requireNonNull(factor, "factor cannot be null");
    }

    /**
     * Enrolls an authenticator app (OTP).
     *
     * @return the request.
     */
    public static EnrollmentRequest otp() {
        return new EnrollmentRequest(Factor.OTP, null, null);
    }

    /**
     * Enrolls the Auth0 Guardian app (push).
     *
     * @return the request.
     */
    public static EnrollmentRequest push() {
        return new EnrollmentRequest(Factor.PUSH, null, null);
    }

    /**
     * Enrolls a phone number for codes by text message.
     *
     * @param phoneNumber the E.164 number.
     * @return the request.
     */
    public static EnrollmentRequest sms(String phoneNumber) {
        return new EnrollmentRequest(Factor.SMS, phoneNumber, null);
    }

    /**
     * Enrolls a phone number for codes by phone call.
     *
     * @param phoneNumber the E.164 number.
     * @return the request.
     */
    public static EnrollmentRequest voice(String phoneNumber) {
        return new EnrollmentRequest(Factor.VOICE, phoneNumber, null);
    }

    /**
     * Enrolls an email address.
     *
     * @param email the address; required, as the user must see where the codes go (a blank one is refused with
     *        {@code invalid_input} when enrolling, and nothing is sent).
     * @return the request.
     */
    public static EnrollmentRequest email(String email) {
        return new EnrollmentRequest(Factor.EMAIL, null, email);
    }

    /** Leaves the phone number and the address out; they are personal data. */
    @Override
    public String toString() {
        return "EnrollmentRequest[factor=" + factor + "]";
    }
}
