package dev.mfastepup.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mfastepup.ErrorCodes;
import dev.mfastepup.MfaException;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Reading and validating the limits, with SmallRye Config as the MicroProfile Config implementation. */
class StepUpLimitsReaderTest {

    private static final String PREFIX = "mfa-stepup.limits.";

    /**
     * One key: its default, its range, what it sets, and the other keys it needs at the ends of its range (the
     * rules between keys would refuse the lowest longest lock against the default first lock, and so on).
     */
    private record Key(String key, int defaultValue, int min, int max, ToIntFunction<StepUpLimits> read,
            Map<String, String> companions) {

        @Override
        public String toString() {
            return key;
        }
    }

    static Stream<Arguments> keys() {
        return Stream.of(
                new Key(PREFIX + "wrong-codes-per-flow", 5, 1, 100, StepUpLimits::wrongCodesPerFlow, Map.of()),
                new Key(PREFIX + "wrong-codes-per-user", 10, 1, 99, StepUpLimits::wrongCodesPerUser, Map.of()),
                new Key(PREFIX + "wrong-code-window-seconds", 900, 1, 86_400,
                        l -> seconds(l.wrongCodeWindow()), Map.of()),
                new Key(PREFIX + "first-lock-seconds", 30, 1, 86_400, l -> seconds(l.firstLock()),
                        Map.of(PREFIX + "longest-lock-seconds", "86400")),
                new Key(PREFIX + "longest-lock-seconds", 3600, 1, 86_400, l -> seconds(l.longestLock()),
                        Map.of(PREFIX + "first-lock-seconds", "1")),
                new Key(PREFIX + "sign-out-after-wrong-codes", 100, 2, 100, StepUpLimits::signOutAfterWrongCodes,
                        Map.of(PREFIX + "wrong-codes-per-user", "1")),
                new Key(PREFIX + "messages-per-flow", 3, 1, 100, StepUpLimits::messagesPerFlow, Map.of()),
                new Key(PREFIX + "messages-per-user", 10, 1, 1000, StepUpLimits::messagesPerUser, Map.of()),
                new Key(PREFIX + "message-window-seconds", 3600, 1, 86_400, l -> seconds(l.messageWindow()),
                        Map.of()),
                new Key(PREFIX + "resend-cooldown-seconds", 30, 1, 3600, l -> seconds(l.resendCooldown()),
                        Map.of()),
                new Key("mfa-stepup.circuit-breaker.failures", 5, 1, 1000, StepUpLimits::breakerFailures, Map.of()),
                new Key("mfa-stepup.circuit-breaker.open-seconds", 30, 1, 3600, l -> seconds(l.breakerOpenFor()),
                        Map.of()))
                .map(Arguments::of);
    }

    private static int seconds(Duration duration) {
        return Math.toIntExact(duration.toSeconds());
    }

    private static Config config(Map<String, String> values) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(values, "test", 100)).build();
    }

    private static StepUpLimits read(Key key, String value) {
        Map<String, String> values = new HashMap<>(key.companions());
        values.put(key.key(), value);
        return StepUpLimitsReader.read(config(values));
    }

    private static MfaException refused(Map<String, String> values) {
        MfaException e = assertThrows(MfaException.class, () -> StepUpLimitsReader.read(config(values)));
        assertEquals(ErrorCodes.CONFIGURATION_ERROR, e.code());
        return e;
    }

    private static void assertRefusedNamingKeyAndRange(Key key, String value) {
        Map<String, String> values = new HashMap<>(key.companions());
        values.put(key.key(), value);

        String message = refused(values).getMessage();

        assertTrue(message.startsWith(key.key() + " must be a whole number from " + key.min() + " to "
                + key.max()), message);
    }

    @Test
    void readWhenNothingSetThenTheDefaults() {
        assertEquals(StepUpLimits.DEFAULTS, StepUpLimitsReader.read(config(Map.of())));
    }

    @Test
    void defaultsAreTodaysLimits() {
        StepUpLimits defaults = StepUpLimits.DEFAULTS;

        assertEquals(5, defaults.wrongCodesPerFlow());
        assertEquals(10, defaults.wrongCodesPerUser());
        assertEquals(Duration.ofMinutes(15), defaults.wrongCodeWindow());
        assertEquals(Duration.ofSeconds(30), defaults.firstLock());
        assertEquals(Duration.ofHours(1), defaults.longestLock());
        assertEquals(100, defaults.signOutAfterWrongCodes());
        assertEquals(3, defaults.messagesPerFlow());
        assertEquals(10, defaults.messagesPerUser());
        assertEquals(Duration.ofHours(1), defaults.messageWindow());
        assertEquals(Duration.ofSeconds(30), defaults.resendCooldown());
        assertEquals(5, defaults.breakerFailures());
        assertEquals(Duration.ofSeconds(30), defaults.breakerOpenFor());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keys")
    void readWhenKeyNotSetThenItsDefault(Key key) {
        assertEquals(key.defaultValue(), key.read().applyAsInt(StepUpLimitsReader.read(config(key.companions()))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keys")
    void readWhenKeyAtTheLowestThenAccepted(Key key) {
        assertEquals(key.min(), key.read().applyAsInt(read(key, Integer.toString(key.min()))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keys")
    void readWhenKeyAtTheHighestThenAccepted(Key key) {
        assertEquals(key.max(), key.read().applyAsInt(read(key, " " + key.max() + " ")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keys")
    void readWhenKeyBelowTheLowestThenRefusedNamingKeyAndRange(Key key) {
        assertRefusedNamingKeyAndRange(key, Integer.toString(key.min() - 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keys")
    void readWhenKeyAboveTheHighestThenRefusedNamingKeyAndRange(Key key) {
        assertRefusedNamingKeyAndRange(key, Integer.toString(key.max() + 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keys")
    void readWhenKeyNotANumberThenRefusedNamingKeyAndRange(Key key) {
        assertRefusedNamingKeyAndRange(key, "five");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keys")
    void readWhenKeyNegativeOrAFractionThenRefused(Key key) {
        assertRefusedNamingKeyAndRange(key, "-1");
        assertRefusedNamingKeyAndRange(key, "1.5");
    }

    @Test
    void readWhenLongestLockShorterThanFirstThenRefusedNamingBothKeys() {
        String message = refused(Map.of(PREFIX + "first-lock-seconds", "60", PREFIX + "longest-lock-seconds", "59"))
                .getMessage();

        assertEquals(PREFIX + "longest-lock-seconds must not be below " + PREFIX + "first-lock-seconds (60),"
                + " but is 59", message);
    }

    @Test
    void readWhenLongestLockEqualsFirstThenAcceptedAsAFixedLock() {
        StepUpLimits limits = StepUpLimitsReader.read(config(Map.of(
                PREFIX + "first-lock-seconds", "60", PREFIX + "longest-lock-seconds", "60")));

        assertEquals(Duration.ofSeconds(60), limits.lockAfter(limits.wrongCodesPerUser() + 5));
    }

    @Test
    void readWhenLongestLockBelowTheDefaultFirstLockThenRefused() {
        assertTrue(refused(Map.of(PREFIX + "longest-lock-seconds", "29")).getMessage()
                .startsWith(PREFIX + "longest-lock-seconds must not be below"));
    }

    @Test
    void readWhenSignOutNotAboveThePerUserLimitThenRefusedNamingBothKeys() {
        String message = refused(Map.of(PREFIX + "wrong-codes-per-user", "20",
                PREFIX + "sign-out-after-wrong-codes", "20")).getMessage();

        assertEquals(PREFIX + "sign-out-after-wrong-codes must be above " + PREFIX + "wrong-codes-per-user (20),"
                + " but is 20", message);
    }

    @Test
    void readWhenSignOutOneAboveThePerUserLimitThenAccepted() {
        StepUpLimits limits = StepUpLimitsReader.read(config(Map.of(PREFIX + "wrong-codes-per-user", "20",
                PREFIX + "sign-out-after-wrong-codes", "21")));

        assertEquals(21, limits.signOutAfterWrongCodes());
    }

    @Test
    void readWhenSignOutBelowTheDefaultPerUserLimitThenRefused() {
        assertTrue(refused(Map.of(PREFIX + "sign-out-after-wrong-codes", "10")).getMessage()
                .startsWith(PREFIX + "sign-out-after-wrong-codes must be above"));
    }

    @Test
    void readWhenEveryKeySetThenAllRead() {
        Map<String, String> values = new HashMap<>();
        values.put(PREFIX + "wrong-codes-per-flow", "2");
        values.put(PREFIX + "wrong-codes-per-user", "4");
        values.put(PREFIX + "wrong-code-window-seconds", "60");
        values.put(PREFIX + "first-lock-seconds", "5");
        values.put(PREFIX + "longest-lock-seconds", "50");
        values.put(PREFIX + "sign-out-after-wrong-codes", "8");
        values.put(PREFIX + "messages-per-flow", "6");
        values.put(PREFIX + "messages-per-user", "7");
        values.put(PREFIX + "message-window-seconds", "600");
        values.put(PREFIX + "resend-cooldown-seconds", "10");
        values.put("mfa-stepup.circuit-breaker.failures", "2");
        values.put("mfa-stepup.circuit-breaker.open-seconds", "9");

        assertEquals(new StepUpLimits(2, 4, Duration.ofSeconds(60), Duration.ofSeconds(5), Duration.ofSeconds(50), 8,
                6, 7, Duration.ofSeconds(600), Duration.ofSeconds(10), 2, Duration.ofSeconds(9)),
                StepUpLimitsReader.read(config(values)));
    }

    @Test
    void readWhenEnvironmentVariablesThenMappedByMicroProfileRules() {
        Config config = new SmallRyeConfigBuilder().withSources(new EnvConfigSource(Map.of(
                "MFA_STEPUP_LIMITS_WRONG_CODES_PER_FLOW", "3",
                "MFA_STEPUP_CIRCUIT_BREAKER_OPEN_SECONDS", "45"), 300)).build();

        StepUpLimits read = StepUpLimitsReader.read(config);

        assertEquals(3, read.wrongCodesPerFlow());
        assertEquals(Duration.ofSeconds(45), read.breakerOpenFor());
    }

    @Test
    void toStringListsEveryValue() {
        String text = StepUpLimits.DEFAULTS.toString();

        for (String value : new String[] {"wrongCodesPerFlow=5", "wrongCodesPerUser=10", "wrongCodeWindow=PT15M",
                "firstLock=PT30S", "longestLock=PT1H", "signOutAfterWrongCodes=100", "messagesPerFlow=3",
                "messagesPerUser=10", "messageWindow=PT1H", "resendCooldown=PT30S", "breakerFailures=5",
                "breakerOpenFor=PT30S"}) {
            assertTrue(text.contains(value), text);
        }
    }
}
