package dev.mfastepup.service;

import dev.mfastepup.ErrorCodes;
import dev.mfastepup.MfaException;
import dev.mfastepup.config.LimitsStore;
import dev.mfastepup.config.MfaStepUpConfigReader;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Where the limiters keep their counts: opens a map of counts by name. */
interface CountStore {

    /**
     * Opens a map of counts.
     *
     * @param name the name, unique among the maps of this module.
     * @param codec writes the counts as text, for a shared cache.
     * @param <V> the count.
     * @return the map.
     */
    <V> Counts<V> open(String name, CountCodec<V> codec);

    /**
     * Opens the store the configuration asks for.
     *
     * @param setting the configured store.
     * @return the store.
     * @throws MfaException with code {@value ErrorCodes#CONFIGURATION_ERROR} when JCache is asked for and the
     *         server offers none.
     */
    static CountStore of(LimitsStore setting) {
        Logger log = Logger.getLogger(CountStore.class.getName());
        if (setting == LimitsStore.MEMORY) {
            log.info("The limits on wrong codes and messages count in this server only ("
                    + MfaStepUpConfigReader.KEY_LIMITS_STORE + "=memory)");
            return new MemoryCountStore();
        }
        try {
            CountStore shared = JCacheCountStore.open();
            log.info("The limits on wrong codes and messages count in the JCache cache " + JCacheCountStore.CACHE
                    + ", which the servers of a cluster share");
            return shared;
        } catch (RuntimeException | LinkageError none) {
            // LinkageError: the server has no JCache API at all.
            if (setting == LimitsStore.JCACHE) {
                throw new MfaException(ErrorCodes.CONFIGURATION_ERROR, MfaStepUpConfigReader.KEY_LIMITS_STORE
                        + " is jcache, but the server offers no JCache (" + none.getClass().getSimpleName()
                        + "); turn on its data grid, or set " + MfaStepUpConfigReader.KEY_LIMITS_STORE + "=memory");
            }
            log.log(Level.INFO, "The limits on wrong codes and messages count in this server only: it offers no"
                    + " JCache. In a cluster, each server would count on its own.");
            log.log(Level.FINE, "JCache unavailable", none);
            return new MemoryCountStore();
        }
    }
}
