package dev.mfastepup.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.mfastepup.client.Auth0Client;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

/** The readiness check: Auth0 failing makes the module degraded, never down. */
class Auth0ReadinessTest {

    private final Auth0Client auth0 = mock(Auth0Client.class);
    private final Auth0Readiness readiness = new Auth0Readiness(auth0);

    @Test
    void withEveryBreakerClosedItIsUpAndNotDegraded() {
        when(auth0.breakerStates()).thenReturn(new TreeMap<>(Map.of("tenant.example.com", "closed")));

        HealthCheckResponse answer = readiness.call();

        assertEquals(Auth0Readiness.NAME, answer.getName());
        assertEquals(HealthCheckResponse.Status.UP, answer.getStatus());
        assertEquals(Map.of("degraded", false, "breaker.tenant.example.com", "closed"), answer.getData().orElseThrow());
    }

    @Test
    void withABreakerOpenItIsStillUpButDegradedAndSaysWhichTenant() {
        when(auth0.breakerStates()).thenReturn(new TreeMap<>(Map.of("a.example.com", "closed", "b.example.com",
                "open")));

        HealthCheckResponse answer = readiness.call();

        assertEquals(HealthCheckResponse.Status.UP, answer.getStatus());
        assertEquals(Map.of("degraded", true, "breaker.a.example.com", "closed", "breaker.b.example.com", "open"),
                answer.getData().orElseThrow());
    }

    @Test
    void beforeAnyCallItIsUpAndNotDegraded() {
        when(auth0.breakerStates()).thenReturn(Map.of());

        assertEquals(Map.of("degraded", false), readiness.call().getData().orElseThrow());
    }
}
