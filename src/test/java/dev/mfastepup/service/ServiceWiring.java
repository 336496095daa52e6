package dev.mfastepup.service;

import dev.mfastepup.client.Auth0Client;
import dev.mfastepup.client.TenantDomains;
import dev.mfastepup.config.MfaStepUpConfig;
import dev.mfastepup.config.StepUpLimits;
import dev.mfastepup.event.StepUpCompleted;
import dev.mfastepup.event.RecordedEvents;
import dev.mfastepup.event.StepUpEvents;
import dev.mfastepup.event.StepUpStarted;
import dev.mfastepup.session.SessionTokenStore;
import dev.mfastepup.session.StepUpFlows;
import dev.mfastepup.token.SessionCredentials;
import jakarta.enterprise.event.Event;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;

/**
 * Wires {@link MfaService} and its parts by hand, as CDI does in a server, for tests that run without a
 * container (tests, benchmarks). One count store per service, as one per application in a server.
 */
public final class ServiceWiring {

    private ServiceWiring() {
    }

    /**
     * @return the service, with the system clock.
     */
    public static MfaService mfaService(MfaStepUpConfig config, Auth0Client auth0, TenantDomains domains,
            StepUpFlows flows, SessionCredentials credentials, Event<StepUpCompleted> completed,
            Event<StepUpStarted> started, HttpServletRequest request) {
        return mfaService(config, auth0, domains, flows, credentials, completed, started, request, Clock.systemUTC());
    }

    static MfaService mfaService(MfaStepUpConfig config, Auth0Client auth0, TenantDomains domains, StepUpFlows flows,
            SessionCredentials credentials, Event<StepUpCompleted> completed, Event<StepUpStarted> started,
            HttpServletRequest request, Clock clock) {
        return mfaService(config, auth0, domains, flows, credentials, completed, started, request, clock,
                StepUpLimits.DEFAULTS);
    }

    static MfaService mfaService(MfaStepUpConfig config, Auth0Client auth0, TenantDomains domains, StepUpFlows flows,
            SessionCredentials credentials, Event<StepUpCompleted> completed, Event<StepUpStarted> started,
            HttpServletRequest request, Clock clock, StepUpLimits limits) {
        return mfaService(config, auth0, domains, flows, credentials, completed, started, RecordedEvents.none(),
                request, clock, limits);
    }

    static MfaService mfaService(MfaStepUpConfig config, Auth0Client auth0, TenantDomains domains, StepUpFlows flows,
            SessionCredentials credentials, Event<StepUpCompleted> completed, Event<StepUpStarted> started,
            StepUpEvents events, HttpServletRequest request, Clock clock, StepUpLimits limits) {
        SessionTokenStore tokens = new SessionTokenStore();
        StepUpRequests requests = new StepUpRequests(request, credentials, domains, flows, tokens, events);
        CountStore counts = CountStores.countStore(config);
        MessageSends sends = new MessageSends(new SendLimiter(clock, counts, limits));
        Authenticators authenticators = new Authenticators(auth0, requests, new RecentLists(clock));
        IdTokenCheck idTokens = new IdTokenCheck(config.clientId(), auth0::baseUri,
                new IssuerKeys(auth0::keySet, clock), clock);
        FlowVerifier verifier = new FlowVerifier(auth0, flows, new StepUpCompletion(flows, tokens, completed, started,
                events, clock, config.contextTtl(), idTokens), events, clock);
        Verifications verifications = new Verifications(requests, flows, verifier,
                new AttemptLimiter(clock, counts, limits), events, clock);
        return new MfaService(config, requests, flows, authenticators,
                new Enrollments(auth0, requests, flows, authenticators, sends, clock),
                new Challenges(auth0, requests, flows, authenticators, sends, clock), verifications, verifications);
    }
}
