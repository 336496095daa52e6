package dev.mfastepup.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mfastepup.StepUpRequirements;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepUpContextTest {

    private static final String RAW_TOKEN = "MFATOK-CANARY-7f3a9c";
    private static final String OOB_CODE = "OOB-CANARY-51d2e8";

    private static StepUpContext context(String oobCode) {
        return new StepUpContext(RAW_TOKEN, "https://api.example.com", "openid profile",
                new StepUpRequirements(null, List.of("otp")), 1_700_000_000L,
                "flow-1", "auth0|alice", "tenant.auth0.com", oobCode);
    }

    @Test
    void toStringWhenSecretsSetThenNeitherTokenNorOobCodeAppears() {
        String text = context(OOB_CODE).toString();

        assertFalse(text.contains(RAW_TOKEN), text);
        assertFalse(text.contains(OOB_CODE), text);
        assertTrue(text.contains("mfaToken=[redacted]"), text);
        assertTrue(text.contains("oobCode=[redacted]"), text);
        assertTrue(text.contains("audience=https://api.example.com"), text);
    }

    @Test
    void toStringWhenNoOobCodeThenShowsNull() {
        assertTrue(context(null).toString().contains("oobCode=null"));
    }

    @Test
    void withOobCodeWhenCalledThenOnlyOobCodeChanges() {
        StepUpContext original = context(null);

        StepUpContext copy = original.withOobCode(OOB_CODE);

        assertEquals(OOB_CODE, copy.oobCode());
        assertNull(original.oobCode());
        assertEquals(original, copy.withOobCode(null));
        assertEquals(original.createdAt(), copy.createdAt());
    }

    @Test
    void constructorWhenMfaTokenNullThenNullPointerWithFieldName() {
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> new StepUpContext(null, "a", "s", null, 0, null, null, null, null));
        assertEquals("mfaToken cannot be null", e.getMessage());
    }

    @Test
    void constructorWhenAudienceNullThenNullPointerWithFieldName() {
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> new StepUpContext("t", null, "s", null, 0, null, null, null, null));
        assertEquals("audience cannot be null", e.getMessage());
    }

    @Test
    void constructorWhenScopeNullThenNullPointerWithFieldName() {
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> new StepUpContext("t", "a", null, null, 0, null, null, null, null));
        assertEquals("scope cannot be null", e.getMessage());
    }

    @Test
    void constructorWhenPythonShapedThenBindingFieldsMayBeNull() {
        StepUpContext context = new StepUpContext("t", "default", "", null, 0, null, null, null, null);

        assertNull(context.flowId());
        assertNull(context.subject());
        assertNull(context.domain());
    }

    @Test
    void typeWhenInspectedThenNotSerializable() {
        // SEC-01: the record holds the raw token, so a session store must not be able to write it.
        assertFalse(Serializable.class.isAssignableFrom(StepUpContext.class));
    }

    @Test
    void withRecoveryCodeWhenSealedThenRoundTripsAndStaysOutOfToString() {
        Clock clock = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);
        ContextSealer sealer = new ContextSealer(List.of("8f1c2b7e9d4a6f30b5e2c8d1a7f4e9b3c6d0a2f5"),
                Duration.ofSeconds(300), clock);
        StepUpContext context = new StepUpContext("raw", "aud", "", null, 1_700_000_000L, "flow", "sub", "dom", "oob")
                .withRecoveryCode("RC-SECRET");

        StepUpContext opened = sealer.unseal(sealer.seal(context), "flow", "sub", "dom");

        assertEquals("RC-SECRET", opened.recoveryCode());
        assertEquals("oob", opened.withOobCode("oob").oobCode());
        assertEquals("RC-SECRET", opened.withOobCode(null).recoveryCode());
        assertFalse(context.toString().contains("RC-SECRET"));
    }

    @Test
    void toStringWhenSessionBoundThenTheValueStaysOut() {
        StepUpContext context = new StepUpContext(RAW_TOKEN, "https://api.example.com", "", null, 0, "f", "s", "d",
                null, null, "SESSION-BINDING-CANARY");

        assertFalse(context.toString().contains("SESSION-BINDING-CANARY"), context.toString());
        assertTrue(context.toString().contains("sessionBinding=[redacted]"), context.toString());
        assertTrue(new StepUpContext(RAW_TOKEN, "a", "", null, 0, null, null, null, null).toString()
                .contains("sessionBinding=null"));
    }
}
