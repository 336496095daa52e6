package dev.mfastepup.service;

import dev.mfastepup.ErrorCodes;
import dev.mfastepup.SendsLimitedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This module's limits on what Auth0 sends on a user's behalf (SMS, voice calls, e-mails, pushes), in front of
 * Auth0's own: each one costs money or wakes a phone, and an attacker who knows a password could otherwise have
 * Auth0 send them at will (SMS pumping, push bombing).
 * <ul>
 * <li>again to the place whose message the flow is waiting for (a resend, or the same authenticator chosen again):
 * one per {@link #SPACING}; going from e-mail to a call and back is no resend, and only counts;</li>
 * <li>per flow: {@value #FLOW_SENDS};</li>
 * <li>per user ({@code sub} at a tenant), across sessions and flows: {@value #USER_SENDS} in any
 * {@link #USER_WINDOW}.</li>
 * </ul>
 * A send is counted <em>before</em> Auth0 is asked, so that parallel requests cannot slip past a limit, and taken
 * back only when nothing went out: Auth0 refused it with an answer, or the call was never made (too many in flight,
 * circuit breaker open). A send that timed out stays counted: the message may have gone out.
 *
 * <p>The counters live in this JVM: each server of a cluster counts on its own.
 */
final class SendLimiter {

    static final Duration SPACING = MfaService.RESEND_COOLDOWN;
    static final int FLOW_SENDS = 3;
    static final int USER_SENDS = 10;
    static final Duration USER_WINDOW = Duration.ofHours(1);
    /** Past this many entries, the ones nobody needs any more are swept out on the next send. */
    private static final int SWEEP_ABOVE = 10_000;

    private final Clock clock;
    private final Map<String, List<Instant>> users = new ConcurrentHashMap<>();
    private final Map<String, FlowSends> flows = new ConcurrentHashMap<>();

    SendLimiter(Clock clock) {
        this.clock = clock;
    }

    /** A flow's sends: how many, and when the last one went to each place. */
    private record FlowSends(int count, Map<String, Instant> lastTo, Instant lastAt) {
    }

    /** One send on its way to Auth0, already counted: call {@link #refused()} when nothing went out. */
    final class Send {
        private final String user;
        private final String flowId;
        private final Instant at;
        private final String target;
        private final Instant previousToTarget;

        private Send(String user, String flowId, Instant at, String target, Instant previousToTarget) {
            this.user = user;
            this.flowId = flowId;
            this.at = at;
            this.target = target;
            this.previousToTarget = previousToTarget;
        }

        /** Nothing went out (Auth0 refused it with an answer, or the call was never made): nothing counts. */
        void refused() {
            users.computeIfPresent(user, (key, times) -> {
                List<Instant> rest = new ArrayList<>(times);
                rest.remove(at);
                return rest.isEmpty() ? null : List.copyOf(rest);
            });
            takeBackFlowSend(flowId, target, previousToTarget);
        }
    }

    /**
     * Counts a send before Auth0 is asked for it.
     *
     * @param domain the tenant.
     * @param subject the user.
     * @param flowId the flow.
     * @param target where it goes: an authenticator id, or the factor and number or address being enrolled.
     * @param again whether the flow is waiting for a message to this kind of place already (the same
     *        authenticator, or the same factor being enrolled): only then does the {@link #SPACING} apply.
     * @return the send, to be taken back if Auth0 refuses it.
     * @throws SendsLimitedException when a limit is reached; nothing is counted then.
     */
    Send begin(String domain, String subject, String flowId, String target, boolean again) {
        Instant now = clock.instant();
        sweepIfLarge(now);
        String user = domain + '\n' + subject;
        Instant[] previous = new Instant[1];
        // The flow's limits first: they are the ones a person meets by pressing "resend", with the nearer wait.
        flows.compute(flowId, (key, sends) -> {
            FlowSends current = sends == null ? new FlowSends(0, Map.of(), now) : sends;
            Instant last = current.lastTo().get(target);
            if (again && last != null && Duration.between(last, now).compareTo(SPACING) < 0) {
                Duration wait = SPACING.minus(Duration.between(last, now));
                throw new SendsLimitedException(ErrorCodes.RESEND_TOO_SOON, "A message went to the same place "
                        + Duration.between(last, now).toSeconds() + " s ago", wait);
            }
            if (current.count() >= FLOW_SENDS) {
                throw new SendsLimitedException(ErrorCodes.SEND_LIMIT_REACHED,
                        "This step-up has had its " + FLOW_SENDS + " messages", null);
            }
            previous[0] = last;
            Map<String, Instant> lastTo = new HashMap<>(current.lastTo());
            lastTo.put(target, now);
            return new FlowSends(current.count() + 1, Map.copyOf(lastTo), now);
        });
        try {
            users.compute(user, (key, times) -> {
                List<Instant> recent = times == null ? List.of()
                        : times.stream().filter(t -> Duration.between(t, now).compareTo(USER_WINDOW) < 0).toList();
                if (recent.size() >= USER_SENDS) {
                    Duration wait = USER_WINDOW.minus(Duration.between(recent.get(0), now));
                    throw new SendsLimitedException(ErrorCodes.SEND_LIMIT_REACHED,
                            "This user has had " + USER_SENDS + " messages within an hour", wait);
                }
                List<Instant> more = new ArrayList<>(recent);
                more.add(now);
                return List.copyOf(more);
            });
        } catch (SendsLimitedException userLimit) {
            takeBackFlowSend(flowId, target, previous[0]);
            throw userLimit;
        }
        return new Send(user, flowId, now, target, previous[0]);
    }

    private void takeBackFlowSend(String flowId, String target, Instant previousToTarget) {
        flows.computeIfPresent(flowId, (key, sends) -> {
            Map<String, Instant> lastTo = new HashMap<>(sends.lastTo());
            if (previousToTarget == null) {
                lastTo.remove(target);
            } else {
                lastTo.put(target, previousToTarget);
            }
            return sends.count() <= 1 ? null : new FlowSends(sends.count() - 1, Map.copyOf(lastTo), sends.lastAt());
        });
    }

    private void sweepIfLarge(Instant now) {
        if (users.size() > SWEEP_ABOVE) {
            users.values().removeIf(times -> Duration.between(times.get(times.size() - 1), now)
                    .compareTo(USER_WINDOW) >= 0);
        }
        if (flows.size() > SWEEP_ABOVE) {
            // A flow lives minutes; a day-old count belongs to one that is long over.
            flows.values().removeIf(sends -> Duration.between(sends.lastAt(), now).toDays() >= 1);
        }
    }
}
