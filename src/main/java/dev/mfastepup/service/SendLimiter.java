package dev.mfastepup.service;

import dev.mfastepup.ErrorCodes;
import dev.mfastepup.SendsLimitedException;
import dev.mfastepup.config.ModuleClock;
import dev.mfastepup.config.StepUpLimits;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * This module's limits on what Auth0 sends on a user's behalf (SMS, voice calls, e-mails, pushes), in front of
 * Auth0's own: each one costs money or wakes a phone, and an attacker who knows a password could otherwise have
 * Auth0 send them at will (SMS pumping, push bombing). The limits are those of {@link StepUpLimits} (the
 * defaults in brackets):
 * <ul>
 * <li>again to the place whose message the flow is waiting for (a resend, or the same authenticator chosen again):
 * one per {@link StepUpLimits#resendCooldown()} ({@value StepUpLimits#DEFAULT_RESEND_COOLDOWN_SECONDS} s); going
 * from e-mail to a call and back is no resend, and only counts;</li>
 * <li>per flow: {@link StepUpLimits#messagesPerFlow()} ({@value StepUpLimits#DEFAULT_MESSAGES_PER_FLOW});</li>
 * <li>per user ({@code sub} at a tenant), across sessions and flows: {@link StepUpLimits#messagesPerUser()}
 * ({@value StepUpLimits#DEFAULT_MESSAGES_PER_USER}) in any {@link StepUpLimits#messageWindow()}
 * ({@value StepUpLimits#DEFAULT_MESSAGE_WINDOW_SECONDS} s).</li>
 * </ul>
 * A send is counted <em>before</em> Auth0 is asked, so that parallel requests cannot slip past a limit, and taken
 * back only when nothing went out: Auth0 refused it with an answer, or the call was never made (too many in flight,
 * circuit breaker open). A send that timed out stays counted: the message may have gone out.
 *
 * <p>The counts live in the {@link CountStore} the configuration names: shared by the servers of a cluster
 * (JCache), or in this JVM.
 */
@Dependent
final class SendLimiter {

    // The default limits under their former names, for the tests that exercise the defaults.
    static final Duration SPACING = StepUpLimits.DEFAULTS.resendCooldown();
    static final int FLOW_SENDS = StepUpLimits.DEFAULT_MESSAGES_PER_FLOW;
    static final int USER_SENDS = StepUpLimits.DEFAULT_MESSAGES_PER_USER;
    static final Duration USER_WINDOW = StepUpLimits.DEFAULTS.messageWindow();
    /** A user's sends within the last message window, oldest first, as text: instants between spaces. */
    private static final CountCodec<List<Instant>> TIMES = new CountCodec<>() {
        @Override
        public String write(List<Instant> times) {
            return String.join(" ", times.stream().map(Instant::toString).toList());
        }

        @Override
        public List<Instant> read(String text) {
            return Arrays.stream(text.split(" ")).map(Instant::parse).toList();
        }
    };

    private final Clock clock;
    private final StepUpLimits limits;
    private final Counts<List<Instant>> users;
    private final Counts<FlowSends> flows;

    /** With the default limits. */
    SendLimiter(Clock clock, CountStore store) {
        this(clock, store, StepUpLimits.DEFAULTS);
    }

    @Inject
    SendLimiter(@ModuleClock Clock clock, CountStore store, StepUpLimits limits) {
        this.clock = clock;
        this.limits = limits;
        this.users = store.open("sends-user", TIMES);
        this.flows = store.open("sends-flow", FlowSends.CODEC);
    }

    /** A flow's sends: how many, and when the last one went to each place. */
    private record FlowSends(int count, Map<String, Instant> lastTo, Instant lastAt) {

        /** As text: the count, the last send, then each place (URL-encoded) and its last send, between spaces. */
        static final CountCodec<FlowSends> CODEC = new CountCodec<>() {
            @Override
            public String write(FlowSends sends) {
                StringBuilder text = new StringBuilder().append(sends.count()).append(' ').append(sends.lastAt());
                sends.lastTo().forEach((place, at) -> text.append(' ')
                        .append(URLEncoder.encode(place, StandardCharsets.UTF_8)).append(' ').append(at));
                return text.toString();
            }

            @Override
            public FlowSends read(String text) {
                String[] fields = text.split(" ");
                Map<String, Instant> lastTo = new HashMap<>();
                for (int i = 2; i + 1 < fields.length; i += 2) {
                    lastTo.put(URLDecoder.decode(fields[i], StandardCharsets.UTF_8), Instant.parse(fields[i + 1]));
                }
                return new FlowSends(Integer.parseInt(fields[0]), Map.copyOf(lastTo), Instant.parse(fields[1]));
            }
        };
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
            users.update(user, times -> {
                if (times == null) {
                    return null;
                }
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
     *        authenticator, or the same factor being enrolled): only then does the resend cooldown apply.
     * @return the send, to be taken back if Auth0 refuses it.
     * @throws SendsLimitedException when a limit is reached; nothing is counted then.
     */
    Send begin(String domain, String subject, String flowId, String target, boolean again) {
        Instant now = clock.instant();
        sweepIfLarge(now);
        String user = domain + '\n' + subject;
        Duration spacing = limits.resendCooldown();
        Duration window = limits.messageWindow();
        Instant[] previous = new Instant[1];
        // The flow's limits first: they are the ones a person meets by pressing "resend", with the nearer wait.
        flows.update(flowId, sends -> {
            FlowSends current = sends == null ? new FlowSends(0, Map.of(), now) : sends;
            Instant last = current.lastTo().get(target);
            if (again && last != null && Duration.between(last, now).compareTo(spacing) < 0) {
                Duration wait = spacing.minus(Duration.between(last, now));
                throw new SendsLimitedException(ErrorCodes.RESEND_TOO_SOON, "A message went to the same place "
                        + Duration.between(last, now).toSeconds() + " s ago", wait);
            }
            if (current.count() >= limits.messagesPerFlow()) {
                throw new SendsLimitedException(ErrorCodes.SEND_LIMIT_REACHED,
                        "This step-up has had its " + limits.messagesPerFlow() + " messages", null);
            }
            previous[0] = last;
            Map<String, Instant> lastTo = new HashMap<>(current.lastTo());
            lastTo.put(target, now);
            return new FlowSends(current.count() + 1, Map.copyOf(lastTo), now);
        });
        try {
            users.update(user, times -> {
                List<Instant> recent = times == null ? List.of()
                        : times.stream().filter(t -> Duration.between(t, now).compareTo(window) < 0).toList();
                if (recent.size() >= limits.messagesPerUser()) {
                    Duration wait = window.minus(Duration.between(recent.get(0), now));
                    throw new SendsLimitedException(ErrorCodes.SEND_LIMIT_REACHED, "This user has had "
                            + limits.messagesPerUser() + " messages within " + window.toSeconds() + " s", wait);
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
        flows.update(flowId, sends -> {
            if (sends == null) {
                return null;
            }
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
        users.sweep(times -> Duration.between(times.get(times.size() - 1), now)
                .compareTo(limits.messageWindow()) >= 0);
        // A flow lives minutes; a day-old count belongs to one that is long over.
        flows.sweep(sends -> Duration.between(sends.lastAt(), now).toDays() >= 1);
    }
}
