package dev.mfastepup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mfastepup.client.model.Authenticator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Protocol reference §3: from listed authenticators and requirement types to factors. */
class FactorTest {

    private static Optional<Factor> of(Authenticator listed) {
        return Factor.ofListed(listed.authenticatorType(), listed.channel());
    }

    private static Authenticator listed(String type, String channel, List<String> channels) {
        return new Authenticator("id", type, true, null, channel, channels, null);
    }

    @Test
    void ofWhenOobThenChannelFromEitherField() {
        assertEquals(Optional.of(Factor.SMS), of(listed("oob", "sms", null)));
        assertEquals(Optional.of(Factor.VOICE), of(listed("oob", null, List.of("voice"))));
        assertEquals(Optional.of(Factor.EMAIL), of(listed("oob", "email", null)));
        assertEquals(Optional.of(Factor.PUSH), of(listed("oob", "auth0", null)));
    }

    @Test
    void ofWhenOtpOrRecoveryCodeThenThoseFactors() {
        assertEquals(Optional.of(Factor.OTP), of(listed("otp", null, null)));
        assertEquals(Optional.of(Factor.RECOVERY_CODE), of(listed("recovery-code", null, null)));
    }

    @Test
    void ofWhenUnknownTypeOrChannelThenEmpty() {
        assertTrue(of(listed("webauthn-roaming", null, null)).isEmpty());
        assertTrue(of(listed("oob", "duo", null)).isEmpty());
        assertTrue(of(listed("oob", "otp", null)).isEmpty());
        assertTrue(of(listed("oob", null, null)).isEmpty());
    }

    @Test
    void fromRequirementTypeWhenDocumentedOrSdkTypesThenFactors() {
        // protocol §3.3 [INF] mapping, plus the SDK examples' sms/email/auth0 and the PY test's oob
        assertEquals(EnumSet.of(Factor.OTP), Factor.fromRequirementType("otp"));
        assertEquals(EnumSet.of(Factor.SMS, Factor.VOICE), Factor.fromRequirementType("phone"));
        assertEquals(EnumSet.of(Factor.PUSH), Factor.fromRequirementType("push-notification"));
        assertEquals(EnumSet.of(Factor.PUSH), Factor.fromRequirementType("auth0"));
        assertEquals(EnumSet.of(Factor.EMAIL), Factor.fromRequirementType("email"));
        assertEquals(EnumSet.of(Factor.RECOVERY_CODE), Factor.fromRequirementType("recovery-code"));
        assertEquals(EnumSet.of(Factor.SMS, Factor.VOICE, Factor.EMAIL, Factor.PUSH), Factor.fromRequirementType("oob"));
        assertTrue(Factor.fromRequirementType("webauthn-platform").isEmpty());
        assertTrue(Factor.fromRequirementType(null).isEmpty());
    }

    @Test
    void propertiesWhenEachFactorThenWireNamesAndKinds() {
        assertEquals("auth0", Factor.PUSH.wireName());
        assertTrue(Factor.SMS.deliversCode());
        assertTrue(!Factor.PUSH.deliversCode() && Factor.PUSH.isOutOfBand());
        assertTrue(!Factor.RECOVERY_CODE.isEnrollable());
        assertEquals(Optional.of(Factor.PUSH), Factor.fromWireName(" AUTH0 "));
    }
}
