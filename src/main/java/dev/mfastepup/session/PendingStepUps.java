package dev.mfastepup.session;

import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The step-ups in progress in one session, at most {@value #MAX_FLOWS}: one per audience and scope, so that two
 * tabs asking for two APIs each have their own, and the oldest is dropped when a session piles up more.
 *
 * <p>Thread-safe and {@link Serializable}; {@link #save(HttpSession)} after a change.
 *
 * @since 0.1
 */
public final class PendingStepUps implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The session attribute that holds this object. */
    public static final String ATTRIBUTE = PendingStepUps.class.getName();

    /** The most step-ups one session keeps at once. */
    public static final int MAX_FLOWS = 5;

    private final LinkedHashMap<String, PendingStepUp> flows = new LinkedHashMap<>();

    private PendingStepUps() {
    }

    /**
     * Returns the step-ups of a session, creating the holder when there is none.
     *
     * @param session the user's session.
     * @return the holder; the same object for concurrent requests of the session.
     */
    public static PendingStepUps of(HttpSession session) {
        return SessionAttributes.getOrCreate(session, ATTRIBUTE, PendingStepUps.class, PendingStepUps::new);
    }

    /**
     * Returns the step-ups of a session, if it has a holder.
     *
     * @param session the user's session, or {@code null}.
     * @return the holder, or empty.
     */
    public static Optional<PendingStepUps> find(HttpSession session) {
        return SessionAttributes.find(session, ATTRIBUTE, PendingStepUps.class);
    }

    /**
     * Stores this object in the session again, so that a replicating container notices the change.
     *
     * @param session the user's session.
     */
    public void save(HttpSession session) {
        session.setAttribute(ATTRIBUTE, this);
    }

    /**
     * Adds a step-up; it replaces one for the same audience and scope, and the oldest goes when there are too many.
     *
     * @param stepUp the new step-up.
     */
    public synchronized void add(PendingStepUp stepUp) {
        flows.values().removeIf(existing -> existing.key().sameAs(stepUp.key()));
        flows.put(stepUp.flowId(), stepUp);
        Iterator<String> oldest = flows.keySet().iterator();
        while (flows.size() > MAX_FLOWS && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
    }

    /**
     * Replaces a step-up by a newer state of the same flow; does nothing when the flow is gone meanwhile.
     *
     * @param stepUp the new state.
     * @return {@code true} when the flow was still there.
     */
    public synchronized boolean replace(PendingStepUp stepUp) {
        return flows.replace(stepUp.flowId(), stepUp) != null;
    }

    /**
     * Returns a step-up by its flow id.
     *
     * @param flowId the flow id.
     * @return the step-up, or empty.
     */
    public synchronized Optional<PendingStepUp> get(String flowId) {
        return Optional.ofNullable(flowId == null ? null : flows.get(flowId));
    }

    /**
     * Returns the step-up for an audience and scope.
     *
     * @param key the audience and scope.
     * @return the step-up, or empty.
     */
    public synchronized Optional<PendingStepUp> forKey(TokenKey key) {
        return flows.values().stream().filter(f -> f.key().sameAs(key)).findFirst();
    }

    /**
     * Returns the most recent step-up.
     *
     * @return the step-up, or empty when none is in progress.
     */
    public synchronized Optional<PendingStepUp> newest() {
        PendingStepUp newest = null;
        for (PendingStepUp flow : flows.values()) {
            newest = flow;
        }
        return Optional.ofNullable(newest);
    }

    /**
     * Returns all step-ups, oldest first.
     *
     * @return a copy of the list.
     */
    public synchronized List<PendingStepUp> all() {
        return new ArrayList<>(flows.values());
    }

    /**
     * Removes a step-up.
     *
     * @param flowId the flow id.
     * @return the removed step-up, or empty when it was not there (already completed, for example).
     */
    public synchronized Optional<PendingStepUp> remove(String flowId) {
        return Optional.ofNullable(flows.remove(flowId));
    }

    @Override
    public synchronized String toString() {
        List<String> ids = new ArrayList<>();
        for (Map.Entry<String, PendingStepUp> entry : flows.entrySet()) {
            ids.add(entry.getKey());
        }
        return "PendingStepUps" + ids;
    }
}
