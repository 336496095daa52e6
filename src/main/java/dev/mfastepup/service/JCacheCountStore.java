package dev.mfastepup.service;

import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.Duration;
import javax.cache.expiry.ModifiedExpiryPolicy;

/**
 * Counts in a JCache cache, which the servers of a cluster share (on Payara: Hazelcast's data grid), so that a
 * user's wrong codes on one server count on every other. Values are text ({@link CountCodec}) and change by
 * compare-and-set, so the server holding an entry needs none of this module's classes; an entry expires a day
 * after its last change, when every limit has long forgotten it.
 *
 * <p>Only loaded when the server has the JCache API: {@link CountStore#of} catches the {@link LinkageError}
 * otherwise.
 */
final class JCacheCountStore implements CountStore {

    /** The cache's name, as the server's tools list it. */
    static final String CACHE = "dev.mfastepup.limits";

    private final Cache<String, String> cache;

    private JCacheCountStore(Cache<String, String> cache) {
        this.cache = cache;
    }

    /**
     * Opens the shared cache, creating it when no server has yet, through the cache manager CDI offers
     * ({@code @Inject CacheManager}): the server's own (Payara's data grid), or one the application produces (on
     * servers without JCache in CDI, such as WildFly with Infinispan). No server's JNDI name is looked up, and
     * {@code Caching.getCachingProvider()} is not asked: on Payara it finds Hazelcast's client provider, which
     * waits forever for a grid on port 5701 instead of joining Payara's.
     *
     * @return the store.
     * @throws IllegalStateException when CDI offers no cache manager.
     */
    static JCacheCountStore open() {
        CacheManager manager = serverCacheManager();
        Cache<String, String> cache = manager.getCache(CACHE, String.class, String.class);
        if (cache == null) {
            MutableConfiguration<String, String> configuration = new MutableConfiguration<String, String>()
                    .setTypes(String.class, String.class)
                    .setExpiryPolicyFactory(ModifiedExpiryPolicy.factoryOf(new Duration(TimeUnit.DAYS, 1)));
            try {
                cache = manager.createCache(CACHE, configuration);
            } catch (CacheException createdMeanwhile) {
                // by another server of the cluster, or another application of this one
                cache = Objects.requireNonNull(manager.getCache(CACHE, String.class, String.class), CACHE);
            }
        }
        return new JCacheCountStore(cache);
    }

    private static CacheManager serverCacheManager() {
        Instance<CacheManager> cdi = CDI.current().select(CacheManager.class);
        // Payara's producer answers null, with a warning of its own, when its data grid is off (--nohazelcast).
        CacheManager manager = cdi.isResolvable() ? cdi.get() : null;
        if (manager == null) {
            throw new IllegalStateException("No JCache CacheManager in CDI");
        }
        return manager;
    }

    @Override
    public <V> Counts<V> open(String name, CountCodec<V> codec) {
        return new TextCounts<>(new TextCounts.SharedTexts() {
            @Override
            public String get(String key) {
                return cache.get(key);
            }

            @Override
            public boolean putIfAbsent(String key, String text) {
                return cache.putIfAbsent(key, text);
            }

            @Override
            public boolean replace(String key, String expected, String text) {
                return cache.replace(key, expected, text);
            }

            @Override
            public boolean remove(String key, String expected) {
                return cache.remove(key, expected);
            }
        }, name, codec);
    }
}
