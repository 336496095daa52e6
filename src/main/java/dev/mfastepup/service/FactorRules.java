package dev.mfastepup.service;

import dev.mfastepup.Factor;
import dev.mfastepup.StepUpRequirements;
import java.util.Set;

/**
 * Which factors a flow may challenge and enroll, from the requirements of Auth0's {@code mfa_required}; a flow
 * without requirements has no restriction.
 */
final class FactorRules {

    private FactorRules() {
        // static only
    }

    static Set<Factor> challengeable(StepUpRequirements requirements) {
        return StepUpRequirements.orNone(requirements).challengeable();
    }

    static boolean demandsEnrollment(StepUpRequirements requirements) {
        return StepUpRequirements.orNone(requirements).requiresEnrollment();
    }

    static Set<Factor> enrollable(StepUpRequirements requirements) {
        return StepUpRequirements.orNone(requirements).enrollable();
    }

    static String names(Set<Factor> factors) {
        return String.join(", ", factors.stream().map(Factor::wireName).toList());
    }
}
