package dev.mfastepup.token;

import dev.mfastepup.client.Auth0Client;
import dev.mfastepup.client.TenantDomains;
import dev.mfastepup.config.MfaStepUpConfig;
import dev.mfastepup.event.RecordedEvents;
import dev.mfastepup.event.StepUpStarted;
import dev.mfastepup.session.SessionTokenStore;
import dev.mfastepup.session.StepUpFlows;
import jakarta.enterprise.event.Event;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;

/**
 * Wires {@link AccessTokenService} and its parts by hand, as CDI does in a server, for tests and benchmarks that
 * run without a container.
 */
public final class TokenWiring {

    private TokenWiring() {
    }

    /**
     * @return the service, with the system clock.
     */
    public static AccessTokenService accessTokenService(MfaStepUpConfig config, Auth0Client auth0,
            TenantDomains domains, StepUpFlows flows, SessionCredentials credentials, Event<StepUpStarted> started,
            HttpServletRequest request) {
        Clock clock = Clock.systemUTC();
        StepUpOpener stepUps = new StepUpOpener(flows, started, RecordedEvents.none(), request);
        SessionTokenStore store = new SessionTokenStore();
        return new AccessTokenService(config, domains, credentials, store, stepUps,
                new RefreshGrant(config, auth0, credentials, store, stepUps, request, clock), request, clock);
    }
}
