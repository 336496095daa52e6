package dev.mfastepup.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.mfastepup.TestRequests;
import jakarta.servlet.http.HttpSession;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The tokens of one session: bound to one user and one tenant, forgotten whole, never shown by toString. */
class SessionTokensTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final TokenKey KEY = new TokenKey("https://api", "read");

    private final SessionTokens tokens = SessionTokens.of(TestRequests.withSession().session());

    @Test
    void theFirstUserIsBoundWithoutDroppingAnything() {
        tokens.setRefreshToken("RT-CANARY");

        assertFalse(tokens.bindSubject("auth0|alice"), "nothing belonged to another user");
        assertEquals(Optional.of("auth0|alice"), tokens.subject());
        assertEquals(Optional.of("RT-CANARY"), tokens.refreshToken());
        assertFalse(tokens.bindSubject(null));
        assertEquals(Optional.of("auth0|alice"), tokens.subject());
    }

    @Test
    void anotherUserGetsNothingOfTheFirst() {
        tokens.bindSubject("auth0|alice");
        tokens.bindDomain("alice.example.com");
        tokens.setRefreshToken("RT-CANARY");
        tokens.put(KEY, new CachedAccessToken("AT-CANARY", NOW.plusSeconds(600), "read"));
        tokens.recordStepUp(KEY, NOW);

        assertTrue(tokens.bindSubject("auth0|bob"));

        assertEquals(Optional.of("auth0|bob"), tokens.subject());
        assertTrue(tokens.refreshToken().isEmpty());
        assertTrue(tokens.valid(KEY, NOW, Duration.ZERO).isEmpty());
        assertTrue(tokens.lastStepUp(KEY).isEmpty(), "Alice's step-up does not spare Bob his");
        assertTrue(tokens.domain().isEmpty());
        assertEquals("bob.example.com", tokens.bindDomain("bob.example.com"));
    }

    @Test
    void theDomainIsTheFirstOneBound() {
        assertTrue(tokens.domain().isEmpty());

        assertEquals("first.example.com", tokens.bindDomain("first.example.com"));
        assertEquals("first.example.com", tokens.bindDomain("second.example.com"));
        assertEquals(Optional.of("first.example.com"), tokens.domain());
    }

    @Test
    void clearForgetsTokensAndStepUpsAndKeepsTheUser() {
        tokens.bindSubject("auth0|alice");
        tokens.setRefreshToken("RT-CANARY");
        tokens.put(KEY, new CachedAccessToken("AT-CANARY", NOW.plusSeconds(600), "read"));
        tokens.recordStepUp(KEY, NOW);

        tokens.clear();

        assertTrue(tokens.refreshToken().isEmpty());
        assertTrue(tokens.valid(KEY, NOW, Duration.ZERO).isEmpty());
        assertTrue(tokens.lastStepUp(KEY).isEmpty());
        assertEquals(Optional.of("auth0|alice"), tokens.subject());
    }

    @Test
    void toStringSaysWhatIsHeldAndShowsNoToken() {
        assertEquals("SessionTokens[subject=false, domain=null, accessTokens=[], refreshToken=false]",
                tokens.toString());
        tokens.bindSubject("auth0|alice");
        tokens.bindDomain("tenant.example.com");
        tokens.setRefreshToken("RT-CANARY");
        tokens.put(KEY, new CachedAccessToken("AT-CANARY", NOW.plusSeconds(600), "read"));

        assertEquals("SessionTokens[subject=true, domain=tenant.example.com, accessTokens=[TokenKey[audience="
                + "https://api, scope=read]], refreshToken=true]", tokens.toString());
    }

    @Test
    void tokenKeysOfDifferentTokensSpreadOverHashCodes() {
        assertNotEquals(new TokenKey("https://a", "read").hashCode(), new TokenKey("https://b", "read").hashCode());
        assertNotEquals(new TokenKey("https://a", "read").hashCode(), new TokenKey("https://a", "write").hashCode());
        assertEquals("TokenKey[audience=https://a, scope=write read]", new TokenKey(" https://a ", "write read write")
                .toString());
        assertEquals("", new TokenKey("https://a", null).scope());
        assertEquals(new TokenKey("https://a", null), new TokenKey("https://a", "  "));
    }

    @Test
    void aCachedTokenWithoutAGrantedScopeHasAnEmptyOneAndToStringLeavesTheTokenOut() {
        CachedAccessToken token = new CachedAccessToken("AT-CANARY", NOW, null);

        assertEquals("", token.grantedScope());
        assertEquals("CachedAccessToken[expiresAt=2026-11-26T10:00:00Z, grantedScope=]", token.toString());
        HttpSession session = TestRequests.withSession().session();
        String binding = SessionBinding.of(session);
        assertEquals("SessionBinding[redacted]", session.getAttribute(SessionBinding.ATTRIBUTE).toString());
        assertFalse(session.getAttribute(SessionBinding.ATTRIBUTE).toString().contains(binding));
    }

    /** Another request of the session stored the attribute between the first look and the lock: it is kept. */
    @Test
    void anAttributeCreatedMeanwhileByAnotherRequestIsTheOneReturned() {
        SessionTokens other = SessionTokens.of(TestRequests.withSession().session());
        HttpSession session = mock(HttpSession.class);
        when(session.getId()).thenReturn("session-1");
        when(session.getAttribute(SessionTokens.ATTRIBUTE)).thenReturn(null, other);

        assertSame(other, SessionTokens.of(session));
        verify(session, never()).setAttribute(anyString(), any());
    }
}
