package dev.mfastepup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Protocol reference §3: what Auth0's {@code mfa_requirements} allow; a missing or empty list restricts nothing. */
class StepUpRequirementsTest {

    private static final Set<Factor> ENROLLABLE = EnumSet.of(Factor.OTP, Factor.SMS, Factor.VOICE, Factor.EMAIL,
            Factor.PUSH);

    @Test
    void challengeableWhenNoChallengeListOrAnEmptyOneThenEveryFactor() {
        assertEquals(EnumSet.allOf(Factor.class), StepUpRequirements.NONE.challengeable());
        assertEquals(EnumSet.allOf(Factor.class), new StepUpRequirements(List.of("otp"), List.of()).challengeable());
    }

    @Test
    void challengeableWhenTypesListedThenTheFactorsTheyAllowAndNoneForAnUnknownType() {
        assertEquals(EnumSet.of(Factor.SMS, Factor.VOICE, Factor.OTP),
                new StepUpRequirements(null, List.of("phone", "otp")).challengeable());
        assertEquals(EnumSet.noneOf(Factor.class),
                new StepUpRequirements(null, List.of("webauthn-roaming")).challengeable());
    }

    @Test
    void enrollableWhenNoEnrollListOrAnEmptyOneThenEveryEnrollableFactor() {
        assertEquals(ENROLLABLE, StepUpRequirements.NONE.enrollable());
        assertEquals(ENROLLABLE, new StepUpRequirements(List.of(), List.of("otp")).enrollable());
    }

    @Test
    void enrollableWhenTypesListedThenTheEnrollableFactorsTheyAllow() {
        assertEquals(EnumSet.of(Factor.OTP),
                new StepUpRequirements(List.of("otp", "recovery-code"), null).enrollable());
        assertEquals(EnumSet.noneOf(Factor.class),
                new StepUpRequirements(List.of("recovery-code", "webauthn-platform"), null).enrollable());
    }

    @Test
    void theFactorSetsAreNewEachTime() {
        StepUpRequirements requirements = StepUpRequirements.NONE;

        requirements.challengeable().clear();
        requirements.enrollable().clear();

        assertEquals(EnumSet.allOf(Factor.class), requirements.challengeable());
        assertEquals(ENROLLABLE, requirements.enrollable());
    }

    @Test
    void requiresEnrollmentOnlyWhenTheEnrollListHasAnEntry() {
        assertTrue(new StepUpRequirements(List.of("otp"), null).requiresEnrollment());
        assertFalse(new StepUpRequirements(List.of(), List.of("otp")).requiresEnrollment());
        assertFalse(new StepUpRequirements(null, List.of("otp")).requiresEnrollment());
        assertFalse(StepUpRequirements.NONE.requiresEnrollment());
    }

    @Test
    void orNoneWhenNullThenNoneElseTheSameValue() {
        StepUpRequirements otp = new StepUpRequirements(null, List.of("otp"));

        assertSame(StepUpRequirements.NONE, StepUpRequirements.orNone(null));
        assertSame(otp, StepUpRequirements.orNone(otp));
    }

    @Test
    void theListsAreCopiedUnmodifiableAndKeepUnknownAndMissingTypes() {
        List<String> types = new ArrayList<>(Arrays.asList("otp", "future-factor", null));
        StepUpRequirements requirements = new StepUpRequirements(types, null);
        types.clear();

        assertEquals(Arrays.asList("otp", "future-factor", null), requirements.enroll());
        assertNull(requirements.challenge());
        assertThrows(UnsupportedOperationException.class, () -> requirements.enroll().add("email"));
    }

    @Test
    void aJavaSerializationRoundTripGivesAnEqualValue() throws Exception {
        StepUpRequirements requirements = new StepUpRequirements(List.of("otp"), List.of("phone", "future-factor"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(requirements);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals(requirements, in.readObject());
        }
    }
}
