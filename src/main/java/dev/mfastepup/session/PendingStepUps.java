package dev.mfastepup.session;

import dev.mfastepup.session.PendingStepUp.ReturnTo;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/**
 * The step-ups in progress in one session, at most {@value #MAX_FLOWS}: one per audience and scope, so that two
 * tabs asking for two APIs each have their own, and the oldest is dropped when a session piles up more.
 *
 * <p>Two tabs that need the same audience and scope share one flow (one {@code mfa_token}, one count of wrong
 * codes), but each comes back to its own page: the second page navigation gets an <em>entry</em>, another opaque
 * id of the same flow with its own return path ({@link #addEntry}). {@link #get(String)} answers for either id.
 * Once a flow is completed ({@link #complete(String)}), each of its ids is remembered for a while with its return
 * path ({@link #completed(String)}), so that the tab that did not verify is sent back to its page instead of being
 * told that its flow expired.
 *
 * <p>Thread-safe and {@link Serializable}. Only {@link StepUpFlows} reads and changes it, and stores it again after
 * each change ({@link #save(HttpSession)}). The type stays public for its limits and for {@link Completed}, which
 * callers receive as a value; its name is part of the serialized form of stored sessions.
 *
 * @serial exclude
 * @since 0.1
 */
public final class PendingStepUps implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The session attribute that holds this object. */
    static final String ATTRIBUTE = PendingStepUps.class.getName();

    /** The most step-ups one session keeps at once. */
    public static final int MAX_FLOWS = 5;

    /** The most entries (further tabs of a flow) one session keeps, across its flows. */
    public static final int MAX_ENTRIES = 10;

    /** The most completed flow and entry ids one session remembers: room for a flow with all its entries. */
    public static final int MAX_COMPLETED = 2 * MAX_ENTRIES;

    private final LinkedHashMap<String, PendingStepUp> flows = new LinkedHashMap<>();

    /** Further ids of flows, by entry id. Not final: a session written before entries existed has none. */
    private LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();

    /** Ids of flows completed lately, and of their entries, by id. */
    private LinkedHashMap<String, Completed> completed = new LinkedHashMap<>();

    private PendingStepUps() {
    }

    /**
     * Returns the step-ups of a session, creating the holder when there is none.
     *
     * @param session the user's session.
     * @return the holder; the same object for concurrent requests of the session.
     */
    static PendingStepUps of(HttpSession session) {
        return SessionAttributes.getOrCreate(session, ATTRIBUTE, PendingStepUps.class, PendingStepUps::new);
    }

    /**
     * Returns the step-ups of a session, if it has a holder.
     *
     * @param session the user's session, or {@code null}.
     * @return the holder, or empty.
     */
    static Optional<PendingStepUps> find(HttpSession session) {
        return SessionAttributes.find(session, ATTRIBUTE, PendingStepUps.class);
    }

    /**
     * Stores this object in the session again, so that a replicating container notices the change.
     *
     * @param session the user's session.
     */
    void save(HttpSession session) {
        session.setAttribute(ATTRIBUTE, this);
    }

    /**
     * Adds a step-up; it replaces one for the same audience and scope, and the oldest goes when there are too many.
     *
     * @param stepUp the new step-up.
     */
    synchronized void add(PendingStepUp stepUp) {
        flows.values().removeIf(existing -> existing.key().sameAs(stepUp.key()));
        flows.put(stepUp.flowId(), stepUp);
        dropOldest(flows, MAX_FLOWS);
        entries.values().removeIf(entry -> !flows.containsKey(entry.flowId()));
    }

    /**
     * Adds an entry to a flow: another id under which the same flow is shown, with its own return path.
     *
     * @param entryId the new id, as random as a flow id.
     * @param flowId the flow.
     * @param returnTo where the user of this entry goes once the flow is done.
     * @return {@code true} when the flow was there.
     */
    synchronized boolean addEntry(String entryId, String flowId, ReturnTo returnTo) {
        if (!flows.containsKey(flowId)) {
            return false;
        }
        entries.put(entryId, new Entry(flowId, returnTo));
        dropOldest(entries, MAX_ENTRIES);
        return true;
    }

    /**
     * Replaces a step-up by a newer state of the same flow; does nothing when the flow is gone meanwhile.
     *
     * @param stepUp the new state.
     * @return {@code true} when the flow was still there.
     */
    synchronized boolean replace(PendingStepUp stepUp) {
        PendingStepUp current = flows.get(stepUp.flowId());
        if (current == null) {
            return false;
        }
        // The return path is the flow's own: a state read under an entry id carries the entry's.
        flows.put(stepUp.flowId(), stepUp.withReturnTo(current.returnTo()));
        return true;
    }

    /**
     * Sets where the user of a flow's own id goes once it is done.
     *
     * @param flowId the flow id (not an entry id).
     * @param returnTo where to go, or {@code null}.
     * @return {@code true} when the flow was there.
     */
    synchronized boolean replaceReturnTo(String flowId, ReturnTo returnTo) {
        PendingStepUp current = flows.get(flowId);
        if (current == null) {
            return false;
        }
        flows.put(flowId, current.withReturnTo(returnTo));
        return true;
    }

    /**
     * Returns a step-up by its flow id or one of its entry ids. For an entry, the step-up keeps its flow id and
     * carries the entry's return path.
     *
     * @param id the flow id or an entry id.
     * @return the step-up, or empty.
     */
    synchronized Optional<PendingStepUp> get(String id) {
        // A null id finds nothing: LinkedHashMap takes null keys and never holds one here.
        PendingStepUp flow = flows.get(id);
        if (flow != null) {
            return Optional.of(flow);
        }
        Entry entry = entries.get(id);
        return entry == null ? Optional.empty()
                : Optional.ofNullable(flows.get(entry.flowId())).map(shared -> shared.withReturnTo(entry.returnTo()));
    }

    /**
     * Returns the step-up for an audience and scope.
     *
     * @param key the audience and scope.
     * @return the step-up, or empty.
     */
    synchronized Optional<PendingStepUp> forKey(TokenKey key) {
        return flows.values().stream().filter(f -> f.key().sameAs(key)).findFirst();
    }

    /**
     * Returns the most recent step-up.
     *
     * @return the step-up, or empty when none is in progress.
     */
    synchronized Optional<PendingStepUp> newest() {
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
    synchronized List<PendingStepUp> all() {
        return new ArrayList<>(flows.values());
    }

    /**
     * Removes a step-up and its entries.
     *
     * @param id the flow id or one of its entry ids.
     * @return the removed step-up, or empty when it was not there (already completed, for example).
     */
    synchronized Optional<PendingStepUp> remove(String id) {
        String flowId = flowIdOf(id);
        PendingStepUp removed = flows.remove(flowId);
        entries.values().removeIf(entry -> entry.flowId().equals(flowId));
        return Optional.ofNullable(removed);
    }

    /**
     * Removes a step-up that succeeded, and remembers its id and its entries' ids with their return paths.
     *
     * @param id the flow id or one of its entry ids.
     * @return the removed step-up, or empty when it was not there.
     */
    synchronized Optional<PendingStepUp> complete(String id) {
        String flowId = flowIdOf(id);
        PendingStepUp flow = flows.get(flowId);
        if (flow == null) {
            return Optional.empty();
        }
        entries.forEach((entryId, entry) -> {
            if (entry.flowId().equals(flowId)) {
                completed.put(entryId, new Completed(flow.key(), entry.returnTo()));
            }
        });
        // The flow's own id last: it is the newest, and the last to go.
        completed.put(flowId, new Completed(flow.key(), flow.returnTo()));
        dropOldest(completed, MAX_COMPLETED);
        return remove(flowId);
    }

    /**
     * Returns what a completed flow or entry id was for, and where its user goes.
     *
     * @param id a flow or entry id.
     * @return the completion, or empty when the id was not completed lately in this session.
     */
    synchronized Optional<Completed> completed(String id) {
        return Optional.ofNullable(completed.get(id));
    }

    /** The flow id an id stands for: itself, or the flow of an entry; {@code null} when neither. */
    private String flowIdOf(String id) {
        if (flows.containsKey(id)) {
            return id;
        }
        Entry entry = entries.get(id);
        return entry == null ? null : entry.flowId();
    }

    private static void dropOldest(LinkedHashMap<String, ?> map, int max) {
        Iterator<String> oldest = map.keySet().iterator();
        while (map.size() > max && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        if (entries == null) {
            entries = new LinkedHashMap<>();
        }
        if (completed == null) {
            completed = new LinkedHashMap<>();
        }
    }

    /**
     * Another id of a flow, shown in another tab, with that tab's return path.
     *
     * @param flowId the flow.
     * @param returnTo where that tab's user goes once the flow is done.
     * @serial exclude
     */
    record Entry(String flowId, ReturnTo returnTo) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * A flow or entry id whose flow succeeded.
     *
     * @param key the audience and scope the flow got a token for.
     * @param returnTo where the user of that id goes, or {@code null} when nobody said.
     * @serial exclude
     */
    public record Completed(TokenKey key, ReturnTo returnTo) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    @Override
    public synchronized String toString() {
        return "PendingStepUps" + flows.keySet();
    }
}
