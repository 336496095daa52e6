package dev.mfastepup.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.mfastepup.ErrorCodes;
import dev.mfastepup.MfaException;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SEC-32: the {@code ip=} of a security event is the peer address; {@code X-Forwarded-For} is believed only from a
 * proxy listed in {@value ClientAddress#KEY_TRUSTED_PROXIES}, and then only up to the first address that is not a
 * trusted proxy, read from the right.
 */
class ClientAddressTest {

    private static final String FORGED = "203.0.113.66";

    @AfterEach
    void backToTheDefault() {
        SecurityLog.clientAddress(ClientAddress.peerOnly());
    }

    @Test
    void sec32ByDefaultTheSecurityLogNamesThePeerAndIgnoresAForgedForwardedFor() {
        List<String> lines = securityLines(() -> SecurityLog.record(Level.WARNING, "mfa.locked",
                request("198.51.100.7", FORGED), "auth0|u", "flow-1"));

        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).contains(" ip=198.51.100.7 "), lines.get(0));
        assertTrue(!lines.get(0).contains(FORGED), lines.get(0));
    }

    @Test
    void sec32WithTrustedProxiesTheSecurityLogNamesTheAddressTheProxyForwarded() {
        SecurityLog.clientAddress(ClientAddress.read(config("10.0.0.5")));

        List<String> lines = securityLines(() -> SecurityLog.record(Level.WARNING, "mfa.locked",
                request("10.0.0.5", FORGED + ", 192.0.2.44"), "auth0|u", "flow-1"));

        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).contains(" ip=192.0.2.44 "), lines.get(0));
    }

    @Test
    void sec32AForgedForwardedForFromAPeerThatIsNoTrustedProxyIsIgnored() {
        ClientAddress rule = ClientAddress.read(config("10.0.0.5, 10.9.0.0/16"));

        assertEquals("198.51.100.7", rule.of(request("198.51.100.7", FORGED)));
        assertEquals("10.0.0.6", rule.of(request("10.0.0.6", FORGED)), "next to the trusted address, not trusted");
        assertEquals("10.0.0.5", rule.of(request("10.0.0.5")), "a trusted proxy that forwarded nothing");
    }

    @Test
    void sec32FromATrustedProxyTheRightmostAddressThatIsNoTrustedProxyIsTheClient() {
        ClientAddress rule = ClientAddress.read(config("10.0.0.5, 10.9.0.0/16, ::1"));

        assertEquals("192.0.2.44", rule.of(request("10.0.0.5", FORGED + ", 192.0.2.44")));
        assertEquals("192.0.2.44", rule.of(request("10.0.0.5", FORGED + ", 192.0.2.44, 10.9.3.4")),
                "the proxies in the chain are skipped");
        assertEquals("192.0.2.44", rule.of(request("10.0.0.5", FORGED, "192.0.2.44, 10.9.255.1")),
                "several header lines are one list");
        assertEquals("10.9.7.7", rule.of(request("10.0.0.5", "10.9.7.7, 10.9.3.4")), "all trusted: the leftmost");
        assertEquals("10.9.3.4", rule.of(request("10.0.0.5", FORGED + ", not-an-address, 10.9.3.4")),
                "an entry that is no address stops at the last one vouched for");
        assertEquals("10.0.0.5", rule.of(request("10.0.0.5", "192.0.2.44:8080")), "nor is an address with a port");
        assertEquals("192.0.2.44", rule.of(request("0:0:0:0:0:0:0:1", "192.0.2.44")), "IPv6 written two ways");
    }

    @Test
    void sec32TrustedProxiesMustBeAddressesOrRangesNeverHostNames() {
        for (String bad : List.of("proxy.example.com", "10.0.0.0/33", "10.0.0.256", "10.0.0.5/", "localhost")) {
            MfaException e = assertThrows(MfaException.class, () -> ClientAddress.read(config(bad)), bad);
            assertEquals(ErrorCodes.CONFIGURATION_ERROR, e.code());
            assertTrue(e.getMessage().startsWith(ClientAddress.KEY_TRUSTED_PROXIES), e.getMessage());
        }
        assertEquals("198.51.100.7", ClientAddress.read(config(" ")).of(request("198.51.100.7", FORGED)));
    }

    private static Config config(String trustedProxies) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(
                Map.of(ClientAddress.KEY_TRUSTED_PROXIES, trustedProxies), "test", 100)).build();
    }

    private static HttpServletRequest request(String peer, String... forwardedFor) {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getRemoteAddr()).thenReturn(peer);
        when(request.getHeaders("X-Forwarded-For")).thenAnswer(i -> Collections.enumeration(List.of(forwardedFor)));
        when(request.getHeader("X-Forwarded-For")).thenReturn(forwardedFor.length == 0 ? null : forwardedFor[0]);
        return request;
    }

    private static List<String> securityLines(Runnable action) {
        Logger logger = Logger.getLogger(SecurityLog.LOGGER_NAME);
        List<String> lines = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
        try {
            action.run();
        } finally {
            logger.removeHandler(handler);
        }
        return lines;
    }
}
