package dev.mfastepup.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * The second-factor step of the emulator's Universal Login: which of a user's confirmed authenticators it can use,
 * and their checks. It takes a code of an authenticator app (a real TOTP of the enrolled secret, each code once,
 * failures counted in the same attempt bucket as the MFA API's) and plays a WebAuthn security key: the button's post
 * stands for the key's assertion, since the emulator has no key to talk to.
 */
public final class SecondFactorStep {

    /** How a check ended. */
    public enum Result {
        /** The factor was verified. */
        VERIFIED,
        /** The code was wrong (or already used). */
        WRONG,
        /** Too many failed attempts: the user's attempt bucket is empty. */
        LOCKED,
        /** The user has no confirmed authenticator of that kind. */
        UNAVAILABLE
    }

    /** The kinds this step can use. */
    private static final Set<FactorKind> USABLE = EnumSet.of(FactorKind.OTP, FactorKind.WEBAUTHN_ROAMING);

    private final TenantState state;
    private final Clock clock;

    /**
     * Creates the step.
     *
     * @param state the tenant state.
     * @param clock the clock.
     */
    public SecondFactorStep(TenantState state, Clock clock) {
        this.state = state;
        this.clock = clock;
    }

    /**
     * Returns the kinds of the user's confirmed authenticators that this step can use.
     *
     * @param username the user.
     * @return some of {@link FactorKind#OTP} (an app, or Guardian's codes) and {@link FactorKind#WEBAUTHN_ROAMING},
     *         in that order; empty when the user has none of them.
     */
    public Set<FactorKind> usable(String username) {
        Set<FactorKind> kinds = EnumSet.noneOf(FactorKind.class);
        synchronized (state) {
            state.user(username).ifPresent(account -> account.active().stream().map(Authenticator::kind)
                    .filter(USABLE::contains).forEach(kinds::add));
        }
        return kinds;
    }

    /**
     * Tells whether the user has any confirmed authenticator, usable here or not.
     *
     * @param username the user.
     * @return whether there is one.
     */
    public boolean hasAny(String username) {
        synchronized (state) {
            return state.user(username).map(account -> !account.active().isEmpty()).orElse(false);
        }
    }

    /**
     * Checks a code of the user's authenticator app.
     *
     * @param username the user.
     * @param code the code typed, or {@code null}.
     * @return the result.
     */
    public Result otp(String username, String code) {
        synchronized (state) {
            UserAccount account = state.user(username).orElse(null);
            if (account == null || account.active().stream().noneMatch(a -> a.kind() == FactorKind.OTP)) {
                return Result.UNAVAILABLE;
            }
            Instant now = clock.instant();
            Duration wait = account.attempts().waitBeforeAttempt(now);
            if (!wait.isZero() && !wait.isNegative()) {
                return Result.LOCKED;
            }
            String typed = code == null ? null : code.replaceAll("\\s", "");
            for (Authenticator a : account.active()) {
                if (a.kind() == FactorKind.OTP) {
                    long step = Totp.matchingStep(a.secret(), typed, now);
                    if (step >= 0 && a.useStep(step)) {
                        return Result.VERIFIED;
                    }
                }
            }
            account.attempts().fail(now);
            return Result.WRONG;
        }
    }

    /**
     * Plays the user's security key: the assertion succeeds when the user has a confirmed one.
     *
     * @param username the user.
     * @return {@link Result#VERIFIED} or {@link Result#UNAVAILABLE}.
     */
    public Result securityKey(String username) {
        synchronized (state) {
            boolean enrolled = state.user(username).map(account -> account.active().stream()
                    .anyMatch(a -> a.kind() == FactorKind.WEBAUTHN_ROAMING)).orElse(false);
            return enrolled ? Result.VERIFIED : Result.UNAVAILABLE;
        }
    }
}
