package dev.mfastepup.config;

import static dev.mfastepup.config.MfaStepUpConfigReader.intIn;
import static dev.mfastepup.config.MfaStepUpConfigReader.invalid;

import dev.mfastepup.ErrorCodes;
import dev.mfastepup.MfaException;
import java.time.Duration;
import org.eclipse.microprofile.config.Config;

/**
 * Reads and validates {@link StepUpLimits} from MicroProfile Config. A key that is not set keeps its default
 * ({@link StepUpLimits#DEFAULTS}); a value out of its range fails the deployment with a message naming the key
 * and the range. No range lets a limit be switched off.
 *
 * <h2>Keys</h2>
 * <table>
 * <caption>Limit keys (environment variables work through MicroProfile Config's name mapping, e.g.
 * {@code MFA_STEPUP_LIMITS_WRONG_CODES_PER_FLOW})</caption>
 * <tr><th>key</th><th>default</th><th>range</th></tr>
 * <tr><td>{@value #KEY_WRONG_CODES_PER_FLOW}</td><td>{@value StepUpLimits#DEFAULT_WRONG_CODES_PER_FLOW}</td>
 * <td>1 to {@value #MAX_WRONG_CODES_PER_FLOW}</td></tr>
 * <tr><td>{@value #KEY_WRONG_CODES_PER_USER}</td><td>{@value StepUpLimits#DEFAULT_WRONG_CODES_PER_USER}</td>
 * <td>1 to {@value #MAX_WRONG_CODES_PER_USER}, below {@value #KEY_SIGN_OUT_AFTER_WRONG_CODES}</td></tr>
 * <tr><td>{@value #KEY_WRONG_CODE_WINDOW}</td><td>{@value StepUpLimits#DEFAULT_WRONG_CODE_WINDOW_SECONDS}</td>
 * <td>1 to {@value #MAX_SECONDS}</td></tr>
 * <tr><td>{@value #KEY_FIRST_LOCK}</td><td>{@value StepUpLimits#DEFAULT_FIRST_LOCK_SECONDS}</td>
 * <td>1 to {@value #MAX_SECONDS}</td></tr>
 * <tr><td>{@value #KEY_LONGEST_LOCK}</td><td>{@value StepUpLimits#DEFAULT_LONGEST_LOCK_SECONDS}</td>
 * <td>1 to {@value #MAX_SECONDS}, not below {@value #KEY_FIRST_LOCK}</td></tr>
 * <tr><td>{@value #KEY_SIGN_OUT_AFTER_WRONG_CODES}</td>
 * <td>{@value StepUpLimits#DEFAULT_SIGN_OUT_AFTER_WRONG_CODES}</td><td>2 to {@value #MAX_SIGN_OUT_AFTER_WRONG_CODES}
 * (NIST SP 800-63B §5.2.2), above {@value #KEY_WRONG_CODES_PER_USER}</td></tr>
 * <tr><td>{@value #KEY_MESSAGES_PER_FLOW}</td><td>{@value StepUpLimits#DEFAULT_MESSAGES_PER_FLOW}</td>
 * <td>1 to {@value #MAX_MESSAGES_PER_FLOW}</td></tr>
 * <tr><td>{@value #KEY_MESSAGES_PER_USER}</td><td>{@value StepUpLimits#DEFAULT_MESSAGES_PER_USER}</td>
 * <td>1 to {@value #MAX_MESSAGES_PER_USER}</td></tr>
 * <tr><td>{@value #KEY_MESSAGE_WINDOW}</td><td>{@value StepUpLimits#DEFAULT_MESSAGE_WINDOW_SECONDS}</td>
 * <td>1 to {@value #MAX_SECONDS}</td></tr>
 * <tr><td>{@value #KEY_RESEND_COOLDOWN}</td><td>{@value StepUpLimits#DEFAULT_RESEND_COOLDOWN_SECONDS}</td>
 * <td>1 to {@value #MAX_SHORT_SECONDS}</td></tr>
 * <tr><td>{@value #KEY_BREAKER_FAILURES}</td><td>{@value StepUpLimits#DEFAULT_BREAKER_FAILURES}</td>
 * <td>1 to {@value #MAX_BREAKER_FAILURES}</td></tr>
 * <tr><td>{@value #KEY_BREAKER_OPEN}</td><td>{@value StepUpLimits#DEFAULT_BREAKER_OPEN_SECONDS}</td>
 * <td>1 to {@value #MAX_SHORT_SECONDS}</td></tr>
 * </table>
 *
 * @since 0.1
 */
public final class StepUpLimitsReader {

    // Constants --------------------------------------------------------------------------------------------------

    /** Wrong codes a flow may have; the next one ends the flow. */
    public static final String KEY_WRONG_CODES_PER_FLOW = "mfa-stepup.limits.wrong-codes-per-flow";
    /** Consecutive wrong codes of a user, across flows, before the user is locked. */
    public static final String KEY_WRONG_CODES_PER_USER = "mfa-stepup.limits.wrong-codes-per-user";
    /** How long wrong codes below the lock threshold are remembered, in seconds. */
    public static final String KEY_WRONG_CODE_WINDOW = "mfa-stepup.limits.wrong-code-window-seconds";
    /** The first lock of a user, in seconds; it doubles with each further wrong code. */
    public static final String KEY_FIRST_LOCK = "mfa-stepup.limits.first-lock-seconds";
    /** The longest lock of a user, in seconds. */
    public static final String KEY_LONGEST_LOCK = "mfa-stepup.limits.longest-lock-seconds";
    /** Consecutive wrong codes from which the user is also signed out. */
    public static final String KEY_SIGN_OUT_AFTER_WRONG_CODES = "mfa-stepup.limits.sign-out-after-wrong-codes";
    /** Messages (SMS, voice, e-mail, push) one flow may have sent. */
    public static final String KEY_MESSAGES_PER_FLOW = "mfa-stepup.limits.messages-per-flow";
    /** Messages one user may have sent within the message window. */
    public static final String KEY_MESSAGES_PER_USER = "mfa-stepup.limits.messages-per-user";
    /** The window of the messages per user, in seconds. */
    public static final String KEY_MESSAGE_WINDOW = "mfa-stepup.limits.message-window-seconds";
    /** The wait before a message goes again to the same place, in seconds. */
    public static final String KEY_RESEND_COOLDOWN = "mfa-stepup.limits.resend-cooldown-seconds";
    /** Failures in a row of a tenant after which calls to it are refused for a while. */
    public static final String KEY_BREAKER_FAILURES = "mfa-stepup.circuit-breaker.failures";
    /** How long calls to a failing tenant are refused, in seconds. */
    public static final String KEY_BREAKER_OPEN = "mfa-stepup.circuit-breaker.open-seconds";

    /** The most wrong codes per flow. */
    public static final int MAX_WRONG_CODES_PER_FLOW = 100;
    /** The most wrong codes per user: one below the sign-out cap of NIST SP 800-63B §5.2.2. */
    public static final int MAX_WRONG_CODES_PER_USER = 99;
    /** The highest sign-out threshold: NIST SP 800-63B §5.2.2 caps consecutive failures at 100. */
    public static final int MAX_SIGN_OUT_AFTER_WRONG_CODES = 100;
    /** The most messages per flow. */
    public static final int MAX_MESSAGES_PER_FLOW = 100;
    /** The most messages per user within the window. */
    public static final int MAX_MESSAGES_PER_USER = 1000;
    /** The most failures in a row before the breaker opens. */
    public static final int MAX_BREAKER_FAILURES = 1000;
    /** The longest window or lock: a day, as long as the counts are kept. */
    public static final int MAX_SECONDS = 24 * 60 * 60;
    /** The longest resend cooldown and breaker pause: an hour. */
    public static final int MAX_SHORT_SECONDS = 60 * 60;

    private StepUpLimitsReader() {
        // static only
    }

    // Actions ----------------------------------------------------------------------------------------------------

    /**
     * Reads and validates the limits.
     *
     * @param config the MicroProfile Config of the application.
     * @return the limits, with the default of each key that is not set.
     * @throws MfaException with code {@value ErrorCodes#CONFIGURATION_ERROR} and a message naming the key and its
     *         range, when a value is not a whole number, is out of its range, or breaks a rule between two keys.
     */
    public static StepUpLimits read(Config config) {
        StepUpLimits defaults = StepUpLimits.DEFAULTS;
        int perUser = intIn(config, KEY_WRONG_CODES_PER_USER, defaults.wrongCodesPerUser(), 1,
                MAX_WRONG_CODES_PER_USER);
        int firstLock = seconds(config, KEY_FIRST_LOCK, defaults.firstLock(), MAX_SECONDS);
        int longestLock = seconds(config, KEY_LONGEST_LOCK, defaults.longestLock(), MAX_SECONDS);
        int signOut = intIn(config, KEY_SIGN_OUT_AFTER_WRONG_CODES, defaults.signOutAfterWrongCodes(), 2,
                MAX_SIGN_OUT_AFTER_WRONG_CODES);
        if (longestLock < firstLock) {
            throw invalid(KEY_LONGEST_LOCK + " must not be below " + KEY_FIRST_LOCK + " (" + firstLock
                    + "), but is " + longestLock);
        }
        if (signOut <= perUser) {
            throw invalid(KEY_SIGN_OUT_AFTER_WRONG_CODES + " must be above " + KEY_WRONG_CODES_PER_USER + " ("
                    + perUser + "), but is " + signOut);
        }
        return new StepUpLimits(
                intIn(config, KEY_WRONG_CODES_PER_FLOW, defaults.wrongCodesPerFlow(), 1, MAX_WRONG_CODES_PER_FLOW),
                perUser,
                Duration.ofSeconds(seconds(config, KEY_WRONG_CODE_WINDOW, defaults.wrongCodeWindow(), MAX_SECONDS)),
                Duration.ofSeconds(firstLock),
                Duration.ofSeconds(longestLock),
                signOut,
                intIn(config, KEY_MESSAGES_PER_FLOW, defaults.messagesPerFlow(), 1, MAX_MESSAGES_PER_FLOW),
                intIn(config, KEY_MESSAGES_PER_USER, defaults.messagesPerUser(), 1, MAX_MESSAGES_PER_USER),
                Duration.ofSeconds(seconds(config, KEY_MESSAGE_WINDOW, defaults.messageWindow(), MAX_SECONDS)),
                Duration.ofSeconds(seconds(config, KEY_RESEND_COOLDOWN, defaults.resendCooldown(), MAX_SHORT_SECONDS)),
                intIn(config, KEY_BREAKER_FAILURES, defaults.breakerFailures(), 1, MAX_BREAKER_FAILURES),
                Duration.ofSeconds(seconds(config, KEY_BREAKER_OPEN, defaults.breakerOpenFor(), MAX_SHORT_SECONDS)));
    }

    // Helpers ----------------------------------------------------------------------------------------------------

    private static int seconds(Config config, String key, Duration defaultValue, int max) {
        return intIn(config, key, Math.toIntExact(defaultValue.toSeconds()), 1, max);
    }
}
