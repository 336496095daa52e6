package dev.mfastepup.service;

import dev.mfastepup.config.MfaStepUpConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Makes the one {@link CountStore} of the application, the one the configuration names. One per application: the
 * counts follow the user across sessions, and across the servers of a cluster when the store is shared.
 */
@ApplicationScoped
class CountStores {

    @Produces
    @Singleton
    static CountStore countStore(MfaStepUpConfig config) {
        return CountStore.of(config.limitsStore());
    }
}
