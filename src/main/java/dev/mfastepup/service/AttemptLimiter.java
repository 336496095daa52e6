package dev.mfastepup.service;

import dev.mfastepup.AttemptsLockedException;
import dev.mfastepup.config.ModuleClock;
import dev.mfastepup.config.StepUpLimits;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * This module's own limits on wrong codes (OTP, SMS, voice and e-mail codes, recovery codes), in front of Auth0's
 * bucket of 10, as configured in {@link StepUpLimits} (the defaults in brackets):
 * <ul>
 * <li>per flow: after {@link StepUpLimits#wrongCodesPerFlow()} ({@value StepUpLimits#DEFAULT_WRONG_CODES_PER_FLOW})
 * wrong codes, the next code ends the flow without asking Auth0 (the user starts again);</li>
 * <li>per user ({@code sub} at a tenant), across sessions and flows: after {@link StepUpLimits#wrongCodesPerUser()}
 * ({@value StepUpLimits#DEFAULT_WRONG_CODES_PER_USER}) consecutive wrong codes within
 * {@link StepUpLimits#wrongCodeWindow()} (15 min), codes are refused for {@link StepUpLimits#firstLock()} (30 s),
 * then twice as long after each further wrong code, up to {@link StepUpLimits#longestLock()} (an hour; NIST SP
 * 800-63B §5.2.2); a correct code ends the count;</li>
 * <li>at {@link StepUpLimits#signOutAfterWrongCodes()} ({@value StepUpLimits#DEFAULT_SIGN_OUT_AFTER_WRONG_CODES})
 * consecutive wrong codes, and at each one after, the user is signed out as well and an alert is logged (NIST SP
 * 800-63B §5.2.2 caps consecutive failures at 100);</li>
 * <li>Auth0's own {@code too_many_attempts} locks the user here as well, for as long as Auth0 said.</li>
 * </ul>
 * An attempt is counted as a failure <em>before</em> Auth0 is asked, so that parallel requests cannot slip past
 * the limit; it is taken back when Auth0 did not judge the code (refused the connection, answered with a server
 * fault, flow expired), and kept when the answer was lost after the code was sent (a reset connection, a timeout),
 * because Auth0 may have used the code up ({@link dev.mfastepup.client.IdpException#isOutcomeUnknown()}).
 * While the user is locked, even a correct code is refused without a call to Auth0.
 *
 * <p>The counts live in the {@link CountStore} the configuration names: shared by the servers of a cluster
 * (JCache), or in this JVM.
 */
@Dependent
final class AttemptLimiter {

    // The default limits under their former names, for the tests that exercise the defaults.
    static final int FLOW_FAILURES = StepUpLimits.DEFAULT_WRONG_CODES_PER_FLOW;
    static final int USER_FAILURES = StepUpLimits.DEFAULT_WRONG_CODES_PER_USER;
    static final int HARD_CAP = StepUpLimits.DEFAULT_SIGN_OUT_AFTER_WRONG_CODES;
    static final Duration USER_WINDOW = StepUpLimits.DEFAULTS.wrongCodeWindow();
    static final Duration FIRST_LOCK = StepUpLimits.DEFAULTS.firstLock();
    static final Duration LONGEST_LOCK = StepUpLimits.DEFAULTS.longestLock();

    private final Clock clock;
    private final StepUpLimits limits;
    private final Counts<UserCount> users;
    private final Counts<FlowCount> flows;

    /** With the default limits. */
    AttemptLimiter(Clock clock, CountStore store) {
        this(clock, store, StepUpLimits.DEFAULTS);
    }

    @Inject
    AttemptLimiter(@ModuleClock Clock clock, CountStore store, StepUpLimits limits) {
        this.clock = clock;
        this.limits = limits;
        this.users = store.open("attempts-user", UserCount.CODEC);
        this.flows = store.open("attempts-flow", FlowCount.CODEC);
    }

    /** A user's consecutive wrong codes (attempts in flight included) and lock. */
    private record UserCount(int failures, Instant lastFailureAt, Instant lockedUntil) {

        static final CountCodec<UserCount> CODEC = new CountCodec<>() {
            @Override
            public String write(UserCount count) {
                return count.failures() + " " + count.lastFailureAt() + " "
                        + (count.lockedUntil() == null ? "-" : count.lockedUntil());
            }

            @Override
            public UserCount read(String text) {
                String[] fields = text.split(" ");
                return new UserCount(Integer.parseInt(fields[0]), Instant.parse(fields[1]),
                        fields[2].equals("-") ? null : Instant.parse(fields[2]));
            }
        };

        boolean lockedAt(Instant now) {
            return lockedUntil != null && now.isBefore(lockedUntil);
        }

        boolean forgottenAt(Instant now, StepUpLimits limits) {
            // Below the lock threshold, a quiet window forgives; above it only a correct code (or a day) does.
            Duration quiet = failures < limits.wrongCodesPerUser() ? limits.wrongCodeWindow() : Duration.ofDays(1);
            return !lockedAt(now) && Duration.between(lastFailureAt, now).compareTo(quiet) > 0;
        }
    }

    private record FlowCount(int failures, Instant lastFailureAt) {

        static final CountCodec<FlowCount> CODEC = new CountCodec<>() {
            @Override
            public String write(FlowCount count) {
                return count.failures() + " " + count.lastFailureAt();
            }

            @Override
            public FlowCount read(String text) {
                String[] fields = text.split(" ");
                return new FlowCount(Integer.parseInt(fields[0]), Instant.parse(fields[1]));
            }
        };
    }

    /**
     * One code on its way to Auth0, already counted as wrong: call {@link #succeeded()} when Auth0 accepts it,
     * {@link #abandoned()} when Auth0 did not judge it, nothing when it was wrong.
     */
    final class Attempt {
        private final String user;
        private final String flowId;
        private final int consecutiveFailures;

        private Attempt(String user, String flowId, int consecutiveFailures) {
            this.user = user;
            this.flowId = flowId;
            this.consecutiveFailures = consecutiveFailures;
        }

        /**
         * @return whether this attempt, if wrong, is the user's {@link StepUpLimits#signOutAfterWrongCodes()}-th
         *         wrong code in a row or later.
         */
        boolean atHardCap() {
            return consecutiveFailures >= limits.signOutAfterWrongCodes();
        }

        /** Auth0 accepted the code: the user's count starts again. */
        void succeeded() {
            users.update(user, count -> null);
            flows.update(flowId, count -> null);
        }

        /** Auth0 did not judge the code (unavailable, flow expired, ...): it does not count. */
        void abandoned() {
            users.update(user, count -> count == null || count.failures() <= 1 ? null
                    : new UserCount(count.failures() - 1, count.lastFailureAt(),
                            count.failures() - 1 >= limits.wrongCodesPerUser() ? count.lockedUntil() : null));
            flows.update(flowId, count -> count == null || count.failures() <= 1 ? null
                    : new FlowCount(count.failures() - 1, count.lastFailureAt()));
        }
    }

    /**
     * Counts a code of a user in a flow before it is sent to Auth0.
     *
     * @param domain the tenant.
     * @param subject the user.
     * @param flowId the flow.
     * @return the attempt, to be ended.
     * @throws AttemptsLockedException while the user is locked (nothing is counted).
     * @throws FlowExhaustedException when the flow has used up its attempts (nothing is counted).
     */
    Attempt begin(String domain, String subject, String flowId) {
        Instant now = clock.instant();
        sweepIfLarge(now);
        String user = domain + '\n' + subject;
        // A locked user hears so first, whatever the flow: waiting is what helps.
        UserCount current = users.get(user);
        if (current != null && current.lockedAt(now)) {
            throw new AttemptsLockedException(Duration.between(now, current.lockedUntil()));
        }
        // The flow's count is checked and raised in one update of the store, so that two servers judging codes
        // of one flow at the same instant cannot both pass a check that each made before the other counted.
        flows.update(flowId, old -> {
            if (old != null && old.failures() >= limits.wrongCodesPerFlow()) {
                throw new FlowExhaustedException(limits.wrongCodesPerFlow());
            }
            return new FlowCount(old == null ? 1 : old.failures() + 1, now);
        });
        UserCount counted;
        try {
            counted = countForUser(user, now);
        } catch (AttemptsLockedException locked) {
            // Locked meanwhile: nothing is sent, so the flow's attempt is given back.
            flows.update(flowId, old -> old == null || old.failures() <= 1 ? null
                    : new FlowCount(old.failures() - 1, old.lastFailureAt()));
            throw locked;
        }
        return new Attempt(user, flowId, counted.failures());
    }

    private UserCount countForUser(String user, Instant now) {
        return users.update(user, stored -> {
            UserCount count = stored != null && stored.forgottenAt(now, limits) ? null : stored;
            if (count != null && count.lockedAt(now)) {
                throw new AttemptsLockedException(Duration.between(now, count.lockedUntil()));
            }
            int failures = count == null ? 1 : count.failures() + 1;
            // The attempt that reaches the threshold is presumed wrong: the lock starts now, so that no other
            // request gets through while Auth0 is judging it. A correct code lifts it.
            return new UserCount(failures, now,
                    failures >= limits.wrongCodesPerUser() ? now.plus(limits.lockAfter(failures)) : null);
        });
    }

    /**
     * Locks a user because Auth0 answered {@code too_many_attempts}.
     *
     * @param domain the tenant.
     * @param subject the user.
     * @param wait how long Auth0 asked to wait, or its refill time of 6 minutes when it said nothing.
     */
    void lock(String domain, String subject, Duration wait) {
        Instant now = clock.instant();
        Instant until = now.plus(wait);
        int threshold = limits.wrongCodesPerUser();
        users.update(domain + '\n' + subject, old -> old == null ? new UserCount(threshold, now, until)
                : new UserCount(Math.max(old.failures(), threshold), now,
                        old.lockedUntil() != null && old.lockedUntil().isAfter(until) ? old.lockedUntil() : until));
    }

    /** @return the consecutive wrong codes from which the user is signed out as well, for the security log. */
    int hardCap() {
        return limits.signOutAfterWrongCodes();
    }

    /** The lock after the n-th consecutive wrong code (n ≥ 10) under the default limits: 30 s, doubling, 1 h. */
    static Duration lockFor(int failures) {
        return StepUpLimits.DEFAULTS.lockAfter(failures);
    }

    private void sweepIfLarge(Instant now) {
        users.sweep(count -> count.forgottenAt(now, limits));
        // A flow lives minutes; a day-old count belongs to one that is long over.
        flows.sweep(count -> Duration.between(count.lastFailureAt(), now).toDays() >= 1);
    }

    /** The flow has had its {@link StepUpLimits#wrongCodesPerFlow()} wrong codes. */
    static final class FlowExhaustedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        FlowExhaustedException(int wrongCodes) {
            super("This step-up had " + wrongCodes + " wrong codes", null, false, false);
        }
    }
}
