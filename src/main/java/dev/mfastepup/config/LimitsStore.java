package dev.mfastepup.config;

import java.util.Optional;

/**
 * Where the module keeps its counts of wrong codes and sent messages (the limits in front of Auth0's own), set
 * with {@value MfaStepUpConfigReader#KEY_LIMITS_STORE}.
 *
 * <p>In a cluster, the servers must share them: otherwise each server counts on its own, and a second server
 * starts a user's count from zero. Payara Server and Payara Micro share them through JCache (Hazelcast) when
 * their data grid is on.
 *
 * @since 0.1
 */
public enum LimitsStore {

    /** JCache when the server offers it, this JVM otherwise. The default. */
    AUTO,

    /** JCache, which the servers of a cluster share; the deployment fails when the server offers none. */
    JCACHE,

    /** This JVM: each server counts on its own. */
    MEMORY;

    /**
     * Reads a configured value.
     *
     * @param value {@code auto}, {@code jcache} or {@code memory}, in any case.
     * @return the store, or empty for any other value.
     */
    public static Optional<LimitsStore> of(String value) {
        return EnumSetting.named(values(), value);
    }
}
