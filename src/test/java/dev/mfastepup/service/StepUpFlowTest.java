package dev.mfastepup.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mfastepup.Factor;
import dev.mfastepup.StepUpRequirements;
import dev.mfastepup.session.PendingStepUp;
import dev.mfastepup.session.TokenKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A step-up flow as a page sees it: what is pending, whether the user must enroll, under which id. */
class StepUpFlowTest {

    private static final Instant CREATED = Instant.parse("2026-11-26T10:00:00Z");
    private static final Duration TTL = Duration.ofMinutes(5);
    private static final TokenKey KEY = new TokenKey("https://api.example.com", "read:reports");

    private static PendingStepUp pending(StepUpRequirements requirements, PendingStepUp.Challenge challenge) {
        return new PendingStepUp("flow-1", "sealed", KEY, requirements, CREATED, challenge, null);
    }

    @Test
    void anEnrollmentWaitingForATypedCodeShowsAsEnrollingWithBindingCode() {
        PendingStepUp.Challenge sms = new PendingStepUp.Challenge(Factor.SMS, null, true, true, CREATED.plusSeconds(3),
                5, null);

        StepUpFlow flow = StepUpFlow.of(pending(null, sms), TTL);

        assertTrue(flow.enrolling());
        assertTrue(flow.bindingCodeRequired());
        assertEquals(Optional.of(Factor.SMS), flow.pending());
        assertEquals(CREATED.plusSeconds(3), flow.challengeSentAt());
        assertEquals(CREATED.plus(TTL), flow.expiresAt());
    }

    @Test
    void aFlowWithNothingPendingShowsNoFactorAndTheFirstPollInterval() {
        StepUpFlow flow = StepUpFlow.of(pending(null, null), TTL);

        assertEquals(Optional.empty(), flow.pending());
        assertNull(flow.challengeSentAt());
        assertFalse(flow.enrolling());
        assertFalse(flow.bindingCodeRequired());
        assertEquals(Duration.ofSeconds(MfaService.PUSH_POLL_INTERVAL_SECONDS), flow.pollInterval());
    }

    @Test
    void requiresEnrollmentOnlyWhenTheRequirementsListFactorsToEnroll() {
        StepUpRequirements enroll = new StepUpRequirements(List.of("otp"), null);
        StepUpRequirements challenge = new StepUpRequirements(null, List.of("otp"));

        assertTrue(StepUpFlow.of(pending(enroll, null), TTL).requiresEnrollment());
        assertFalse(StepUpFlow.of(pending(challenge, null), TTL).requiresEnrollment());
        assertFalse(StepUpFlow.of(pending(null, null), TTL).requiresEnrollment());
    }

    @Test
    void shownUnderNoOtherIdItIsTheSameFlowAndUnderAnotherIdOnlyTheIdChanges() {
        StepUpFlow flow = StepUpFlow.of(pending(null, null), TTL);

        assertSame(flow, flow.shownAs(null));
        assertSame(flow, flow.shownAs("flow-1"));
        StepUpFlow other = flow.shownAs("flow-2");
        assertEquals("flow-2", other.flowId());
        assertEquals(flow.expiresAt(), other.expiresAt());
        assertEquals(flow.audience(), other.audience());
    }
}
