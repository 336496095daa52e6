package dev.mfastepup.health;

import dev.mfastepup.client.Auth0Client;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * A MicroProfile Health readiness check, {@value #NAME}: the circuit breaker of each Auth0 tenant the module has
 * called. Auth0 failing makes it <em>degraded</em>, never down: the application still serves every page that needs
 * no token, and a load balancer must not take it out of service for Auth0's sake. So the check stays {@code UP},
 * with {@code degraded=true} and each tenant's breaker ({@code closed}, {@code open}, {@code half-open}) in its data,
 * for the operator's dashboard and alerts.
 *
 * <p>The server picks it up from the jar where it has MicroProfile Health ({@code /health/ready}); where it has
 * none, the server's CDI skips this class and nothing else changes.
 *
 * @since 0.2
 */
@Readiness
@ApplicationScoped
public class Auth0Readiness implements HealthCheck {

    /** The check's name in the health answer. */
    public static final String NAME = "mfa-stepup-auth0";

    private Auth0Client auth0;

    Auth0Readiness() {
        // for CDI's proxy
    }

    @Inject
    Auth0Readiness(Auth0Client auth0) {
        this.auth0 = auth0;
    }

    @Override
    public HealthCheckResponse call() {
        Map<String, String> breakers = auth0.breakerStates();
        // The server's builder, so that degraded is a JSON boolean on every server.
        HealthCheckResponseBuilder answer = HealthCheckResponse.named(NAME).up()
                .withData("degraded", breakers.values().stream().anyMatch(state -> !state.equals("closed")));
        breakers.forEach((domain, state) -> answer.withData("breaker." + domain, state));
        return answer.build();
    }
}
