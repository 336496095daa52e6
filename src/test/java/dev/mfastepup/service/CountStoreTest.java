package dev.mfastepup.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mfastepup.ErrorCodes;
import dev.mfastepup.MfaException;
import dev.mfastepup.config.LimitsStore;
import org.junit.jupiter.api.Test;

/** Which store the limits get on a server without JCache (the unit tests have the API, but no provider). */
class CountStoreTest {

    @Test
    void autoWithoutJCacheThenThisJvm() {
        assertInstanceOf(MemoryCountStore.class, CountStore.of(LimitsStore.AUTO));
    }

    @Test
    void memoryThenThisJvm() {
        assertInstanceOf(MemoryCountStore.class, CountStore.of(LimitsStore.MEMORY));
    }

    @Test
    void jcacheWithoutJCacheThenConfigurationErrorSayingWhatToDo() {
        MfaException e = assertThrows(MfaException.class, () -> CountStore.of(LimitsStore.JCACHE));

        assertEquals(ErrorCodes.CONFIGURATION_ERROR, e.code());
        assertTrue(e.getMessage().startsWith("mfa-stepup.limits.store is jcache, but the server offers no JCache"),
                e.getMessage());
    }
}
