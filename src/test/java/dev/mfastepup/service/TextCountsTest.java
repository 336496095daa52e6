package dev.mfastepup.service;

import static dev.mfastepup.service.NumberCodec.NUMBER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Counts kept as text in a shared map: compare-and-set loses no update, and a refused change writes nothing. */
class TextCountsTest {

    private final SharedMapCountStore store = new SharedMapCountStore();
    private final Counts<Integer> counts = store.open("test", NUMBER);

    @Test
    void concurrentIncrementsFromEightThreadsThenNoneLost() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int thread = 0; thread < 8; thread++) {
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < 2_000; i++) {
                    counts.update("alice", n -> n == null ? 1 : n + 1);
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> future : done) {
            future.get();
        }
        pool.shutdown();

        assertEquals(16_000, counts.get("alice"));
    }

    @Test
    void changeThatThrowsThenNothingWritten() {
        counts.update("alice", n -> 3);

        assertThrows(IllegalStateException.class, () -> counts.update("alice", n -> {
            throw new IllegalStateException("locked");
        }));

        assertEquals(3, counts.get("alice"));
    }

    @Test
    void changeToNothingThenRemovedAndNamesKeepTheirOwnKeys() {
        Counts<Integer> other = store.open("other", NUMBER);
        counts.update("alice", n -> 1);
        other.update("alice", n -> 7);

        counts.update("alice", n -> null);

        assertNull(counts.get("alice"));
        assertEquals(7, other.get("alice"));
        assertEquals(1, store.texts.size());
    }
}
