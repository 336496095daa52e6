package dev.mfastepup.service;

import static dev.mfastepup.service.NumberCodec.NUMBER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.mfastepup.ErrorCodes;
import dev.mfastepup.LogCapture;
import dev.mfastepup.MfaException;
import dev.mfastepup.config.LimitsStore;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.Duration;
import javax.naming.Context;
import javax.naming.spi.InitialContextFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/**
 * The limits' counts in a cluster's shared JCache cache, reached through the cache manager CDI offers (never a
 * server's JNDI name), with a cache that other servers change between a read and a write.
 */
class JCacheCountStoreTest {

    /** The CDI container of this test thread, or none: then CDI is unavailable, as in every other test. */
    private static final ThreadLocal<CDI<Object>> CONTAINER = new ThreadLocal<>();

    static {
        CDI.setCDIProvider(() -> {
            CDI<Object> cdi = CONTAINER.get();
            if (cdi == null) {
                throw new IllegalStateException("Unable to access CDI");
            }
            return cdi;
        });
    }

    /** The cache's entries; what other servers of the cluster write goes here too. */
    private final Map<String, String> entries = new ConcurrentHashMap<>();
    /** What other servers write just before this one's next compare-and-set. */
    private final Deque<Runnable> meanwhile = new ArrayDeque<>();
    @SuppressWarnings("unchecked")
    private final Cache<String, String> cache = mock(Cache.class);
    private final CacheManager manager = mock(CacheManager.class);

    JCacheCountStoreTest() {
        when(cache.get(anyString())).thenAnswer(i -> entries.get(i.<String>getArgument(0)));
        when(cache.putIfAbsent(anyString(), anyString())).thenAnswer(i -> {
            otherServers();
            return entries.putIfAbsent(i.getArgument(0), i.getArgument(1)) == null;
        });
        when(cache.replace(anyString(), anyString(), anyString())).thenAnswer(i -> {
            otherServers();
            return entries.replace(i.getArgument(0), i.getArgument(1), i.getArgument(2));
        });
        when(cache.remove(anyString(), anyString())).thenAnswer(i -> {
            otherServers();
            return entries.remove(i.getArgument(0), i.getArgument(1));
        });
    }

    private void otherServers() {
        Runnable next = meanwhile.poll();
        if (next != null) {
            next.run();
        }
    }

    @AfterEach
    void noContainer() {
        CONTAINER.remove();
        System.clearProperty(Context.INITIAL_CONTEXT_FACTORY);
        ServerJndi.manager = null;
        ServerJndi.lookups.set(0);
    }

    @SuppressWarnings("unchecked")
    private void cdiOffers(CacheManager offered) {
        CDI<Object> cdi = mock(CDI.class);
        Instance<CacheManager> instance = mock(Instance.class);
        when(cdi.select(CacheManager.class)).thenReturn(instance);
        when(instance.isResolvable()).thenReturn(offered != null);
        when(instance.get()).thenReturn(offered);
        CONTAINER.set(cdi);
    }

    private Counts<Integer> sharedCounts() {
        when(manager.getCache(JCacheCountStore.CACHE, String.class, String.class)).thenReturn(cache);
        cdiOffers(manager);
        return CountStore.of(LimitsStore.JCACHE).open("wrong-codes", NUMBER);
    }

    @Test
    void withTheServersCacheManagerInCdiTheCountsLiveInTheSharedCacheAsText() {
        CountStore store;
        when(manager.getCache(JCacheCountStore.CACHE, String.class, String.class)).thenReturn(cache);
        cdiOffers(manager);
        try (LogCapture log = new LogCapture(CountStore.class.getName())) {
            store = CountStore.of(LimitsStore.AUTO);
            List<String> messages = log.messages();
            assertTrue(messages.stream().anyMatch(m -> m.contains("in the JCache cache " + JCacheCountStore.CACHE)),
                    messages.toString());
        }
        assertInstanceOf(JCacheCountStore.class, store);
        Counts<Integer> counts = store.open("wrong-codes", NUMBER);

        assertEquals(1, counts.update("alice", old -> old == null ? 1 : old + 1));
        assertEquals(2, counts.update("alice", old -> old == null ? 1 : old + 1));

        assertEquals(Map.of("wrong-codes\nalice", "2"), entries);
        assertEquals(2, counts.get("alice"));
        assertNull(counts.update("alice", old -> null));
        assertEquals(Map.of(), entries);
        assertNull(counts.get("alice"));
    }

    @Test
    void whenNoServerHasTheCacheYetItIsCreatedForStringsExpiringADayAfterTheLastChange() {
        when(manager.createCache(eq(JCacheCountStore.CACHE), any(MutableConfiguration.class))).thenReturn(cache);
        cdiOffers(manager);

        Counts<Integer> counts = CountStore.of(LimitsStore.JCACHE).open("wrong-codes", NUMBER);
        counts.update("alice", old -> 1);

        @SuppressWarnings("unchecked")
        ArgumentCaptor<MutableConfiguration<String, String>> created =
                ArgumentCaptor.forClass(MutableConfiguration.class);
        verify(manager).createCache(eq(JCacheCountStore.CACHE), created.capture());
        assertEquals(String.class, created.getValue().getKeyType());
        assertEquals(String.class, created.getValue().getValueType());
        assertEquals(new Duration(TimeUnit.DAYS, 1), created.getValue().getExpiryPolicyFactory().create()
                .getExpiryForUpdate());
        assertEquals(Map.of("wrong-codes\nalice", "1"), entries);
    }

    @Test
    void whenTheCacheExistsNoneIsCreated() {
        sharedCounts().update("alice", old -> 1);

        verify(manager, never()).createCache(anyString(), any(MutableConfiguration.class));
    }

    @Test
    void whenAnotherServerCountedFirstTheFirstCountIsAddedToItsCount() {
        Counts<Integer> counts = sharedCounts();
        meanwhile.add(() -> entries.put("wrong-codes\nalice", "5"));

        assertEquals(6, counts.update("alice", old -> old == null ? 1 : old + 1));

        assertEquals("6", entries.get("wrong-codes\nalice"));
    }

    @Test
    void whenAnotherServerChangedTheCountMeanwhileTheChangeIsAppliedToItsCount() {
        Counts<Integer> counts = sharedCounts();
        entries.put("wrong-codes\nalice", "2");
        meanwhile.add(() -> entries.put("wrong-codes\nalice", "7"));

        assertEquals(8, counts.update("alice", old -> old == null ? 1 : old + 1));

        assertEquals("8", entries.get("wrong-codes\nalice"));
    }

    @Test
    void whenAnotherServerChangedACountThisOneTakesBackTheTakingBackIsAppliedToItsCount() {
        Counts<Integer> counts = sharedCounts();
        entries.put("wrong-codes\nalice", "1");
        meanwhile.add(() -> entries.put("wrong-codes\nalice", "3"));

        assertEquals(2, counts.update("alice", old -> old <= 1 ? null : old - 1));

        assertEquals("2", entries.get("wrong-codes\nalice"));
    }

    @Test
    void whenCdisCacheManagerIsNullAsPayarasWithoutItsGridTheCountsStayInMemoryAndSaySo() {
        CDI<Object> cdi = mock(CDI.class);
        Instance<CacheManager> instance = mock(Instance.class);
        when(cdi.select(CacheManager.class)).thenReturn(instance);
        when(instance.isResolvable()).thenReturn(true);
        when(instance.get()).thenReturn(null);
        CONTAINER.set(cdi);
        CountStore store;
        try (LogCapture log = new LogCapture(CountStore.class.getName())) {
            store = CountStore.of(LimitsStore.AUTO);
            assertTrue(log.messages().stream().anyMatch(m -> m.contains("count in this server only")),
                    log.messages().toString());
            assertTrue(log.records().stream().noneMatch(r -> r.getThrown() instanceof NullPointerException),
                    "no NullPointerException behind the fallback");
        }
        assertInstanceOf(MemoryCountStore.class, store);
        MfaException failure = assertThrows(MfaException.class, () -> CountStore.of(LimitsStore.JCACHE));
        assertEquals(ErrorCodes.CONFIGURATION_ERROR, failure.code());
    }

    @Test
    void withoutACacheManagerInCdiNoServersJndiNameIsTriedAndJcacheFailsTheDeployment() {
        when(manager.getCache(JCacheCountStore.CACHE, String.class, String.class)).thenReturn(cache);
        cdiOffers(null);
        // A server that binds a cache manager under its own JNDI name (Payara's) is not asked for it.
        ServerJndi.manager = manager;
        System.setProperty(Context.INITIAL_CONTEXT_FACTORY, ServerJndi.class.getName());

        MfaException failure = assertThrows(MfaException.class, () -> CountStore.of(LimitsStore.JCACHE));

        assertEquals(ErrorCodes.CONFIGURATION_ERROR, failure.code());
        assertEquals(Map.of(), entries);
        assertEquals(0, ServerJndi.lookups.get());
    }

    /** A naming context that has a cache manager under Payara's name, and counts who asks for anything. */
    public static final class ServerJndi implements InitialContextFactory {
        static volatile CacheManager manager;
        static final AtomicInteger lookups = new AtomicInteger();

        @Override
        public Context getInitialContext(Hashtable<?, ?> environment) throws javax.naming.NamingException {
            Context context = mock(Context.class);
            when(context.lookup(anyString())).thenAnswer(call -> {
                lookups.incrementAndGet();
                return "payara/CacheManager".equals(call.getArgument(0)) ? manager : null;
            });
            return context;
        }
    }
}
