package dev.mfastepup.freshness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.mfastepup.MutableClock;
import dev.mfastepup.TestRequests;
import dev.mfastepup.session.CachedAccessToken;
import dev.mfastepup.session.SessionTokenStore;
import dev.mfastepup.session.TokenKey;
import dev.mfastepup.token.InsufficientUserAuthenticationException;
import jakarta.interceptor.InvocationContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A {@link FreshSecondFactor} method runs only after a recent enough second factor. */
class FreshSecondFactorInterceptorTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final TestRequests web = TestRequests.withSession();
    private final SessionTokenStore tokens = new SessionTokenStore();
    private final FreshSecondFactorInterceptor interceptor = new FreshSecondFactorInterceptor();

    @BeforeEach
    void setUp() {
        interceptor.request = web.request();
        interceptor.tokens = tokens;
        interceptor.clock = clock;
    }

    @Test
    void withoutAnySecondFactorTheMethodDoesNotRunAndAStepUpIsDemanded() throws Exception {
        InvocationContext call = call("transfer");

        InsufficientUserAuthenticationException demand = assertThrows(InsufficientUserAuthenticationException.class,
                () -> interceptor.requireFreshFactor(call));

        assertEquals(Optional.of(Duration.ofSeconds(120)), demand.maxAge());
        assertEquals(Optional.of("https://payments.example.com"), demand.audience());
        verify(call, never()).proceed();
    }

    @Test
    void aFactorWithinTheWindowLetsTheMethodRunAndOneOlderDoesNot() throws Exception {
        secondFactorAt(NOW.minusSeconds(120));
        assertEquals("done", interceptor.requireFreshFactor(call("transfer")));

        clock.advance(Duration.ofSeconds(1));
        assertThrows(InsufficientUserAuthenticationException.class, () -> interceptor.requireFreshFactor(
                call("transfer")));
    }

    @Test
    void theClassesRuleAppliesWhereTheMethodHasNone() throws Exception {
        secondFactorAt(NOW.minusSeconds(400));

        InsufficientUserAuthenticationException demand = assertThrows(InsufficientUserAuthenticationException.class,
                () -> interceptor.requireFreshFactor(call("report")));
        assertEquals(Optional.of(Duration.ofSeconds(300)), demand.maxAge());
        assertEquals(Optional.empty(), demand.audience());
    }

    private void secondFactorAt(Instant at) {
        tokens.completeStepUp(web.session(), new TokenKey("https://api", "read"),
                new CachedAccessToken("AT", at.plusSeconds(3600), "read"), null, at, at);
    }

    private static InvocationContext call(String method) throws Exception {
        InvocationContext call = mock(InvocationContext.class);
        when(call.getMethod()).thenReturn(Payments.class.getMethod(method));
        when(call.proceed()).thenReturn("done");
        return call;
    }

    /** A bean with a class-wide rule and a stricter one on a method. */
    @FreshSecondFactor
    static class Payments {

        @FreshSecondFactor(maxAgeSeconds = 120, audience = "https://payments.example.com")
        public void transfer() {
        }

        public void report() {
        }
    }
}
