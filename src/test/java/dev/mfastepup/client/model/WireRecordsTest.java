package dev.mfastepup.client.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SEC-31 for the wire records: each toString says what the record holds, with every token, code, secret, phone
 * number and e-mail address left out, so that a record in a log line or an exception message gives none away.
 */
class WireRecordsTest {

    private static final String SECRET = "CANARY";

    @Test
    void tokenAnswersSayWhichTokensCameAndShowNone() {
        assertEquals("TokenResponse[tokenType=Bearer, expiresIn=3600, scope=read, idToken=true, refreshToken=true,"
                + " recoveryCode=true]", new TokenResponse("AT" + SECRET, "Bearer", 3600L, "ID" + SECRET,
                        "RT" + SECRET, "read", "RC" + SECRET).toString());
        assertEquals("TokenResponse[tokenType=null, expiresIn=null, scope=null, idToken=false, refreshToken=false,"
                + " recoveryCode=false]", new TokenResponse("AT" + SECRET, null, null, null, null, null, null)
                        .toString());
    }

    @Test
    void errorAnswersSayWhetherAnMfaTokenCameAndShowNone() {
        MfaRequirements otp = new MfaRequirements(null, List.of(new MfaRequirements.Requirement("otp")));
        String withToken = new ErrorResponse("mfa_required", "MFA", "MT" + SECRET, otp).toString();
        String without = new ErrorResponse("invalid_grant", "Wrong", null, null).toString();

        assertTrue(withToken.startsWith("ErrorResponse[error=mfa_required, errorDescription=MFA, mfaToken=true,"
                + " mfaRequirements="), withToken);
        assertFalse(withToken.contains(SECRET), withToken);
        assertEquals("ErrorResponse[error=invalid_grant, errorDescription=Wrong, mfaToken=false,"
                + " mfaRequirements=null]", without);
    }

    @Test
    void enrollmentsAndChallengesShowNoSecretCodeOrAddress() {
        assertEquals("EnrollmentResponse[authenticatorType=otp, oobChannel=null, bindingMethod=null,"
                + " recoveryCodes=1]", new EnrollmentResponse("otp", "SEED" + SECRET, "otpauth://" + SECRET, null,
                        null, null, List.of("RC" + SECRET), "id").toString());
        assertEquals("EnrollmentResponse[authenticatorType=oob, oobChannel=sms, bindingMethod=prompt,"
                + " recoveryCodes=0]", new EnrollmentResponse("oob", null, null, "sms", "OOB" + SECRET, "prompt",
                        null, null).toString());
        assertEquals("ChallengeResponse[challengeType=oob, bindingMethod=prompt]",
                new ChallengeResponse("oob", "OOB" + SECRET, "prompt").toString());
        assertEquals("ChallengeRequest[clientId=app, challengeType=oob, authenticatorId=sms|1]",
                new ChallengeRequest("MT" + SECRET, "app", "oob", "CS" + SECRET, "sms|1").toString());
        assertEquals("AssociateRequest[authenticatorTypes=[oob], oobChannels=[sms]]",
                new AssociateRequest(List.of("oob"), List.of("sms"), "+49" + SECRET, SECRET + "@example.com")
                        .toString());
    }

    @Test
    void theChannelOfAnAuthenticatorIsTheOneFieldAuth0FilledIn() {
        assertEquals("sms", new Authenticator("a", "oob", true, null, "sms", List.of("voice"), null).channel());
        assertEquals("voice", new Authenticator("a", "oob", true, null, " ", List.of("voice"), null).channel());
        assertEquals("voice", new Authenticator("a", "oob", true, null, null, List.of("voice"), null).channel());
        assertNull(new Authenticator("a", "oob", true, null, null, List.of(), null).channel());
        assertNull(new Authenticator("a", "otp", true, null, null, null, null).channel());
    }

    @Test
    void anEnrollmentIsRequiredOnlyWhenAuth0ListsAFactorToEnroll() {
        MfaRequirements.Requirement otp = new MfaRequirements.Requirement("otp");

        assertTrue(new MfaRequirements(List.of(otp), null).requiresEnrollment());
        assertFalse(new MfaRequirements(List.of(), List.of(otp)).requiresEnrollment());
        assertFalse(new MfaRequirements(null, List.of(otp)).requiresEnrollment());
    }
}
