package dev.mfastepup.emulator;

import java.time.Duration;
import java.time.Instant;

/**
 * Auth0's limit on failed MFA attempts: a bucket of 10 that refills one attempt every 6 minutes. Guarded by the
 * lock of {@link TenantState}.
 */
public final class AttemptBucket {

    /** The size of the bucket. */
    public static final int CAPACITY = 10;
    /** The time it takes to get one attempt back. */
    public static final Duration REFILL = Duration.ofMinutes(6);

    private int available = CAPACITY;
    private Instant lastRefill;

    /**
     * Tells how long to wait before the next attempt.
     *
     * @param now now.
     * @return zero when an attempt is available, else the wait.
     */
    public Duration waitBeforeAttempt(Instant now) {
        refill(now);
        if (available > 0) {
            return Duration.ZERO;
        }
        return Duration.between(now, lastRefill.plus(REFILL));
    }

    /**
     * Takes one attempt for a failure.
     *
     * @param now now.
     */
    public void fail(Instant now) {
        refill(now);
        if (available == CAPACITY) {
            lastRefill = now;
        }
        if (available > 0) {
            available--;
        }
    }

    /**
     * Returns the attempts left.
     *
     * @param now now.
     * @return 0 to {@link #CAPACITY}.
     */
    public int available(Instant now) {
        refill(now);
        return available;
    }

    private void refill(Instant now) {
        if (available >= CAPACITY || lastRefill == null) {
            return;
        }
        long periods = Duration.between(lastRefill, now).toMillis() / REFILL.toMillis();
        if (periods > 0) {
            available = (int) Math.min(CAPACITY, available + periods);
            lastRefill = lastRefill.plus(REFILL.multipliedBy(periods));
        }
    }
}
