package dev.mfastepup.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AttemptBucketTest {

    private final Instant start = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void tenFailuresEmptyTheBucket() {
        AttemptBucket bucket = new AttemptBucket();
        for (int i = 0; i < 10; i++) {
            assertTrue(bucket.waitBeforeAttempt(start).isZero());
            bucket.fail(start);
        }
        assertEquals(0, bucket.available(start));
        assertEquals(Duration.ofMinutes(6), bucket.waitBeforeAttempt(start));
        assertEquals(Duration.ofMinutes(1), bucket.waitBeforeAttempt(start.plus(Duration.ofMinutes(5))));
    }

    @Test
    void oneAttemptComesBackEverySixMinutes() {
        AttemptBucket bucket = new AttemptBucket();
        for (int i = 0; i < 10; i++) {
            bucket.fail(start.plusSeconds(i));
        }
        assertEquals(1, bucket.available(start.plus(Duration.ofMinutes(6))));
        assertEquals(2, bucket.available(start.plus(Duration.ofMinutes(12))));
        assertEquals(10, bucket.available(start.plus(Duration.ofHours(2))));
    }
}
