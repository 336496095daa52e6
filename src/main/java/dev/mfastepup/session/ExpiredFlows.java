package dev.mfastepup.session;

import dev.mfastepup.session.PendingStepUp.ReturnTo;
import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The flows of a session whose {@code mfa_token} expired, each remembered for a while by the id the pages showed,
 * with what a step-up through Universal Login needs instead: the audience and scope, and the page to come back to.
 * Nothing of the token is kept. The "expired" page can so offer Universal Login for the same step-up, which needs
 * no {@code mfa_token}.
 *
 * <p>A session remembers at most {@value #MAX_REMEMBERED}, the oldest going first, each for {@link #KEPT}.
 *
 * @serial exclude
 * @since 0.2
 */
public final class ExpiredFlows implements Serializable {

    /** How long an expired flow is remembered. */
    public static final Duration KEPT = Duration.ofMinutes(10);
    /** How many expired flows a session remembers at once. */
    public static final int MAX_REMEMBERED = 5;

    private static final long serialVersionUID = 1L;
    private static final String ATTRIBUTE = ExpiredFlows.class.getName();

    /** By the id the pages showed (a flow's or one of its entries'), oldest first. */
    private final LinkedHashMap<String, Expired> byId = new LinkedHashMap<>();

    private ExpiredFlows() {
    }

    /**
     * A flow whose {@code mfa_token} expired.
     *
     * @param flowId the flow's own id.
     * @param key the audience and scope it was for.
     * @param returnTo where its user was to come back to, or {@code null}.
     * @param at when it was found expired.
     * @serial exclude
     */
    public record Expired(String flowId, TokenKey key, ReturnTo returnTo, Instant at) implements Serializable {

        private static final long serialVersionUID = 1L;

        /**
         * Checks for nulls.
         *
         * @param flowId the flow's own id.
         * @param key the audience and scope.
         * @param returnTo where to come back to, or {@code null}.
         * @param at when it was found expired.
         */
        public Expired {
            Objects.requireNonNull(flowId, "flowId cannot be null");
            Objects.requireNonNull(key, "key cannot be null");
            Objects.requireNonNull(at, "at cannot be null");
        }
    }

    /**
     * Remembers a flow found expired, under the id the pages showed.
     *
     * @param session the user's session.
     * @param shownId the flow id or entry id the browser sent.
     * @param flow the flow, as found under that id.
     * @param now the time now.
     */
    static void remember(HttpSession session, String shownId, PendingStepUp flow, Instant now) {
        ExpiredFlows expired = SessionAttributes.getOrCreate(session, ATTRIBUTE, ExpiredFlows.class,
                ExpiredFlows::new);
        synchronized (expired) {
            expired.forgetOld(now);
            expired.byId.remove(shownId);
            expired.byId.put(shownId, new Expired(flow.flowId(), flow.key(), flow.returnTo(), now));
            while (expired.byId.size() > MAX_REMEMBERED) {
                expired.byId.remove(expired.byId.keySet().iterator().next());
            }
        }
        // Written back so that a replicated session carries the change.
        session.setAttribute(ATTRIBUTE, expired);
    }

    /**
     * Finds a flow found expired lately, by the id the pages showed.
     *
     * @param session the user's session, or {@code null}.
     * @param shownId the flow id or entry id.
     * @param now the time now.
     * @return the expired flow, when it is remembered.
     */
    public static Optional<Expired> find(HttpSession session, String shownId, Instant now) {
        Optional<ExpiredFlows> found = SessionAttributes.find(session, ATTRIBUTE, ExpiredFlows.class);
        if (found.isEmpty() || shownId == null) {
            return Optional.empty();
        }
        ExpiredFlows expired = found.get();
        synchronized (expired) {
            return Optional.ofNullable(expired.byId.get(shownId)).filter(flow -> !flow.at().plus(KEPT).isBefore(now));
        }
    }

    @Override
    public synchronized String toString() {
        return "ExpiredFlows" + byId.keySet();
    }

    private void forgetOld(Instant now) {
        for (Iterator<Map.Entry<String, Expired>> it = byId.entrySet().iterator(); it.hasNext();) {
            if (it.next().getValue().at().plus(KEPT).isBefore(now)) {
                it.remove();
            }
        }
    }
}
