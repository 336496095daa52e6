package dev.mfastepup.service;

import dev.mfastepup.SendsLimitedException;
import dev.mfastepup.client.IdpException;
import dev.mfastepup.event.SecurityLog;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.util.logging.Level;

/**
 * Counts each SMS, call, e-mail and push Auth0 is asked to send under the {@link SendLimiter}'s limits, and takes
 * a count back when nothing went out.
 */
@Dependent
class MessageSends {

    private final SendLimiter sends;

    @Inject
    MessageSends(SendLimiter sends) {
        this.sends = sends;
    }

    /**
     * Counts a message before Auth0 is asked to send it; a refusal is a security event.
     *
     * @param target where the message goes: an authenticator, or a number or address being enrolled.
     * @param again whether the flow is waiting for a message to that target already (a resend).
     */
    SendLimiter.Send count(MfaRequest step, String flowId, String target, boolean again) {
        try {
            return sends.begin(step.domain(), step.subject(), flowId, target, again);
        } catch (SendsLimitedException limited) {
            SecurityLog.record(Level.WARNING, "mfa.send_limited", step.request(), step.subject(), flowId, "reason",
                    limited.code());
            throw limited;
        }
    }

    /**
     * Nothing went out when Auth0 refused a send with an answer, or the call was never made (busy, circuit breaker
     * open): then nothing counts. A timeout or a fault may have sent the message, so it stays counted.
     */
    static void takeBackIfRefused(SendLimiter.Send send, IdpException failure) {
        if (send != null && (failure.isNotSent() || failure.status() > 0 && failure.status() < 500)) {
            send.refused();
        }
    }
}
