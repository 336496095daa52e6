package dev.mfastepup.client.model;

import java.util.List;

/**
 * Reads an out-of-band channel as Auth0 may send it: {@code "sms"} (its guides' {@code oob_channel}) or
 * {@code ["sms"]} (its API reference's {@code oob_channels}), under either name. JSON-B gives a property typed
 * {@code Object} as a {@code String} or a {@code List}, on every implementation; anything else is no channel.
 */
final class Channels {

    private Channels() {
    }

    /** The channels as a list: one for a string, the strings of an array, {@code null} for anything else. */
    static List<String> asList(Object sent) {
        if (sent instanceof String channel) {
            return channel.isBlank() ? List.of() : List.of(channel);
        }
        if (sent instanceof List<?> channels) {
            return channels.stream().filter(String.class::isInstance).map(String.class::cast)
                    .filter(c -> !c.isBlank()).toList();
        }
        return null;
    }

    /** The first channel of either property, the singular one first, or {@code null}. */
    static String first(Object oobChannel, Object oobChannels) {
        for (Object sent : new Object[] {oobChannel, oobChannels}) {
            List<String> channels = asList(sent);
            if (channels != null && !channels.isEmpty()) {
                return channels.get(0);
            }
        }
        return null;
    }
}
