package dev.mfastepup.session;

import jakarta.servlet.http.HttpSession;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads and creates the module's session attributes, so that two first requests of one session never each create
 * their own holder (and one of them lose its writes).
 */
final class SessionAttributes {

    private static final Object[] CREATION_LOCKS = newLocks();

    private SessionAttributes() {
        // static only
    }

    /** Returns the attribute when the session has one of that type. */
    static <T> Optional<T> find(HttpSession session, String name, Class<T> type) {
        if (session == null) {
            return Optional.empty();
        }
        Object value = session.getAttribute(name);
        return type.isInstance(value) ? Optional.of(type.cast(value)) : Optional.empty();
    }

    /** Returns the attribute, creating and storing it first when the session has none. */
    static <T> T getOrCreate(HttpSession session, String name, Class<T> type, Supplier<T> creator) {
        Optional<T> existing = find(session, name, type);
        if (existing.isPresent()) {
            return existing.get();
        }
        synchronized (CREATION_LOCKS[Math.floorMod(session.getId().hashCode(), CREATION_LOCKS.length)]) {
            existing = find(session, name, type);
            if (existing.isPresent()) {
                return existing.get();
            }
            T created = creator.get();
            session.setAttribute(name, created);
            return created;
        }
    }

    private static Object[] newLocks() {
        Object[] locks = new Object[64];
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
        return locks;
    }
}
