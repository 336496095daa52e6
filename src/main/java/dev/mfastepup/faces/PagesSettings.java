package dev.mfastepup.faces;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

/** Reads {@link PagesConfig} once, while the application deploys, so that a bad value fails the deployment. */
@ApplicationScoped
public class PagesSettings {

    @Inject
    Config microProfileConfig;

    private volatile PagesConfig config;

    void readAtDeployment(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        config();
    }

    /** @return the pages' settings. */
    public PagesConfig config() {
        PagesConfig read = config;
        if (read == null) {
            read = PagesConfig.read(microProfileConfig);
            config = read;
        }
        return read;
    }
}
