package dev.mfastepup.cdi;

import dev.mfastepup.config.MfaStepUpConfig;
import dev.mfastepup.config.MfaStepUpConfigReader;
import dev.mfastepup.config.StepUpLimits;
import dev.mfastepup.config.StepUpLimitsReader;
import dev.mfastepup.config.UniversalLoginConfig;
import dev.mfastepup.event.ClientAddress;
import dev.mfastepup.event.SecurityLog;
import dev.mfastepup.filter.PageSet;
import dev.mfastepup.pages.PagesConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * Reads the module's configuration, its limits and its pages' settings once, while the application deploys, and
 * makes them injectable ({@link MfaStepUpConfig}, {@link StepUpLimits}, {@link PagesConfig}): the one place where
 * the module reads MicroProfile Config.
 *
 * <p>A missing or weak {@code mfa-stepup.secret}, a missing domain or client id, or a value out of range fails the
 * deployment with the reader's message, which names the key and the rule (never the value of a secret). The
 * reading happens in the observer itself, not in a {@code @PostConstruct} method: the container would wrap an
 * exception from there into one that hides the message.
 */
@ApplicationScoped
public class MfaStepUpConfiguration {

    private static final Logger logger = Logger.getLogger(MfaStepUpConfiguration.class.getName());

    @Inject
    Config microProfileConfig;

    private volatile MfaStepUpConfig config;
    private volatile StepUpLimits limits;
    private volatile PagesConfig pages;
    private volatile UniversalLoginConfig universalLogin;

    void readAtDeployment(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        config();
        limits();
        pagesConfig();
        universalLoginConfig();
        SecurityLog.clientAddress(ClientAddress.read(microProfileConfig));
    }

    /** The settings of the bundled pages ({@code mfa-stepup.pages.*}). */
    @Produces
    @Dependent
    PagesConfig pagesConfig() {
        PagesConfig read = pages;
        if (read == null) {
            read = PagesConfig.read(microProfileConfig);
            pages = read;
        }
        return read;
    }

    /** The set of pages users are sent to ({@value PageSet#KEY}), part of the pages' settings. */
    @Produces
    @Dependent
    PageSet pageSet() {
        return pagesConfig().pageSet();
    }

    /** The settings of the step-up through Universal Login ({@code mfa-stepup.universal-login.*}). */
    @Produces
    @Dependent
    UniversalLoginConfig universalLoginConfig() {
        UniversalLoginConfig read = universalLogin;
        if (read == null) {
            read = UniversalLoginConfig.read(microProfileConfig);
            universalLogin = read;
        }
        return read;
    }

    @Produces
    @Dependent
    MfaStepUpConfig config() {
        MfaStepUpConfig read = config;
        if (read == null) {
            synchronized (this) {
                if (config == null) {
                    config = MfaStepUpConfigReader.read(microProfileConfig);
                    logger.info(() -> "mfa-stepup configured: " + config);
                }
                read = config;
            }
        }
        return read;
    }

    @Produces
    @Dependent
    StepUpLimits limits() {
        StepUpLimits read = limits;
        if (read == null) {
            synchronized (this) {
                if (limits == null) {
                    limits = StepUpLimitsReader.read(microProfileConfig);
                    logger.info(() -> "mfa-stepup limits: " + limits);
                }
                read = limits;
            }
        }
        return read;
    }
}
