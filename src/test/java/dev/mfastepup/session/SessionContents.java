package dev.mfastepup.session;

import jakarta.servlet.http.HttpSession;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Looks inside what the module keeps in a session, for tests (and benchmarks) in other packages that check state
 * which {@link SessionTokenStore} and {@link StepUpFlows} do not show, or that set up a state no request leads to.
 * Main code never uses it: the holders' changing methods are the session package's own.
 */
public final class SessionContents {

    /** The session attribute that holds the tokens. */
    public static final String TOKENS_ATTRIBUTE = SessionTokens.ATTRIBUTE;

    /** The session attribute that holds the step-up flows. */
    public static final String FLOWS_ATTRIBUTE = PendingStepUps.ATTRIBUTE;

    private SessionContents() {
    }

    /**
     * @return the session's tokens, created when there are none yet.
     */
    public static SessionTokens tokens(HttpSession session) {
        return SessionTokens.of(session);
    }

    /**
     * @return the session's tokens, or empty when there are none.
     */
    public static Optional<SessionTokens> findTokens(HttpSession session) {
        return SessionTokens.find(session);
    }

    /** Records a completed step-up without a token, as a request that lost its token later would leave it. */
    public static void recordStepUp(HttpSession session, TokenKey key, Instant at) {
        SessionTokens tokens = SessionTokens.of(session);
        tokens.recordStepUp(key, at);
        tokens.save(session);
    }

    /**
     * @return the holder of the session's flows, as stored.
     * @throws NoSuchElementException when the session has none.
     */
    public static PendingStepUps flowsHolder(HttpSession session) {
        return PendingStepUps.find(session).orElseThrow();
    }

    /**
     * @return the session's flows, oldest first.
     * @throws NoSuchElementException when the session has no holder of flows.
     */
    public static List<PendingStepUp> flows(HttpSession session) {
        return flowsHolder(session).all();
    }

    /**
     * @return the session's flows, oldest first; empty when the session has no holder of flows.
     */
    public static List<PendingStepUp> flowsIfAny(HttpSession session) {
        return PendingStepUps.find(session).map(PendingStepUps::all).orElse(List.of());
    }

    /**
     * @return a flow by its flow or entry id.
     * @throws NoSuchElementException when the session has no holder of flows.
     */
    public static Optional<PendingStepUp> flow(HttpSession session, String id) {
        return flowsHolder(session).get(id);
    }

    /**
     * @return a flow by its flow or entry id; empty also when the session has no holder of flows.
     */
    public static Optional<PendingStepUp> flowIfAny(HttpSession session, String id) {
        return PendingStepUps.find(session).flatMap(flows -> flows.get(id));
    }

    /** Puts a flow of one session, sealed context and all, into another session, as an attacker would copy it. */
    public static void copyFlow(HttpSession from, HttpSession to, String flowId) {
        PendingStepUps target = PendingStepUps.of(to);
        target.add(flowsHolder(from).get(flowId).orElseThrow());
        target.save(to);
    }
}
