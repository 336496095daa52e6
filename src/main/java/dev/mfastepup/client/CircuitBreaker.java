package dev.mfastepup.client;

import dev.mfastepup.ErrorCodes;
import dev.mfastepup.config.StepUpLimits;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Stops calling a tenant that keeps failing (SEC-35): after {@link StepUpLimits#breakerFailures()} (by default
 * {@value StepUpLimits#DEFAULT_BREAKER_FAILURES}) failures in a row (no answer in time, no connection, a 5xx, an
 * answer that is not the protocol), calls to that Auth0 domain are refused at once for
 * {@link StepUpLimits#breakerOpenFor()} (by default {@value StepUpLimits#DEFAULT_BREAKER_OPEN_SECONDS} s), without
 * a connection, as {@link ErrorCodes#IDP_UNAVAILABLE} with the time left as
 * {@link IdpException#retryAfter()}. Then one call is let through as a trial: its success closes the breaker, its
 * failure opens it again. While Auth0 is down, users get "try again in a moment" in milliseconds instead of
 * waiting out the deadline, and request threads are not tied up.
 *
 * <p>Any answer of Auth0's own, even an error such as a wrong code, shows that Auth0 is up and ends the count.
 * A call this module refused for lack of a free slot ({@link ErrorCodes#IDP_BUSY}) was never made and counts for
 * nothing. Each server keeps its own breakers.
 */
final class CircuitBreaker {

    // The default limits under their former names, for the tests that exercise the defaults.
    static final int FAILURES = StepUpLimits.DEFAULT_BREAKER_FAILURES;
    static final Duration OPEN_FOR = StepUpLimits.DEFAULTS.breakerOpenFor();

    private static final Logger logger = Logger.getLogger(CircuitBreaker.class.getName());

    private final Clock clock;
    private final int failuresToOpen;
    private final Duration openFor;
    private final Map<String, Tenant> tenants = new ConcurrentHashMap<>();

    /** With the default limits. */
    CircuitBreaker(Clock clock) {
        this(clock, StepUpLimits.DEFAULTS);
    }

    CircuitBreaker(Clock clock, StepUpLimits limits) {
        this.clock = clock;
        this.failuresToOpen = limits.breakerFailures();
        this.openFor = limits.breakerOpenFor();
    }

    /** One tenant's count of failures in a row, and until when its calls are refused. */
    private static final class Tenant {
        int failures;
        Instant openUntil;
        boolean trialInFlight;
    }

    /**
     * Asks to call a tenant.
     *
     * @param domain the tenant's domain.
     * @param operation the call, for the message of a refusal.
     * @return the permit, to be told how the call went.
     * @throws IdpException {@code idp_unavailable} while the breaker of the tenant is open; nothing is sent.
     */
    Permit permit(String domain, String operation) {
        Tenant tenant = tenants.computeIfAbsent(domain, d -> new Tenant());
        synchronized (tenant) {
            Instant now = clock.instant();
            if (tenant.openUntil == null) {
                return new Permit(domain, tenant, false);
            }
            if (now.isBefore(tenant.openUntil) || tenant.trialInFlight) {
                Duration left = tenant.openUntil.isAfter(now) ? Duration.between(now, tenant.openUntil)
                        : Duration.ofSeconds(1);
                throw IdpException.notSent(ErrorCodes.IDP_UNAVAILABLE, "Auth0 failed " + failuresToOpen
                        + " times in a row; " + operation + " was not sent, calls resume within "
                        + Math.max(1, left.toSeconds()) + " s", left);
            }
            // Open long enough: this call is the trial, and the others wait for its outcome.
            tenant.trialInFlight = true;
            return new Permit(domain, tenant, true);
        }
    }

    /**
     * Tells the state of each tenant's breaker: {@code closed} (calls go out), {@code open} (calls are refused) or
     * {@code half-open} (its time is up: the next call, or the one in flight, is the trial).
     *
     * @return the state by Auth0 domain, of every tenant called so far.
     */
    Map<String, String> states() {
        Map<String, String> states = new TreeMap<>();
        Instant now = clock.instant();
        tenants.forEach((domain, tenant) -> {
            synchronized (tenant) {
                states.put(domain, tenant.openUntil == null ? "closed"
                        : now.isBefore(tenant.openUntil) && !tenant.trialInFlight ? "open" : "half-open");
            }
        });
        return states;
    }

    /** The right to make one call; say how it went, once. */
    final class Permit {
        private final String domain;
        private final Tenant tenant;
        private final boolean trial;

        private Permit(String domain, Tenant tenant, boolean trial) {
            this.domain = domain;
            this.tenant = tenant;
            this.trial = trial;
        }

        /** Auth0 answered (even with an error of its own): it is up. */
        void answered() {
            synchronized (tenant) {
                if (tenant.openUntil != null) {
                    logger.log(Level.INFO, "Auth0 at {0} answers again; calls to it resume", domain);
                }
                tenant.failures = 0;
                tenant.openUntil = null;
                if (trial) {
                    tenant.trialInFlight = false;
                }
            }
        }

        /** Auth0 did not answer, or answered with a fault. */
        void failed() {
            synchronized (tenant) {
                tenant.failures++;
                if (trial || tenant.failures >= failuresToOpen && tenant.openUntil == null) {
                    tenant.openUntil = clock.instant().plus(openFor);
                    logger.log(Level.WARNING, "Auth0 at {0} failed {1} times in a row; calls to it are refused "
                            + "for {2} s", new Object[] {domain, tenant.failures, openFor.toSeconds()});
                }
                if (trial) {
                    tenant.trialInFlight = false;
                }
            }
        }

        /** The call was never made. */
        void notMade() {
            if (trial) {
                synchronized (tenant) {
                    tenant.trialInFlight = false;
                }
            }
        }
    }
}
