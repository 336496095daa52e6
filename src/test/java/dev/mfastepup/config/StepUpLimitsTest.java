package dev.mfastepup.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The limits as a value: no instance switches a protection off, and the schedule of locks. */
class StepUpLimitsTest {

    private static final Duration SECOND = Duration.ofSeconds(1);

    private static StepUpLimits limits(int perUser, Duration firstLock, Duration longestLock, int signOut) {
        return new StepUpLimits(5, perUser, Duration.ofMinutes(15), firstLock, longestLock, signOut, 3, 10,
                Duration.ofHours(1), Duration.ofSeconds(30), 5, Duration.ofSeconds(30));
    }

    @Test
    void lockAfterWhenDefaultsThenThirtySecondsDoublingUpToAnHour() {
        StepUpLimits defaults = StepUpLimits.DEFAULTS;

        assertEquals(Duration.ofSeconds(30), defaults.lockAfter(10));
        assertEquals(Duration.ofSeconds(60), defaults.lockAfter(11));
        assertEquals(Duration.ofSeconds(1920), defaults.lockAfter(16));
        assertEquals(Duration.ofHours(1), defaults.lockAfter(17));
        assertEquals(Duration.ofHours(1), defaults.lockAfter(99));
    }

    @Test
    void lockAfterWhenLongestFarAboveTheFirstThenDoublesAllTheWayWithoutOverflow() {
        StepUpLimits limits = limits(1, SECOND, Duration.ofDays(1), 2);

        assertEquals(Duration.ofSeconds(1L << 16), limits.lockAfter(17));
        assertEquals(Duration.ofDays(1), limits.lockAfter(18));
        assertEquals(Duration.ofDays(1), limits.lockAfter(Integer.MAX_VALUE));
    }

    @Test
    void constructorWhenACountIsZeroThenRefused() {
        assertThrows(IllegalArgumentException.class, () -> new StepUpLimits(0, 10, Duration.ofMinutes(15),
                Duration.ofSeconds(30), Duration.ofHours(1), 100, 3, 10, Duration.ofHours(1), Duration.ofSeconds(30),
                5, Duration.ofSeconds(30)));
        assertThrows(IllegalArgumentException.class, () -> new StepUpLimits(5, 10, Duration.ofMinutes(15),
                Duration.ofSeconds(30), Duration.ofHours(1), 100, 3, 10, Duration.ofHours(1), Duration.ofSeconds(30),
                0, Duration.ofSeconds(30)));
    }

    @Test
    void constructorWhenADurationIsBelowASecondOrMissingThenRefused() {
        assertThrows(IllegalArgumentException.class, () -> new StepUpLimits(5, 10, Duration.ofMinutes(15),
                Duration.ofSeconds(30), Duration.ofHours(1), 100, 3, 10, Duration.ofHours(1), Duration.ofMillis(999),
                5, Duration.ofSeconds(30)));
        assertThrows(NullPointerException.class, () -> new StepUpLimits(5, 10, Duration.ofMinutes(15),
                Duration.ofSeconds(30), Duration.ofHours(1), 100, 3, 10, null, Duration.ofSeconds(30),
                5, Duration.ofSeconds(30)));
    }

    @Test
    void constructorWhenLongestLockShorterThanFirstThenRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> limits(10, Duration.ofSeconds(30), Duration.ofSeconds(29), 100));
    }

    @Test
    void constructorWhenSignOutNotAboveThePerUserLimitThenRefused() {
        assertThrows(IllegalArgumentException.class, () -> limits(10, SECOND, SECOND, 10));
    }

    /**
     * Each limit on its own: the defaults with that one limit at 0 (a count) or 999 ms (a duration) are refused, by
     * the check of that limit itself, not by a rule between limits that happens to catch it too.
     */
    @ParameterizedTest
    @ValueSource(strings = {"wrongCodesPerFlow", "wrongCodesPerUser", "wrongCodeWindow", "firstLock", "longestLock",
            "messagesPerFlow", "messagesPerUser", "messageWindow", "resendCooldown", "breakerFailures",
            "breakerOpenFor"})
    void constructorWhenOneLimitIsBelowItsFloorThenThatLimitIsNamed(String name) throws ReflectiveOperationException {
        RecordComponent[] components = StepUpLimits.class.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = components[i].getAccessor().invoke(StepUpLimits.DEFAULTS);
            if (components[i].getName().equals(name)) {
                values[i] = types[i] == int.class ? (Object) 0 : Duration.ofMillis(999);
            }
        }
        assertEquals(1, Arrays.stream(components).filter(c -> c.getName().equals(name)).count(), name);
        Constructor<StepUpLimits> canonical = StepUpLimits.class.getDeclaredConstructor(types);

        InvocationTargetException refused = assertThrows(InvocationTargetException.class,
                () -> canonical.newInstance(values));

        assertEquals(IllegalArgumentException.class, refused.getCause().getClass());
        String message = refused.getCause().getMessage();
        assertEquals(true, message.startsWith(name + " must be at least 1"), message);
    }
}
