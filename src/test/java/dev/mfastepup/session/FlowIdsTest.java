package dev.mfastepup.session;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Flow and entry ids: random, 22 URL-safe characters, and nothing else passes as one. */
class FlowIdsTest {

    @Test
    void nextThenWellFormedAndNeverTheSame() {
        String first = FlowIds.next();

        assertTrue(FlowIds.wellFormed(first), first);
        assertNotEquals(first, FlowIds.next());
    }

    @Test
    void wellFormedWhenNotTheShapeOfAnIdThenFalse() {
        assertFalse(FlowIds.wellFormed(null));
        assertFalse(FlowIds.wellFormed(""));
        assertFalse(FlowIds.wellFormed("AAAAAAAAAAAAAAAAAAAAA"), "21 characters");
        assertFalse(FlowIds.wellFormed("AAAAAAAAAAAAAAAAAAAAAAA"), "23 characters");
        assertFalse(FlowIds.wellFormed("AAAAAAAAAAAAAAAAAAAAA="), "padding");
        assertFalse(FlowIds.wellFormed("AAAAAAAAAAAAAAAAAAAAA/"), "not URL-safe");
        assertTrue(FlowIds.wellFormed("Az09_-Az09_-Az09_-Az09"));
    }
}
