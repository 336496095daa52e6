package dev.mfastepup.service;

/** Every test of {@link SendLimiterTest} again, with the counts kept as text the way a cluster's JCache cache keeps them. */
class SharedSendLimiterTest extends SendLimiterTest {

    @Override
    CountStore store() {
        return new SharedMapCountStore();
    }
}
