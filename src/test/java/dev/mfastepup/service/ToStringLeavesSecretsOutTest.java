package dev.mfastepup.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mfastepup.Factor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a log line or a debugger shows of the service's values: what they are, never a code, secret or address. */
class ToStringLeavesSecretsOutTest {

    @Test
    void verificationsSayWhichKindTheyAreButNeverTheCode() {
        assertEquals("Otp[redacted]", new Verification.Otp("123456").toString());
        assertEquals("OutOfBandCode[redacted]", new Verification.OutOfBandCode("654321").toString());
        assertEquals("RecoveryCode[redacted]", new Verification.RecoveryCode("ABCDEFGH12345678").toString());
    }

    @Test
    void enrollmentSaysItsFactorAndHowManyRecoveryCodesButNotTheSecretUriOrCodes() {
        String text = new Enrollment(Factor.OTP, "JBSWY3DPEHPK3PXP", "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP",
                false, List.of("RECOVERYCODE1234")).toString();

        assertEquals("Enrollment[factor=OTP, bindingCodeRequired=false, recoveryCodes=1]", text);
        assertFalse(text.contains("JBSWY3DPEHPK3PXP"), text);
        assertFalse(text.contains("RECOVERYCODE1234"), text);
    }

    @Test
    void enrollmentRequestSaysItsFactorButNeitherPhoneNumberNorAddress() {
        assertEquals("EnrollmentRequest[factor=SMS]", EnrollmentRequest.sms("+4915123456789").toString());
        assertEquals("EnrollmentRequest[factor=EMAIL]", EnrollmentRequest.email("alice@example.com").toString());
    }

    @Test
    void verifiedSaysWhetherARecoveryCodeCameButNeverTheCode() {
        String with = new VerifyResult.Verified(Factor.RECOVERY_CODE, "https://api.example.com", "read:reports",
                "NEWRECOVERYCODE9", null).toString();
        String without = new VerifyResult.Verified(Factor.OTP, "https://api.example.com", "read:reports", null, null)
                .toString();

        assertEquals("Verified[factor=RECOVERY_CODE, audience=https://api.example.com, scope=read:reports,"
                + " newRecoveryCode=true, returnTo=null]", with);
        assertFalse(with.contains("NEWRECOVERYCODE9"), with);
        assertTrue(without.contains("newRecoveryCode=false"), without);
    }
}
