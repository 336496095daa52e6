package dev.mfastepup.emulator;

import java.util.List;
import java.util.Map;

/**
 * The kinds of authenticator the emulator enrolls, with their wire names.
 */
public enum FactorKind {
    /** An authenticator app. */
    OTP("totp", "otp", null, "otp"),
    /** Codes by SMS. */
    SMS("sms", "oob", "sms", "phone"),
    /** Codes by phone call. */
    VOICE("voice", "oob", "voice", "phone"),
    /** Codes by e-mail. */
    EMAIL("email", "oob", "email", "email"),
    /** Guardian push. */
    PUSH("push", "oob", "auth0", "push-notification"),
    /** The recovery code. */
    RECOVERY_CODE("recovery-code", "recovery-code", null, "recovery-code"),
    /**
     * A WebAuthn roaming authenticator (a security key). Auth0 enrolls and challenges it only in Universal Login;
     * the MFA API lists it but can neither enroll nor challenge it.
     */
    WEBAUTHN_ROAMING("webauthn-roaming", "webauthn-roaming", null, "webauthn-roaming");

    private final String idPrefix;
    private final String authenticatorType;
    private final String oobChannel;
    private final String requirementType;

    FactorKind(String idPrefix, String authenticatorType, String oobChannel, String requirementType) {
        this.idPrefix = idPrefix;
        this.authenticatorType = authenticatorType;
        this.oobChannel = oobChannel;
        this.requirementType = requirementType;
    }

    /** @return the prefix of the authenticator id, such as {@code totp}. */
    public String idPrefix() {
        return idPrefix;
    }

    /**
     * @return the {@code authenticator_type}: {@code otp}, {@code oob}, {@code recovery-code} or
     *         {@code webauthn-roaming}.
     */
    public String authenticatorType() {
        return authenticatorType;
    }

    /** @return the {@code oob_channel}, or {@code null} for OTP and recovery codes. */
    public String oobChannel() {
        return oobChannel;
    }

    /** @return the type in {@code mfa_requirements}: {@code otp}, {@code phone}, {@code email}, ... */
    public String requirementType() {
        return requirementType;
    }

    /**
     * Returns the description of {@code /mfa/challenge}'s {@code unsupported_challenge_type} when an authenticator
     * of this kind is named with a challenge type it does not match. Auth0's challenge reference gives that code
     * for a type the application cannot challenge; it says nothing of security keys, so the emulator answers a
     * security key, which the MFA API cannot challenge at all, with the same code and says why.
     *
     * @return the description.
     */
    public String challengeRefusal() {
        return this == WEBAUTHN_ROAMING
                ? "A WebAuthn security key cannot be challenged through the MFA API; use Universal Login"
                : "The authenticator does not support this challenge type";
    }

    /**
     * Finds the out-of-band kind of a channel.
     *
     * @param channel {@code sms}, {@code voice}, {@code email} or {@code auth0}.
     * @return the kind, or {@code null} for any other channel.
     */
    public static FactorKind ofChannel(String channel) {
        for (FactorKind kind : values()) {
            if (kind.oobChannel != null && kind.oobChannel.equals(channel)) {
                return kind;
            }
        }
        return null;
    }

    /**
     * Puts the out-of-band channel into a list entry or an enrollment's answer, in one of the shapes Auth0 may
     * send, a different one per channel, so that every client of the emulator meets them all: its guides write
     * {@code "oob_channel": "sms"}, its API reference types {@code oob_channels} as a string, its JavaScript SDK
     * reads {@code "oob_channels": ["sms"]}. SMS carries both of the documented names.
     *
     * @param json the entry or answer.
     */
    public void putChannel(Map<String, Object> json) {
        switch (this) {
            case SMS -> {
                json.put("oob_channel", oobChannel);
                json.put("oob_channels", List.of(oobChannel));
            }
            case VOICE -> json.put("oob_channels", oobChannel);
            case EMAIL -> json.put("oob_channels", List.of(oobChannel));
            case PUSH -> json.put("oob_channel", oobChannel);
            default -> {
                // no channel: an app, a recovery code or a security key
            }
        }
    }
}
