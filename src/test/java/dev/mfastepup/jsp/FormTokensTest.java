package dev.mfastepup.jsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mfastepup.TestRequests;
import jakarta.servlet.http.HttpSession;
import org.junit.jupiter.api.Test;

/** SEC-14 for the JSP pages: a form's token is good for its own session and flow only. */
class FormTokensTest {

    private static final String FLOW = "AbCdEfGhIjKlMnOpQrStUv";

    private final HttpSession session = TestRequests.withSession().session();

    @Test
    void sec14TokenWhenSentBackWithItsFlowInItsSessionThenValid() {
        String token = FormTokens.token(session, FLOW);

        assertTrue(FormTokens.valid(session, FLOW, token));
        assertEquals(token, FormTokens.token(session, FLOW), "the same for every form of the flow");
        assertTrue(token.matches("[A-Za-z0-9_-]{43}"), "256 bits, URL-safe: " + token);
    }

    @Test
    void sec14TokenWhenSentWithAnotherFlowThenRefused() {
        String token = FormTokens.token(session, FLOW);

        assertFalse(FormTokens.valid(session, "AbCdEfGhIjKlMnOpQrStUw", token));
        assertFalse(FormTokens.valid(session, "", token));
        assertNotEquals(token, FormTokens.token(session, ""));
    }

    @Test
    void sec14TokenWhenSentInAnotherSessionThenRefused() {
        HttpSession other = TestRequests.withSession().session();
        String token = FormTokens.token(session, FLOW);
        FormTokens.token(other, FLOW);

        assertFalse(FormTokens.valid(other, FLOW, token));
        assertNotEquals(token, FormTokens.token(other, FLOW), "each session has a key of its own");
    }

    @Test
    void sec14TokenWhenAbsentChangedOrWithoutSessionKeyThenRefused() {
        String token = FormTokens.token(session, FLOW);

        assertFalse(FormTokens.valid(session, FLOW, null));
        assertFalse(FormTokens.valid(session, FLOW, ""));
        assertFalse(FormTokens.valid(session, FLOW, token.substring(1)));
        assertFalse(FormTokens.valid(session, FLOW, token + "A"));
        assertFalse(FormTokens.valid(session, FLOW, (token.charAt(0) == 'A' ? "B" : "A") + token.substring(1)));
        assertFalse(FormTokens.valid(session, FLOW, token.replace(token.charAt(5), 'é')));
        assertFalse(FormTokens.valid(null, FLOW, token), "no session, no valid form");
        assertFalse(FormTokens.valid(TestRequests.withSession().session(), FLOW, token), "a session without a key");
    }

    @Test
    void sec14KeyWhenMadeThenRandomAndKeptInTheSessionForReplication() {
        FormTokens.token(session, FLOW);

        byte[] key = (byte[]) session.getAttribute(FormTokens.SESSION_KEY);
        assertEquals(32, key.length);
        HttpSession other = TestRequests.withSession().session();
        FormTokens.token(other, FLOW);
        assertFalse(java.util.Arrays.equals(key, (byte[]) other.getAttribute(FormTokens.SESSION_KEY)));
    }
}
