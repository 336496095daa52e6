package dev.mfastepup.event;

import dev.mfastepup.ErrorCodes;
import dev.mfastepup.MfaException;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;

/**
 * The client address that security events name ({@code ip=}): the peer address of the connection
 * ({@code getRemoteAddr()}), unless the peer is one of the proxies the operator listed in
 * {@value #KEY_TRUSTED_PROXIES}. Only then is {@code X-Forwarded-For} read, from its right end, where the nearest
 * proxy appended the address it saw: the first address that is not a trusted proxy is the client. A client can
 * write anything into the header, so it is never believed beyond the proxies the operator trusts; with the default
 * (no proxy) it is ignored. An entry that is not an IP address stops the walk at the last address vouched for.
 *
 * <p>{@value #KEY_TRUSTED_PROXIES} is a comma-separated list of IP addresses or CIDR ranges, such as
 * {@code 10.0.0.5, 10.1.0.0/16, ::1}; host names are refused, so that reading the setting never needs DNS.
 *
 * @since 0.1
 */
public final class ClientAddress {

    /** The proxies whose {@code X-Forwarded-For} is believed; empty by default: the header is ignored. */
    public static final String KEY_TRUSTED_PROXIES = "mfa-stepup.security-log.trusted-proxies";

    private static final String FORWARDED_FOR = "X-Forwarded-For";
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    private static final ClientAddress PEER_ONLY = new ClientAddress(List.of());

    private final List<Range> trusted;

    private ClientAddress(List<Range> trusted) {
        this.trusted = List.copyOf(trusted);
    }

    /** @return the default: the peer address, {@code X-Forwarded-For} ignored. */
    public static ClientAddress peerOnly() {
        return PEER_ONLY;
    }

    /**
     * Reads {@value #KEY_TRUSTED_PROXIES}.
     *
     * @param config the application's MicroProfile Config.
     * @return the rule.
     * @throws MfaException with code {@value ErrorCodes#CONFIGURATION_ERROR} naming the key, for an entry that is
     *         not an IP address or a CIDR range.
     */
    public static ClientAddress read(Config config) {
        List<Range> ranges = new ArrayList<>();
        for (String entry : config.getOptionalValue(KEY_TRUSTED_PROXIES, String.class).orElse("").split(",")) {
            if (!entry.isBlank()) {
                ranges.add(Range.parse(entry.strip()).orElseThrow(() -> new MfaException(ErrorCodes.CONFIGURATION_ERROR,
                        KEY_TRUSTED_PROXIES + " must list IP addresses or CIDR ranges, such as 10.0.0.5, 10.1.0.0/16")));
            }
        }
        return ranges.isEmpty() ? PEER_ONLY : new ClientAddress(ranges);
    }

    /**
     * Returns the client address of a request.
     *
     * @param request the request.
     * @return the peer address, or the one a trusted proxy forwarded.
     */
    public String of(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        if (trusted.isEmpty() || !isTrusted(literal(peer))) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String header : Collections.list(request.getHeaders(FORWARDED_FOR))) {
            for (String hop : header.split(",")) {
                hops.add(hop.strip());
            }
        }
        String client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<InetAddress> hop = literal(hops.get(i));
            if (hop.isEmpty()) {
                return client;
            }
            client = hop.get().getHostAddress();
            if (!isTrusted(hop)) {
                return client;
            }
        }
        return client;
    }

    private boolean isTrusted(Optional<InetAddress> address) {
        return address.isPresent() && trusted.stream().anyMatch(range -> range.contains(address.get()));
    }

    /** Parses an IP address without ever asking DNS: only text that can be nothing but an address is parsed. */
    static Optional<InetAddress> literal(String text) {
        try {
            if (text != null && IPV4.matcher(text).matches()) {
                String[] parts = text.split("\\.");
                byte[] bytes = new byte[4];
                for (int i = 0; i < 4; i++) {
                    int part = Integer.parseInt(parts[i]);
                    if (part > 255) {
                        return Optional.empty();
                    }
                    bytes[i] = (byte) part;
                }
                return Optional.of(InetAddress.getByAddress(bytes));
            }
            if (text != null && IPV6.matcher(text).matches()) {
                // With a colon in it, the text is parsed as an IPv6 literal or refused, never looked up.
                return Optional.of(InetAddress.getByName(text));
            }
        } catch (UnknownHostException | RuntimeException notAnAddress) {
            // not an address
        }
        return Optional.empty();
    }

    /** An address, or a network of addresses that share their first {@code bits} bits. */
    private record Range(byte[] network, int bits) {

        static Optional<Range> parse(String text) {
            int slash = text.indexOf('/');
            Optional<InetAddress> address = literal(slash < 0 ? text : text.substring(0, slash));
            if (address.isEmpty()) {
                return Optional.empty();
            }
            byte[] bytes = address.get().getAddress();
            int bits = bytes.length * 8;
            if (slash >= 0) {
                String prefix = text.substring(slash + 1);
                if (!prefix.matches("\\d{1,3}") || Integer.parseInt(prefix) > bits) {
                    return Optional.empty();
                }
                bits = Integer.parseInt(prefix);
            }
            return Optional.of(new Range(bytes, bits));
        }

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < bits; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((bytes[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
