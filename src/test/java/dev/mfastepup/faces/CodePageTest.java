package dev.mfastepup.faces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.mfastepup.Factor;
import dev.mfastepup.config.StepUpLimits;
import dev.mfastepup.service.MfaService;
import dev.mfastepup.service.StepUpFlow;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The resend countdown of the code page follows the configured cooldown. */
class CodePageTest {

    /** The page reads the system clock: the code is sent as late as possible, and the checks allow for a slow run. */
    private static CodePage pageWithCodeSent(Duration ago, StepUpLimits limits) {
        CodePage page = new CodePage();
        page.mfa = mock(MfaService.class);
        page.limits = limits;
        Instant sent = Instant.now().minus(ago);
        StepUpFlow flow = new StepUpFlow("flow-1", null, null, null, sent, sent.plusSeconds(300), Factor.SMS, sent,
                false, true, null, null);
        when(page.mfa.flow(any())).thenReturn(Optional.of(flow));
        return page;
    }

    private static StepUpLimits cooldown(Duration cooldown) {
        StepUpLimits d = StepUpLimits.DEFAULTS;
        return new StepUpLimits(d.wrongCodesPerFlow(), d.wrongCodesPerUser(), d.wrongCodeWindow(), d.firstLock(),
                d.longestLock(), d.signOutAfterWrongCodes(), d.messagesPerFlow(), d.messagesPerUser(),
                d.messageWindow(), cooldown, d.breakerFailures(), d.breakerOpenFor());
    }

    @Test
    void resendWaitWhenCooldownConfiguredThenCountsDownFromIt() {
        long wait = pageWithCodeSent(Duration.ofSeconds(4), cooldown(Duration.ofSeconds(10))).getResendWaitSeconds();

        assertTrue(wait > 0 && wait <= 6, "at most 6 s of a 10 s cooldown left (the default would leave 26), but "
                + wait);
    }

    @Test
    void resendWaitWhenConfiguredCooldownOverThenZero() {
        assertEquals(0, pageWithCodeSent(Duration.ofSeconds(11), cooldown(Duration.ofSeconds(10)))
                .getResendWaitSeconds(), "the default 30 s would still wait");
    }

    @Test
    void resendWaitWhenDefaultsThenThirtySeconds() {
        long wait = pageWithCodeSent(Duration.ZERO, StepUpLimits.DEFAULTS).getResendWaitSeconds();

        assertTrue(wait > 20 && wait <= 30, "about 30 s left, but " + wait);
    }
}
