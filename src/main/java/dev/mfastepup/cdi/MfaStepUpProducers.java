package dev.mfastepup.cdi;

import dev.mfastepup.client.Auth0Client;
import dev.mfastepup.client.DomainResolver;
import dev.mfastepup.client.TenantDomains;
import dev.mfastepup.config.MfaStepUpConfig;
import dev.mfastepup.config.MfaStepUpConfigReader;
import dev.mfastepup.crypto.ContextSealer;
import dev.mfastepup.session.StepUpFlows;
import dev.mfastepup.token.RefreshTokenSource;
import dev.mfastepup.token.SessionCredentials;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.openid.OpenIdContext;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * Builds the module's parts once per application, from {@link MfaStepUpConfig}, and makes them injectable.
 *
 * <p>The configuration is read and checked while the application deploys: a missing or weak
 * {@code mfa-stepup.secret}, a missing domain or client id, or a value out of range fails the deployment with a
 * message that names the key and the rule (never the value of a secret), instead of failing the first user.
 *
 * <p>An application customizes the module with beans of its own: a {@link DomainResolver} for several tenants, a
 * {@link RefreshTokenSource} for a login other than Jakarta Security's OpenID Connect.
 */
@ApplicationScoped
public class MfaStepUpProducers {

    private static final Logger logger = Logger.getLogger(MfaStepUpProducers.class.getName());

    @Inject
    Config microProfileConfig;

    @Inject
    Instance<DomainResolver> domainResolvers;

    @Inject
    Instance<RefreshTokenSource> refreshTokenSources;

    @Inject
    Instance<OpenIdContext> openIdContexts;

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ManagedThreadFactory managedThreadFactory;

    private MfaStepUpConfig config;
    private ContextSealer sealer;
    private Auth0Client auth0;
    private StepUpFlows flows;
    private TenantDomains domains;
    private SessionCredentials credentials;

    @PostConstruct
    void start() {
        config = MfaStepUpConfigReader.read(microProfileConfig);
        sealer = new ContextSealer(config.secrets(), config.contextTtl(), Clock.systemUTC());
        ThreadFactory threads = managedThreadFactory != null ? managedThreadFactory : Executors.defaultThreadFactory();
        auth0 = new Auth0Client(config, threads);
        flows = new StepUpFlows(sealer, Clock.systemUTC(), config.contextTtl());
        domains = new TenantDomains(config.domain(),
                domainResolvers.isResolvable() ? domainResolvers.get() : null);
        credentials = SessionCredentials.of(refreshTokenSources, openIdContexts);
        logger.info(() -> "mfa-stepup ready: " + config);
    }

    /** Reads the configuration while the application deploys, so that a bad one fails the deployment. */
    void validateAtDeployment(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        config();
    }

    @PreDestroy
    void stop() {
        if (auth0 != null) {
            auth0.close();
        }
    }

    @Produces
    @Dependent
    MfaStepUpConfig config() {
        return config;
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

    @Produces
    @Dependent
    StepUpFlows stepUpFlows() {
        return flows;
    }

    @Produces
    @Dependent
    TenantDomains tenantDomains() {
        return domains;
    }

    @Produces
    @Dependent
    SessionCredentials sessionCredentials() {
        return credentials;
    }
}
