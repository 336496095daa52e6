package dev.mfastepup.service;

import dev.mfastepup.Factor;
import dev.mfastepup.MfaTokenExpiredException;
import dev.mfastepup.MfaTokenInvalidException;
import dev.mfastepup.client.IdpException;
import dev.mfastepup.client.TenantDomains;
import dev.mfastepup.event.SecurityLog;
import dev.mfastepup.event.StepUpEvent.Outcome;
import dev.mfastepup.event.StepUpEvents;
import dev.mfastepup.session.CachedAccessToken;
import dev.mfastepup.session.ExpiredFlows;
import dev.mfastepup.session.PendingStepUp;
import dev.mfastepup.session.SessionTokenStore;
import dev.mfastepup.session.SessionTokens;
import dev.mfastepup.session.StepUpFlows;
import dev.mfastepup.session.TokenKey;
import dev.mfastepup.token.SessionCredentials;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;

/**
 * Who is asking, and for which flow: the signed-in user, session and tenant of the current request, and the flows
 * of that session. Every step of {@link MfaService} starts here.
 */
@Dependent
class StepUpRequests {

    private final HttpServletRequest request;
    private final SessionCredentials credentials;
    private final TenantDomains domains;
    private final StepUpFlows flows;
    private final SessionTokenStore tokens;
    private final StepUpEvents events;

    @Inject
    StepUpRequests(HttpServletRequest request, SessionCredentials credentials, TenantDomains domains,
            StepUpFlows flows, SessionTokenStore tokens, StepUpEvents events) {
        this.request = request;
        this.credentials = credentials;
        this.domains = domains;
        this.flows = flows;
        this.tokens = tokens;
        this.events = events;
    }

    /** Tells the application's observers that a flow was cancelled; the tenant is this request's, if known. */
    void reportCancelled(String flowId) {
        String tenant;
        try {
            tenant = domains.resolve(request);
        } catch (RuntimeException unresolved) {
            // The flow is cancelled all the same; the event only lacks its tenant.
            tenant = null;
        }
        events.publish(Outcome.CANCELLED, flowId, tenant);
    }

    /** Tells the application's observers that a step-up through Universal Login succeeded, and how long it took. */
    void reportVerified(MfaRequest step, String flowId, Duration elapsed) {
        events.publish(Outcome.VERIFIED, flowId, step.domain(), null, null, elapsed);
    }

    /** Tells the application's observers what happened in a flow ({@link StepUpEvents}). */
    void report(MfaRequest step, Outcome outcome, String flowId, Factor factor, String reason) {
        events.publish(outcome, flowId, step.domain(), factor, reason, null);
    }

    /**
     * The step of the signed-in user of the current request.
     *
     * @throws MfaTokenInvalidException when there is no session, or nobody signed in to it.
     */
    MfaRequest begin() {
        HttpSession session = request.getSession(false);
        if (session == null) {
            throw new MfaTokenInvalidException();
        }
        SessionTokens held = tokens.tokens(session);
        String subject = credentials.subject(request, held).orElseThrow(MfaTokenInvalidException::new);
        return new MfaRequest(request, session, held, subject, domains.resolve(request));
    }

    /** Tells whether the request has a session at all; nothing is created. */
    boolean hasSession() {
        return request.getSession(false) != null;
    }

    /** A flow of the current session, by its id or another tab's entry id; empty without a session. */
    Optional<PendingStepUp> pending(String flowId) {
        return flows.find(request.getSession(false), flowId);
    }

    /** A flow of the current session whose {@code mfa_token} expired lately, by the id the pages showed. */
    Optional<ExpiredFlows.Expired> expired(String flowId, Instant now) {
        return ExpiredFlows.find(request.getSession(false), flowId, now);
    }

    /** The signed-in user's login name, for Universal Login's {@code login_hint}, when the sign-in tells it. */
    Optional<String> loginHint() {
        return credentials.loginHint(request);
    }

    /** The most recent flow of the current session; empty without a session. */
    Optional<PendingStepUp> newest() {
        return flows.newest(request.getSession(false));
    }

    /** The lock that lets one request of a step's session at a time ask Auth0 for the token of a key. */
    ReentrantLock lockFor(MfaRequest step, TokenKey key) {
        return tokens.lockFor(step.session(), key);
    }

    /** A token of a step's session for a key that is still valid now. */
    Optional<CachedAccessToken> validToken(MfaRequest step, TokenKey key, Instant now) {
        return tokens.valid(step.session(), key, now, Duration.ZERO);
    }

    /** The current session, or null when there is none; nothing is created. */
    HttpSession session() {
        return request.getSession(false);
    }

    /**
     * Opens a flow of the session. A sealed context of this session that does not open (changed, sealed with a
     * key no longer configured, or bound to another user, tenant or session) is a security event; a flow that is not
     * there (a stale link, an ended flow) is not.
     */
    StepUpFlows.Opened open(MfaRequest step, String flowId) {
        try {
            return flows.open(step.session(), flowId, step.subject(), step.domain());
        } catch (MfaTokenInvalidException invalid) {
            if (invalid.getCause() != null) {
                SecurityLog.record(Level.WARNING, "mfa.context_invalid", step.request(), step.subject(), flowId);
                report(step, Outcome.FAILED, flowId, null, "context_invalid");
            }
            throw invalid;
        } catch (MfaTokenExpiredException expired) {
            report(step, Outcome.EXPIRED, flowId, null, null);
            throw expired;
        }
    }

    /** What to throw when Auth0 refused a step: the flow ends when Auth0 will never accept its token again. */
    RuntimeException refused(MfaRequest step, String flowId, IdpException failure) {
        return FlowRules.ended(flows, events, step, flowId, failure);
    }
}
