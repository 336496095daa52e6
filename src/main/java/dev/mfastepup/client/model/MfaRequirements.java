package dev.mfastepup.client.model;

import jakarta.json.bind.annotation.JsonbProperty;
import java.io.Serializable;
import java.util.List;

/**
 * The {@code mfa_requirements} of an {@code mfa_required} answer: which factor types the user may challenge, or
 * must enroll first. Either list may be absent; unknown keys are ignored.
 *
 * <pre>{"challenge": [{"type": "otp"}, {"type": "phone"}], "enroll": null}</pre>
 *
 * @param enroll the types the user must enroll first, or {@code null}.
 * @param challenge the types the user may be challenged with, or {@code null}.
 * @serial exclude
 * @since 0.1
 */
public record MfaRequirements(
        @JsonbProperty("enroll") List<Requirement> enroll,
        @JsonbProperty("challenge") List<Requirement> challenge) implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * Copies the lists, so that the record is immutable.
     *
     * @param enroll the types the user must enroll first, or {@code null}.
     * @param challenge the types the user may be challenged with, or {@code null}.
     */
    public MfaRequirements {
        enroll = enroll == null ? null : List.copyOf(enroll);
        challenge = challenge == null ? null : List.copyOf(challenge);
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
     * One factor type in a requirement list, such as {@code otp}, {@code phone}, {@code email},
     * {@code push-notification} or {@code recovery-code}.
     *
     * @param type the factor type as Auth0 names it; kept as free text so that new types are not fatal.
     * @serial exclude
     */
    public record Requirement(@JsonbProperty("type") String type) implements Serializable {
        private static final long serialVersionUID = 1L;
    }
}
