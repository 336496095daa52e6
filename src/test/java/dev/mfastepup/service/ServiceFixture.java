package dev.mfastepup.service;

import static org.mockito.Mockito.mock;

import dev.mfastepup.MutableClock;
import dev.mfastepup.StepUpRequirements;
import dev.mfastepup.TestConfigs;
import dev.mfastepup.TestCredentials;
import dev.mfastepup.TestRequests;
import dev.mfastepup.client.Auth0Client;
import dev.mfastepup.client.TenantDomains;
import dev.mfastepup.config.MfaStepUpConfig;
import dev.mfastepup.config.StepUpLimits;
import dev.mfastepup.crypto.ContextSealer;
import dev.mfastepup.event.StepUpCompleted;
import dev.mfastepup.event.RecordedEvents;
import dev.mfastepup.event.StepUpStarted;
import dev.mfastepup.session.StepUpFlows;
import dev.mfastepup.session.TokenKey;
import dev.mfastepup.token.SessionCredentials;
import jakarta.enterprise.event.Event;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;

/**
 * {@link MfaService} with the real client, sealer, flows and limits against a stub Auth0, for a signed-in user
 * whose request and session are {@link TestRequests}.
 */
final class ServiceFixture implements AutoCloseable {

    static final String SUBJECT = "auth0|alice";
    static final String RAW = "MFATOK-CANARY-7f3a";
    static final TokenKey KEY = new TokenKey("https://api.example.com", "read:reports");
    static final String TOKEN_OK = "{\"access_token\":\"AT-CANARY-1\",\"token_type\":\"Bearer\",\"expires_in\":3600}";

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
    final TestCredentials credentials = new TestCredentials(SUBJECT, "RT-1");
    @SuppressWarnings("unchecked")
    final Event<StepUpCompleted> completed = mock(Event.class);
    @SuppressWarnings("unchecked")
    final Event<StepUpStarted> started = mock(Event.class);
    final RecordedEvents events = new RecordedEvents();
    final MfaStepUpConfig config;
    final Auth0Client client;
    final StepUpFlows flows;
    final TestRequests web;
    final MfaService service;

    ServiceFixture(String baseUrl, TestRequests web) {
        this.config = TestConfigs.config(baseUrl);
        this.client = new Auth0Client(config, Executors.defaultThreadFactory(), clock);
        this.flows = new StepUpFlows(new ContextSealer(config.secrets(), config.contextTtl(), clock), clock,
                config.contextTtl());
        this.web = web;
        this.service = serviceFor(new TenantDomains(TestConfigs.DOMAIN, null));
    }

    MfaService serviceFor(TenantDomains domains) {
        return ServiceWiring.mfaService(config, client, domains, flows, new SessionCredentials(credentials), completed,
                started, events.publisher(clock), web.request(), clock, StepUpLimits.DEFAULTS);
    }

    String startFlow(StepUpRequirements requirements) {
        return flows.start(web.session(), SUBJECT, TestConfigs.DOMAIN, KEY, RAW, requirements).flowId();
    }

    static StepUpRequirements challenge(String... types) {
        return new StepUpRequirements(null, List.of(types));
    }

    static StepUpRequirements enroll(String... types) {
        return new StepUpRequirements(List.of(types), null);
    }

    @Override
    public void close() {
        client.close();
    }
}
