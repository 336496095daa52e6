package dev.mfastepup.service;

import dev.mfastepup.ErrorCodes;
import dev.mfastepup.Factor;
import dev.mfastepup.MfaException;
import dev.mfastepup.MfaTokenInvalidException;
import dev.mfastepup.StepUpRequirements;
import dev.mfastepup.client.Auth0Client;
import dev.mfastepup.client.IdpException;
import dev.mfastepup.client.model.Authenticator;
import dev.mfastepup.session.StepUpFlows;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The user's authenticators as Auth0 lists them for a flow ({@code GET /mfa/authenticators}), and their removal. */
@Dependent
class Authenticators {

    private final Auth0Client auth0;
    private final StepUpRequests requests;
    private final RecentLists recent;

    @Inject
    Authenticators(Auth0Client auth0, StepUpRequests requests, RecentLists recent) {
        this.auth0 = auth0;
        this.requests = requests;
        this.recent = recent;
    }

    /** See {@link MfaService#listAuthenticators(String)}. */
    List<MfaAuthenticator> challengeable(String flowId) {
        MfaRequest step = requests.begin();
        StepUpFlows.Opened opened = requests.open(step, flowId);
        Set<Factor> allowed = FactorRules.challengeable(opened.stepUp().requirements());
        return asked(step, opened, flowId).stream()
                .filter(a -> a.isActive())
                .map(MfaAuthenticator::of)
                .filter(a -> a.factor() == null || allowed.contains(a.factor()))
                .toList();
    }

    /** See {@link MfaService#enrollableFactors(String)}. */
    Set<Factor> enrollableFactors(String flowId) {
        StepUpRequirements requirements = requests.pending(flowId).orElseThrow(MfaTokenInvalidException::new)
                .requirements();
        if (FactorRules.demandsEnrollment(requirements)) {
            return FactorRules.enrollable(requirements);
        }
        MfaRequest step = requests.begin();
        StepUpFlows.Opened opened = requests.open(step, flowId);
        return hasActive(step, opened, flowId) ? Set.of() : FactorRules.enrollable(requirements);
    }

    /**
     * Tells whether the user has any confirmed authenticator, of whatever type: one this module cannot challenge
     * (a security key) and one the requirements leave out count too. Auth0 lets an {@code mfa_token} enroll only a
     * user who has none ("User is already enrolled"), unless its requirements ask for an enrollment.
     */
    boolean hasActive(MfaRequest step, StepUpFlows.Opened opened, String flowId) {
        return asked(step, opened, flowId).stream().anyMatch(Authenticator::isActive);
    }

    /** The user's authenticator with this id as Auth0 lists it for the flow, never as a caller describes it. */
    MfaAuthenticator listed(MfaRequest step, StepUpFlows.Opened opened, String flowId, String authenticatorId) {
        return asked(step, opened, flowId).stream()
                .filter(a -> a.isActive() && a.id() != null && a.id().equals(authenticatorId))
                .map(MfaAuthenticator::of)
                .findFirst()
                .orElseThrow(() -> new MfaException(ErrorCodes.INVALID_INPUT,
                        "The authenticator is not one of the user's"));
    }

    /** Forgets the flow's list, as an enrollment changes it. */
    void changed(StepUpFlows.Opened opened) {
        recent.forget(opened.stepUp().flowId());
    }

    /** See {@link MfaService#deleteAuthenticator(String, String)}. */
    void delete(String flowId, String authenticatorId) {
        MfaRequest step = requests.begin();
        StepUpFlows.Opened opened = requests.open(step, flowId);
        try {
            auth0.deleteAuthenticator(step.domain(), opened.context().mfaToken(), authenticatorId);
        } catch (IdpException failure) {
            throw requests.refused(step, flowId, failure);
        } finally {
            // After the call, so that a list asked while it was under way is not kept.
            changed(opened);
        }
    }

    /** Auth0's list for the flow: the one it gave within {@link RecentLists#FRESH}, or a new one. */
    private List<Authenticator> asked(MfaRequest step, StepUpFlows.Opened opened, String flowId) {
        String id = opened.stepUp().flowId();
        Optional<List<Authenticator>> kept = recent.recent(id);
        if (kept.isPresent()) {
            return kept.get();
        }
        try {
            List<Authenticator> listed = auth0.listAuthenticators(step.domain(), opened.context().mfaToken());
            recent.keep(id, listed);
            return listed;
        } catch (IdpException failure) {
            throw requests.refused(step, flowId, failure);
        }
    }
}
