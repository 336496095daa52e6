package dev.mfastepup.service;

import dev.mfastepup.client.model.Authenticator;
import dev.mfastepup.config.ModuleClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The authenticator list Auth0 gave a flow in the last few seconds, so that one step-up asks Auth0 once.
 *
 * <p>A page lists the authenticators when it shows them, and needs them again when the user presses a button:
 * the post decides what the page offers, and the challenge checks the chosen id against Auth0's list (SEC-26).
 * Without this, a step-up with a code from an app asked Auth0 twice and one with a text message three times.
 * Kept in memory, not in the session: a session written on every list would be replicated on every list, and a
 * request that lands on another server of a cluster just asks Auth0 again. An enrollment or a removal changes the
 * list, so both forget it; so does the end of {@link #FRESH}.
 *
 * <p>The list holds what Auth0 shows of the user's authenticators (ids, types, masked numbers), never a secret;
 * the key is a flow id, which a request can name only after the flow was found in its own session.
 */
@ApplicationScoped
class RecentLists {

    /** How long a list is used again: long enough for a user to read the page and choose, short enough to be fresh. */
    static final Duration FRESH = Duration.ofSeconds(30);
    /** Past this many lists, the stale ones are swept out; past twice as many, nothing more is kept. */
    static final int SWEEP_ABOVE = 10_000;

    private record Listed(List<Authenticator> authenticators, Instant at) {
    }

    private final Map<String, Listed> lists = new ConcurrentHashMap<>();
    private final Clock clock;

    /** For the container's client proxy, which delegates every call and keeps no lists. */
    RecentLists() {
        this.clock = null;
    }

    @Inject
    RecentLists(@ModuleClock Clock clock) {
        this.clock = clock;
    }

    /** The flow's list when Auth0 gave it less than {@link #FRESH} ago. */
    Optional<List<Authenticator>> recent(String flowId) {
        Listed listed = lists.get(flowId);
        if (listed == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(listed.at().plus(FRESH))) {
            lists.remove(flowId, listed);
            return Optional.empty();
        }
        return Optional.of(listed.authenticators());
    }

    /** Keeps the list Auth0 just gave for the flow. */
    void keep(String flowId, List<Authenticator> authenticators) {
        Instant now = clock.instant();
        if (lists.size() > SWEEP_ABOVE) {
            Instant stale = now.minus(FRESH);
            lists.values().removeIf(listed -> !listed.at().isAfter(stale));
        }
        // Many flows listing within one window: better to ask Auth0 again than to grow without bound.
        if (lists.size() <= 2 * SWEEP_ABOVE) {
            lists.put(flowId, new Listed(List.copyOf(authenticators), now));
        }
    }

    /** Forgets the flow's list: it changed, or the flow is over. */
    void forget(String flowId) {
        lists.remove(flowId);
    }
}
