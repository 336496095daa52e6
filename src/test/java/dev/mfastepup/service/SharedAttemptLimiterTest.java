package dev.mfastepup.service;

/** Every test of {@link AttemptLimiterTest} again, with the counts kept as text the way a cluster's JCache cache keeps them. */
class SharedAttemptLimiterTest extends AttemptLimiterTest {

    @Override
    CountStore store() {
        return new SharedMapCountStore();
    }
}
