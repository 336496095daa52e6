package dev.mfastepup;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Which factors Auth0 allows or demands for a step-up: the {@code mfa_requirements} of its {@code mfa_required}
 * answer, as this module keeps it in the session, in the sealed context and in its events, apart from the wire
 * format it came in.
 *
 * <p>The factor types are kept as Auth0 named them ({@code otp}, {@code phone}, {@code push-notification}, ...),
 * unknown ones included, so that a context sealed here and opened by the Auth0 Python SDK (or the other way round)
 * keeps them. The questions a step-up asks are answered here:
 * <pre>
 * StepUpRequirements requirements = StepUpRequirements.orNone(pending.requirements());
 * if (requirements.requiresEnrollment()) { ... offer requirements.enrollable() ... }
 * else { ... challenge one of requirements.challengeable() ... }
 * </pre>
 * A missing or empty list restricts nothing; {@link #NONE} stands for "Auth0 sent no requirements".
 *
 * @param enroll the factor types the user must enroll first, as Auth0 named them, or {@code null} when Auth0 sent
 *        no such list; an entry is {@code null} when Auth0 sent a requirement without a type.
 * @param challenge the factor types the user may be challenged with, or {@code null} when Auth0 sent no such list.
 * @serial exclude
 * @since 0.1
 */
public record StepUpRequirements(List<String> enroll, List<String> challenge) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** No requirements: every factor may be challenged, every enrollable factor enrolled. */
    public static final StepUpRequirements NONE = new StepUpRequirements(null, null);

    /**
     * Copies the lists, so that the value is immutable. Entries are kept as they are, {@code null} ones included:
     * they are the wire's, and refusing them is the job of whoever writes them out again.
     *
     * @param enroll the factor types to enroll, or {@code null}.
     * @param challenge the factor types to challenge, or {@code null}.
     */
    public StepUpRequirements {
        enroll = copy(enroll);
        challenge = copy(challenge);
    }

    /**
     * Returns the requirements of a flow, or {@link #NONE} when it has none, so that callers can ask without a
     * null check.
     *
     * @param requirements the requirements, possibly {@code null}.
     * @return the requirements, never {@code null}.
     */
    public static StepUpRequirements orNone(StepUpRequirements requirements) {
        return requirements == null ? NONE : requirements;
    }

    /**
     * Tells whether Auth0 asks for an enrollment rather than a challenge.
     *
     * @return {@code true} when the {@code enroll} list has at least one entry.
     */
    public boolean requiresEnrollment() {
        return enroll != null && !enroll.isEmpty();
    }

    /**
     * Returns the factors the user may be challenged with.
     *
     * @return a new set: every factor when the {@code challenge} list is missing or empty, else the factors its
     *         types allow (see {@link Factor#fromRequirementType(String)}), possibly none.
     */
    public Set<Factor> challengeable() {
        if (challenge == null || challenge.isEmpty()) {
            return EnumSet.allOf(Factor.class);
        }
        return factorsOf(challenge);
    }

    /**
     * Returns the factors the user may enroll.
     *
     * @return a new set: every {@linkplain Factor#isEnrollable() enrollable} factor when the {@code enroll} list is
     *         missing or empty, else the enrollable factors its types allow, possibly none.
     */
    public Set<Factor> enrollable() {
        Set<Factor> allowed = enroll == null || enroll.isEmpty() ? EnumSet.allOf(Factor.class) : factorsOf(enroll);
        allowed.removeIf(factor -> !factor.isEnrollable());
        return allowed;
    }

    // Helpers --------------------------------------------------------------------------------------------------------

    private static Set<Factor> factorsOf(List<String> types) {
        Set<Factor> factors = EnumSet.noneOf(Factor.class);
        types.forEach(type -> factors.addAll(Factor.fromRequirementType(type)));
        return factors;
    }

    private static List<String> copy(List<String> types) {
        // Not List.copyOf: it refuses null entries, and a requirement without a type is Auth0's to send.
        return types == null ? null : Collections.unmodifiableList(new ArrayList<>(types));
    }
}
