package dev.mfastepup.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PkceTest {

    /** RFC 7636 Appendix B. */
    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    @Test
    void s256MatchesTheRfcExample() {
        assertEquals(CHALLENGE, Pkce.s256(VERIFIER));
        assertTrue(Pkce.matches(VERIFIER, CHALLENGE, "S256"));
        assertFalse(Pkce.matches(VERIFIER + "x", CHALLENGE, "S256"));
    }

    @Test
    void plainAndMissingMethodCompareTheTextItself() {
        assertTrue(Pkce.matches(VERIFIER, VERIFIER, "plain"));
        assertTrue(Pkce.matches(VERIFIER, VERIFIER, null));
        assertFalse(Pkce.matches(VERIFIER, CHALLENGE, "plain"));
    }

    @Test
    void refusesUnknownMethodsAndMissingVerifiers() {
        assertFalse(Pkce.matches(VERIFIER, CHALLENGE, "S512"));
        assertFalse(Pkce.matches(null, CHALLENGE, "S256"));
    }
}
