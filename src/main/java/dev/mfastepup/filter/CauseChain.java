package dev.mfastepup.filter;

import dev.mfastepup.token.MfaRequiredException;
import jakarta.servlet.ServletException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;

/**
 * Finds an {@link MfaRequiredException} inside the wrappers that servlets, Faces, EJB, CDI and JAX-RS put around
 * it.
 *
 * <p>It follows {@link Throwable#getCause()}, {@link ServletException#getRootCause()} and suppressed exceptions,
 * nearest first, and looks no deeper than {@value #MAX_DEPTH} levels and at no more than {@value #MAX_VISITED}
 * exceptions, so that a cause cycle or a pathological chain cannot hang a request.
 *
 * @since 0.1
 */
public final class CauseChain {

    // Constants --------------------------------------------------------------------------------------------------

    /** How many wrappers deep an exception is still looked for. */
    static final int MAX_DEPTH = 32;

    /** How many exceptions are looked at, at most, counting suppressed ones. */
    static final int MAX_VISITED = 256;

    // Constructors -----------------------------------------------------------------------------------------------

    private CauseChain() {
        // static only
    }

    // Actions ----------------------------------------------------------------------------------------------------

    /**
     * Finds the {@link MfaRequiredException} nearest to the top of a chain.
     *
     * @param thrown what was thrown, or {@code null}.
     * @return the exception, or empty when the chain holds none.
     */
    public static Optional<MfaRequiredException> find(Throwable thrown) {
        return find(thrown, MfaRequiredException.class);
    }

    /**
     * Finds the exception of a type nearest to the top of a chain.
     *
     * @param <T> the type.
     * @param thrown what was thrown, or {@code null}.
     * @param type the type to find.
     * @return the exception, or empty when the chain holds none.
     * @since 0.2
     */
    public static <T extends Throwable> Optional<T> find(Throwable thrown, Class<T> type) {
        if (thrown == null) {
            return Optional.empty();
        }
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<Level> queue = new ArrayDeque<>();
        queue.add(new Level(thrown, 0));
        seen.add(thrown);
        while (!queue.isEmpty() && seen.size() <= MAX_VISITED) {
            Level level = queue.poll();
            if (type.isInstance(level.thrown())) {
                return Optional.of(type.cast(level.thrown()));
            }
            if (level.depth() == MAX_DEPTH) {
                continue;
            }
            // ServletException.getRootCause() is its getCause() since Servlet 3.0.
            enqueue(queue, seen, level.thrown().getCause(), level.depth());
            for (Throwable suppressed : level.thrown().getSuppressed()) {
                enqueue(queue, seen, suppressed, level.depth());
            }
        }
        return Optional.empty();
    }

    // Helpers ----------------------------------------------------------------------------------------------------

    private static void enqueue(ArrayDeque<Level> queue, Set<Throwable> seen, Throwable next, int depth) {
        if (next != null && seen.add(next)) {
            queue.add(new Level(next, depth + 1));
        }
    }

    private record Level(Throwable thrown, int depth) {
    }
}
