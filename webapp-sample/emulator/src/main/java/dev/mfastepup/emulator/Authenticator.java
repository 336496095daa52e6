package dev.mfastepup.emulator;

import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One enrolled (or pending) authenticator of a user. Mutable, and guarded by the lock of {@link TenantState}.
 */
public final class Authenticator {

    private final String id;
    private final FactorKind kind;
    private final String name;
    private final String pairId;
    private final byte[] secret;
    private final Instant createdAt;
    private String recoveryCode;
    private boolean active;
    private final Set<Long> usedSteps = new HashSet<>();

    /**
     * Creates an inactive authenticator.
     *
     * @param id the id, such as {@code totp|dev_...}.
     * @param kind the kind.
     * @param name the display name (masked phone, address, device), or {@code null}.
     * @param pairId the id of the twin created and deleted with it (sms/voice), or {@code null}.
     * @param secret the TOTP secret, or {@code null}.
     * @param createdAt when it was created.
     */
    public Authenticator(String id, FactorKind kind, String name, String pairId, byte[] secret, Instant createdAt) {
        this.id = id;
        this.kind = kind;
        this.name = name;
        this.pairId = pairId;
        this.secret = secret == null ? null : secret.clone();
        this.createdAt = createdAt;
    }

    /** @return the id. */
    public String id() {
        return id;
    }

    /** @return the kind. */
    public FactorKind kind() {
        return kind;
    }

    /** @return the twin's id, or {@code null}. */
    public String pairId() {
        return pairId;
    }

    /** @return the TOTP secret, or {@code null}. */
    public byte[] secret() {
        return secret == null ? null : secret.clone();
    }

    /** @return whether it has been confirmed. */
    public boolean active() {
        return active;
    }

    /** Marks it confirmed. */
    public void activate() {
        active = true;
    }

    /** @return the current recovery code (recovery-code authenticators only). */
    public String recoveryCode() {
        return recoveryCode;
    }

    /** @param code the new recovery code. */
    public void recoveryCode(String code) {
        this.recoveryCode = code;
    }

    /** @return when it was created. */
    public Instant createdAt() {
        return createdAt;
    }

    /**
     * Records that a TOTP step's code has been used, so that the same code is not accepted twice.
     *
     * @param step the step.
     * @return {@code false} when it had already been used.
     */
    public boolean useStep(long step) {
        // Only the ±1 window can ever match again, so older steps need not be remembered.
        usedSteps.removeIf(s -> s < step - 2);
        return usedSteps.add(step);
    }

    /**
     * Returns the list entry of {@code GET /mfa/authenticators}.
     *
     * @return the JSON object.
     */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("authenticator_type", kind.authenticatorType());
        json.put("active", active);
        kind.putChannel(json);
        if (name != null) {
            json.put("name", name);
        }
        json.put("type", kind.requirementType());
        json.put("created_at", createdAt.toString());
        return json;
    }
}
