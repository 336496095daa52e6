package dev.mfastepup;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A second factor that Auth0's MFA API can enroll, challenge or verify.
 *
 * <p>Each factor knows how it goes over the wire (protocol reference §3.1): OTP is enrolled as
 * {@code authenticator_types ["otp"]} and verified with the {@code mfa-otp} grant; SMS, voice, email and push are
 * {@code oob} channels verified with the {@code mfa-oob} grant; a recovery code is neither enrolled nor
 * challenged, only verified with the {@code mfa-recovery-code} grant.
 *
 * @since 0.1
 */
public enum Factor {

    /** A one-time password from an authenticator app (TOTP). */
    OTP("otp", false),
    /** A code sent by text message. */
    SMS("sms", true),
    /** A code read out by a phone call. */
    VOICE("voice", true),
    /** A code sent by email. */
    EMAIL("email", true),
    /** A push notification to the Auth0 Guardian app, approved on the phone. */
    PUSH("auth0", true),
    /** A recovery code, issued at the first enrollment. */
    RECOVERY_CODE("recovery-code", false);

    private final String wireName;
    private final boolean outOfBand;

    Factor(String wireName, boolean outOfBand) {
        this.wireName = wireName;
        this.outOfBand = outOfBand;
    }

    /**
     * Returns the name Auth0 uses: the {@code oob_channels} value of an out-of-band factor ({@code sms},
     * {@code voice}, {@code email}, {@code auth0}), else {@code otp} or {@code recovery-code}.
     *
     * @return the wire name.
     */
    public String wireName() {
        return wireName;
    }

    /**
     * Tells whether the factor is an out-of-band channel, challenged as {@code oob} and verified with an
     * {@code oob_code}.
     *
     * @return {@code true} for SMS, voice, email and push.
     */
    public boolean isOutOfBand() {
        return outOfBand;
    }

    /**
     * Tells whether a user can enroll the factor through the MFA API.
     *
     * @return {@code false} only for recovery codes.
     */
    public boolean isEnrollable() {
        return this != RECOVERY_CODE;
    }

    /**
     * Tells whether the user types a code Auth0 sent them (SMS, voice, email).
     *
     * @return {@code true} for the out-of-band factors except push.
     */
    public boolean deliversCode() {
        return outOfBand && this != PUSH;
    }

    /**
     * Returns the factor of a listed authenticator: its channel for {@code oob}, else its type.
     *
     * @param type the {@code authenticator_type} of an entry of {@code GET /mfa/authenticators}.
     * @param channel its {@code oob_channel} (or the one entry of {@code oob_channels}); null when it has none.
     * @return the factor, or empty for a type or channel this module does not support (such as WebAuthn).
     */
    public static Optional<Factor> ofListed(String type, String channel) {
        if ("oob".equals(type)) {
            return fromWireName(channel).filter(Factor::isOutOfBand);
        }
        if ("otp".equals(type)) {
            return Optional.of(OTP);
        }
        if ("recovery-code".equals(type)) {
            return Optional.of(RECOVERY_CODE);
        }
        return Optional.empty();
    }

    /**
     * Returns the factor with a wire name.
     *
     * @param wireName such as {@code sms} or {@code auth0}; case is ignored.
     * @return the factor, or empty for an unknown name.
     */
    public static Optional<Factor> fromWireName(String wireName) {
        if (wireName == null) {
            return Optional.empty();
        }
        String name = wireName.strip().toLowerCase(Locale.ROOT);
        for (Factor factor : values()) {
            if (factor.wireName.equals(name)) {
                return Optional.of(factor);
            }
        }
        return Optional.empty();
    }

    /**
     * Returns the factors that a type of {@code mfa_requirements} allows. Auth0 documents {@code otp},
     * {@code phone}, {@code email}, {@code push-notification} and {@code recovery-code}; the SDKs' examples also
     * use {@code oob}, {@code sms}, {@code voice} and {@code auth0}.
     *
     * @param type a requirement type.
     * @return the factors it allows; empty for a type this module does not support (such as
     *         {@code webauthn-roaming}).
     */
    public static Set<Factor> fromRequirementType(String type) {
        if (type == null) {
            return EnumSet.noneOf(Factor.class);
        }
        return switch (type.strip().toLowerCase(Locale.ROOT)) {
            case "otp" -> EnumSet.of(OTP);
            case "phone" -> EnumSet.of(SMS, VOICE);
            case "sms" -> EnumSet.of(SMS);
            case "voice" -> EnumSet.of(VOICE);
            case "email" -> EnumSet.of(EMAIL);
            case "push-notification", "push", "auth0" -> EnumSet.of(PUSH);
            case "recovery-code" -> EnumSet.of(RECOVERY_CODE);
            case "oob" -> EnumSet.of(SMS, VOICE, EMAIL, PUSH);
            default -> EnumSet.noneOf(Factor.class);
        };
    }
}
