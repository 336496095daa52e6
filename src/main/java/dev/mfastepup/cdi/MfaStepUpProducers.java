package dev.mfastepup.cdi;

import dev.mfastepup.client.Auth0Client;
import dev.mfastepup.config.MfaStepUpConfig;
import dev.mfastepup.config.ModuleClock;
import dev.mfastepup.config.StepUpLimits;
import dev.mfastepup.crypto.ContextSealer;
import dev.mfastepup.telemetry.ModuleTelemetry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Makes the few parts of the module that CDI cannot build by itself, once per application: the module's
 * {@link ModuleClock clock}, the {@link ContextSealer} (its keys are derived from the configured secrets once), and
 * the {@link Auth0Client}, which owns the Rest Clients and their thread pool and is closed with the application.
 * Every other part is a bean with an {@code @Inject} constructor.
 *
 * <p>The calls to Auth0 run on threads of the server's default {@code ManagedThreadFactory}, looked up by name when
 * the parts are built (resource injection into a bean of a library jar fails when the bean is created during
 * deployment on some servers).
 *
 * <p>An application customizes the module with beans of its own: a {@link dev.mfastepup.client.DomainResolver}
 * for several tenants, a {@link dev.mfastepup.token.RefreshTokenSource} for a login other than Jakarta Security's
 * OpenID Connect, a decorator of {@link dev.mfastepup.service.StepUpVerification}.
 */
@ApplicationScoped
public class MfaStepUpProducers {

    private static final Logger logger = Logger.getLogger(MfaStepUpProducers.class.getName());

    private static final String DEFAULT_THREAD_FACTORY = "java:comp/DefaultManagedThreadFactory";

    @Inject
    MfaStepUpConfig config;

    @Inject
    StepUpLimits limits;

    @Inject
    ModuleTelemetry telemetry;

    private ContextSealer sealer;
    private Auth0Client auth0;

    @PostConstruct
    void start() {
        sealer = new ContextSealer(config.secrets(), config.contextTtl(), Clock.systemUTC());
        auth0 = new Auth0Client(config, limits, threadFactory(), Clock.systemUTC(), telemetry.auth0Calls());
        telemetry.watchBreakers(auth0::breakerStates);
    }

    @PreDestroy
    void stop() {
        if (auth0 != null) {
            auth0.close();
        }
    }

    /** The module's time: the system's, in UTC. */
    @Produces
    @ModuleClock
    @Dependent
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Dependent
    Auth0Client auth0Client() {
        return auth0;
    }

    @Produces
    @Dependent
    ContextSealer contextSealer() {
        return sealer;
    }

    private static ThreadFactory threadFactory() {
        try {
            return InitialContext.doLookup(DEFAULT_THREAD_FACTORY);
        } catch (NamingException | RuntimeException notInAServer) {
            logger.warning(() -> "No " + DEFAULT_THREAD_FACTORY + "; calls to Auth0 run on unmanaged threads");
            return Executors.defaultThreadFactory();
        }
    }
}
