package dev.mfastepup.service;

import dev.mfastepup.Factor;
import dev.mfastepup.client.model.MfaRequirements;
import java.util.EnumSet;
import java.util.Set;

/** Which factors a flow may challenge and enroll, from the requirements of Auth0's {@code mfa_required}. */
final class FactorRules {

    private static final Set<Factor> ENROLLABLE = EnumSet.of(Factor.OTP, Factor.SMS, Factor.VOICE, Factor.EMAIL,
            Factor.PUSH);

    private FactorRules() {
        // static only
    }

    static Set<Factor> challengeable(MfaRequirements requirements) {
        if (requirements == null || requirements.challenge() == null || requirements.challenge().isEmpty()) {
            return EnumSet.allOf(Factor.class);
        }
        Set<Factor> allowed = EnumSet.noneOf(Factor.class);
        requirements.challenge().forEach(r -> allowed.addAll(Factor.fromRequirementType(r.type())));
        return allowed;
    }

    static boolean demandsEnrollment(MfaRequirements requirements) {
        return requirements != null && requirements.enroll() != null && !requirements.enroll().isEmpty();
    }

    static Set<Factor> enrollable(MfaRequirements requirements) {
        if (requirements == null || requirements.enroll() == null || requirements.enroll().isEmpty()) {
            return EnumSet.copyOf(ENROLLABLE);
        }
        Set<Factor> allowed = EnumSet.noneOf(Factor.class);
        requirements.enroll().forEach(r -> allowed.addAll(Factor.fromRequirementType(r.type())));
        allowed.retainAll(ENROLLABLE);
        return allowed;
    }

    static String names(Set<Factor> factors) {
        return String.join(", ", factors.stream().map(Factor::wireName).toList());
    }
}
