package dev.mfastepup.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import dev.mfastepup.TestRequests;
import jakarta.servlet.http.HttpSession;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * SEC-36: every change made through the store reaches the next server of a cluster without the caller writing
 * anything back; reads create nothing; the locks stay per session and per audience and scope.
 */
class SessionTokenStoreTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final TokenKey KEY = new TokenKey("https://api.example.com", "read:reports");
    private static final CachedAccessToken TOKEN = new CachedAccessToken("AT-CANARY", NOW.plusSeconds(600),
            "read:reports");

    private final SessionTokenStore store = new SessionTokenStore();
    /** Every read gets a fresh copy of what was last written, as on the next server of a cluster. */
    private final HttpSession session = TestRequests.replicated().session();

    @Test
    void bindSubjectWhenFirstUserThenTheNextServerKnowsThem() {
        assertFalse(store.bindSubject(session, "auth0|alice"));

        assertEquals(Optional.of("auth0|alice"), store.subject(session));
    }

    @Test
    void bindSubjectWhenAnotherUserThenTheFirstUsersTokensAreGoneOnTheNextServer() {
        store.useRefreshToken(session, "auth0|alice", "RT-CANARY");
        store.cache(session, KEY, TOKEN, null);

        assertTrue(store.bindSubject(session, "auth0|bob"));

        assertEquals(Optional.of("auth0|bob"), store.subject(session));
        assertTrue(store.refreshToken(session).isEmpty());
        assertTrue(store.valid(session, KEY, NOW, Duration.ZERO).isEmpty());
    }

    @Test
    void bindDomainWhenBoundThenTheFirstStaysOnTheNextServer() {
        assertEquals("tenant.example.com", store.bindDomain(session, "tenant.example.com"));

        assertEquals("tenant.example.com", store.bindDomain(session, "other.example.com"));
        assertEquals(Optional.of("tenant.example.com"), store.tokens(session).domain());
    }

    @Test
    void useRefreshTokenThenTheNextServerHasTheUserAndTheToken() {
        store.useRefreshToken(session, "auth0|alice", "RT-CANARY");

        assertEquals(Optional.of("auth0|alice"), store.subject(session));
        assertEquals(Optional.of("RT-CANARY"), store.refreshToken(session));
    }

    @Test
    void cacheWhenRotatedThenTheNextServerHasTheTokenAndTheNewRefreshToken() {
        store.useRefreshToken(session, "auth0|alice", "RT-1");

        assertSame(TOKEN, store.cache(session, KEY, TOKEN, "RT-2"));

        assertEquals("AT-CANARY", store.valid(session, KEY, NOW, Duration.ZERO).orElseThrow().value());
        assertEquals(Optional.of("RT-2"), store.refreshToken(session));
    }

    @Test
    void cacheWhenNotRotatedThenTheRefreshTokenStays() {
        store.useRefreshToken(session, "auth0|alice", "RT-1");

        store.cache(session, KEY, TOKEN, null);
        store.cache(session, KEY, TOKEN, " ");

        assertEquals(Optional.of("RT-1"), store.refreshToken(session));
    }

    @Test
    void completeStepUpThenTheNextServerHasTheTokenAndTheTime() {
        store.completeStepUp(session, KEY, TOKEN, "RT-2", NOW);

        assertTrue(store.valid(session, KEY, NOW, Duration.ZERO).isPresent());
        assertEquals(Optional.of(NOW), store.lastStepUp(session, KEY));
        assertEquals(Optional.of("RT-2"), store.refreshToken(session));
        assertTrue(store.lastStepUp(session, new TokenKey("https://api.example.com", "write")).isEmpty());
    }

    @Test
    void clearThenTheNextServerHasNoTokensButKnowsTheUser() {
        store.useRefreshToken(session, "auth0|alice", "RT-CANARY");
        store.completeStepUp(session, KEY, TOKEN, null, NOW);

        store.clear(session);

        assertTrue(store.refreshToken(session).isEmpty());
        assertTrue(store.valid(session, KEY, NOW, Duration.ZERO).isEmpty());
        assertTrue(store.lastStepUp(session, KEY).isEmpty());
        assertEquals(Optional.of("auth0|alice"), store.subject(session));
    }

    @Test
    void readsWhenNothingStoredThenEmptyAndNothingWritten() {
        HttpSession empty = mock(HttpSession.class);

        assertTrue(store.subject(empty).isEmpty());
        assertTrue(store.refreshToken(empty).isEmpty());
        assertTrue(store.valid(empty, KEY, NOW, Duration.ZERO).isEmpty());
        assertTrue(store.lastStepUp(empty, KEY).isEmpty());
        store.clear(empty);
        store.clear(null);
        assertTrue(store.subject(null).isEmpty());

        verify(empty, never()).setAttribute(anyString(), any());
    }

    @Test
    void locksArePerSessionAndPerAudienceAndScope() {
        HttpSession one = TestRequests.withSession().session();
        HttpSession other = TestRequests.withSession().session();
        TokenKey write = new TokenKey("https://api.example.com", "write:reports");

        assertSame(store.lockFor(one, KEY), store.lockFor(one, KEY));
        assertSame(store.lockFor(one, KEY), new SessionTokenStore().lockFor(one, KEY),
                "one per session, not per store");
        assertNotSame(store.lockFor(one, KEY), store.lockFor(one, write));
        assertNotSame(store.lockFor(one, KEY), store.lockFor(other, KEY));
        assertSame(store.refreshLock(one), store.refreshLock(one));
        assertNotSame(store.refreshLock(one), store.refreshLock(other));
        assertNotSame(store.refreshLock(one), store.lockFor(one, KEY));
    }
}
