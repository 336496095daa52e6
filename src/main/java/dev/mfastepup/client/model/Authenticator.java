package dev.mfastepup.client.model;

import jakarta.json.bind.annotation.JsonbCreator;
import jakarta.json.bind.annotation.JsonbProperty;
import java.io.Serializable;
import java.util.List;

/**
 * One entry of {@code GET /mfa/authenticators}.
 *
 * <p>Auth0's guides send the channel of an out-of-band authenticator as {@code oob_channel} (a string), its API
 * reference as {@code oob_channels} (an array); both are read, each as a string or an array, see
 * {@link #read} and {@link #channel()}. The type is kept as free
 * text, so that an authenticator of a type this module does not know is listed, not fatal.
 *
 * @param id the authenticator id, such as {@code totp|dev_gJ6Y6vpSrjnKeT67}.
 * @param authenticatorType {@code otp}, {@code oob}, {@code recovery-code}, or a type unknown to this module.
 * @param active {@code false} for an enrollment that was never confirmed; such an entry cannot be challenged.
 * @param name a display name: a masked phone number, an email address, a device name; may be {@code null}.
 * @param oobChannel the channel of an {@code oob} authenticator ({@code sms}, {@code voice}, {@code email},
 *        {@code auth0}), or {@code null}.
 * @param oobChannels the same as a list, as Auth0's API reference has it, or {@code null}.
 * @param type the factor type of customizable MFA ({@code otp}, {@code phone}, ...), or {@code null}.
 * @serial exclude
 * @since 0.1
 */
public record Authenticator(
        @JsonbProperty("id") String id,
        @JsonbProperty("authenticator_type") String authenticatorType,
        @JsonbProperty("active") Boolean active,
        @JsonbProperty("name") String name,
        @JsonbProperty("oob_channel") String oobChannel,
        @JsonbProperty("oob_channels") List<String> oobChannels,
        @JsonbProperty("type") String type) implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * Copies the channel list, so that the record is immutable.
     *
     * @param id the authenticator id, such as {@code totp|dev_gJ6Y6vpSrjnKeT67}.
     * @param authenticatorType {@code otp}, {@code oob}, {@code recovery-code}, or a type unknown to this module.
     * @param active {@code false} for an enrollment that was never confirmed; such an entry cannot be challenged.
     * @param name a display name: a masked phone number, an email address, a device name; may be {@code null}.
     * @param oobChannel the channel of an {@code oob} authenticator ({@code sms}, {@code voice}, {@code email},
     *        {@code auth0}), or {@code null}.
     * @param oobChannels the same as a list, as Auth0's API reference has it, or {@code null}.
     * @param type the factor type of customizable MFA ({@code otp}, {@code phone}, ...), or {@code null}.
     */
    public Authenticator {
        oobChannels = oobChannels == null ? null : List.copyOf(oobChannels);
    }

    /**
     * Reads an entry as Auth0 sends it: {@code oob_channel} and {@code oob_channels} each as a string or an array.
     *
     * @param id the authenticator id.
     * @param authenticatorType the type.
     * @param active whether it is confirmed.
     * @param name the display name.
     * @param oobChannel {@code oob_channel} as sent: a string, an array of strings, or {@code null}.
     * @param oobChannels {@code oob_channels} as sent: an array of strings, a string, or {@code null}.
     * @param type the factor type of customizable MFA.
     * @return the entry, its channels as text and as a list.
     */
    @JsonbCreator
    public static Authenticator read(@JsonbProperty("id") String id,
            @JsonbProperty("authenticator_type") String authenticatorType, @JsonbProperty("active") Boolean active,
            @JsonbProperty("name") String name, @JsonbProperty("oob_channel") Object oobChannel,
            @JsonbProperty("oob_channels") Object oobChannels, @JsonbProperty("type") String type) {
        List<String> single = Channels.asList(oobChannel);
        return new Authenticator(id, authenticatorType, active, name,
                single == null || single.isEmpty() ? null : single.get(0), Channels.asList(oobChannels), type);
    }

    /**
     * Returns the out-of-band channel, from whichever of the two fields Auth0 sent.
     *
     * @return the channel, such as {@code sms}, or {@code null} when there is none.
     */
    public String channel() {
        if (oobChannel != null && !oobChannel.isBlank()) {
            return oobChannel;
        }
        return oobChannels == null || oobChannels.isEmpty() ? null : oobChannels.get(0);
    }

    /**
     * Tells whether the authenticator is confirmed and so can be challenged.
     *
     * @return {@code true} only when Auth0 said {@code "active": true}.
     */
    public boolean isActive() {
        return Boolean.TRUE.equals(active);
    }
}
