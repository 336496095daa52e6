package dev.mfastepup.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ForwardedIssuerTest {

    private static final URI BASE = URI.create("http://localhost:8091/emulator/");
    private static final String OWN = "http://localhost:8091/emulator/";

    private static EmulatorSettings settings(String... pairs) {
        Properties properties = new Properties();
        for (int i = 0; i < pairs.length; i += 2) {
            properties.setProperty(pairs[i], pairs[i + 1]);
        }
        return EmulatorSettings.from(properties);
    }

    private static final EmulatorSettings TRUSTING = settings("emulator.trust-forwarded", "true");

    @Test
    void offByDefault() {
        assertFalse(EmulatorSettings.defaults().trustForwarded());
        assertFalse(settings("emulator.trust-forwarded", "yes").trustForwarded());
        assertTrue(settings("emulator.trust-forwarded", "TRUE").trustForwarded());
    }

    @Test
    void withTheSettingOnTheHeaderNamesTheIssuerAtTheRootOfItsHost() {
        assertEquals("https://tenant.example/", ForwardedIssuer.issuer(TRUSTING, BASE,
                List.of("proto=https;host=tenant.example")));
        assertEquals("https://tenant.example:8443/", ForwardedIssuer.issuer(TRUSTING, BASE,
                List.of("for=192.0.2.60; Proto=HTTPS; HOST=\"Tenant.Example:8443\"; by=203.0.113.43")));
        assertEquals("https://[2001:db8::1]/", ForwardedIssuer.issuer(TRUSTING, BASE,
                List.of("proto=https;host=\"[2001:db8::1]\"")));
    }

    @Test
    void onlyTheFirstElementCounts() {
        assertEquals("https://first.example/", ForwardedIssuer.issuer(TRUSTING, BASE,
                List.of("proto=https;host=first.example, proto=http;host=second.example", "host=third.example")));
        // The first element names no host: the request keeps its own URL, whatever later elements say.
        assertEquals(OWN, ForwardedIssuer.issuer(TRUSTING, BASE, List.of("for=192.0.2.60, host=second.example")));
    }

    @Test
    void withoutProtoTheRequestsSchemeIsKept() {
        assertEquals("http://tenant.example/", ForwardedIssuer.issuer(TRUSTING, BASE, List.of("host=tenant.example")));
    }

    @Test
    void withoutTheHeaderTheRequestKeepsItsOwnBaseUrl() {
        assertEquals(OWN, ForwardedIssuer.issuer(TRUSTING, BASE, null));
        assertEquals(OWN, ForwardedIssuer.issuer(TRUSTING, BASE, List.of()));
        assertEquals(OWN, ForwardedIssuer.issuer(TRUSTING, URI.create("http://localhost:8091/emulator"), List.of()));
    }

    @Test
    void withTheSettingOffTheHeaderIsIgnored() {
        assertEquals(OWN, ForwardedIssuer.issuer(EmulatorSettings.defaults(), BASE,
                List.of("proto=https;host=tenant.example")));
    }

    @Test
    void aFixedIssuerWinsOverTheHeader() {
        EmulatorSettings fixed = settings("emulator.trust-forwarded", "true", "emulator.issuer",
                "https://fixed.example/emulator");
        assertEquals("https://fixed.example/emulator/", ForwardedIssuer.issuer(fixed, BASE,
                List.of("proto=https;host=tenant.example")));
    }

    @Test
    void aMalformedHeaderIsIgnoredNotAnError() {
        for (String malformed : List.of(
                "proto=https;host",                            // a pair without a value
                "proto=https;host=",                           // an empty value
                "proto=https;host=\"tenant.example",           // an unclosed quoted string
                "proto=https;host=\"tenant.example\\",         // an escape at the end
                "proto=https;host=tenant.example:8443",        // ':' is no token character: the port needs quotes
                "proto=https;host=tenant.example;host=other",  // a parameter twice in one element
                "proto=ftp;host=tenant.example",               // not http(s)
                "proto=https;host=\"tenant.example/path\"",    // not a host
                "proto=https;host=\"user@tenant.example\"",    // not a host
                "proto=https;host=\"tenant.example:99999x\"",  // not a port
                "proto=https;host=\"-tenant.example\"",        // not a host name
                "proto=https host=tenant.example",             // no separator
                "=https",                                      // no name
                "proto=https;host=\"tenant\u0001.example\"",  // a control character
                "host=" + "a".repeat(3000),                    // too long to read
                ";;, ,",
                "   ",
                "")) {
            assertEquals(OWN, ForwardedIssuer.issuer(TRUSTING, BASE, List.of(malformed)), malformed);
        }
        assertEquals(Optional.empty(), ForwardedIssuer.fromHeader(null, "http"));
    }

    @Test
    void emptyPairsAndSpacesAreAllowed() {
        assertEquals(Optional.of("https://tenant.example/"),
                ForwardedIssuer.fromHeader(" ; proto=https ;; host=tenant.example ; ", "http"));
    }
}
