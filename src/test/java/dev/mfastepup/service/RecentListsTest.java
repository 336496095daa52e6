package dev.mfastepup.service;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mfastepup.MutableClock;
import dev.mfastepup.client.model.Authenticator;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@link RecentLists} keeps, and that many flows at once cannot make it grow without bound. */
class RecentListsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
    private final RecentLists lists = new RecentLists(clock);

    @Test
    void aForgottenListIsAskedAgain() {
        lists.keep("flow-1", List.of());
        lists.forget("flow-1");

        assertTrue(lists.recent("flow-1").isEmpty());
    }

    @Test
    void staleListsAreSweptOutSoThatANewOneIsKeptEvenPastTheBound() {
        for (int i = 0; i <= 2 * RecentLists.SWEEP_ABOVE; i++) {
            lists.keep("stale-" + i, List.of());
        }
        clock.advance(RecentLists.FRESH);
        lists.keep("fresh", List.<Authenticator>of());

        assertTrue(lists.recent("fresh").isPresent(), "kept, as the stale ones made room");
    }

    @Test
    void pastTwiceTheSweepingMarkWithNothingStaleNothingMoreIsKept() {
        for (int i = 0; i <= 2 * RecentLists.SWEEP_ABOVE; i++) {
            lists.keep("flow-" + i, List.of());
        }
        lists.keep("one-too-many", List.of());

        assertTrue(lists.recent("one-too-many").isEmpty());
        assertTrue(lists.recent("flow-0").isPresent(), "the fresh ones stay");
    }
}
