package dev.mfastepup.emulator;

import java.time.Instant;

/**
 * An out-of-band transaction, from an enrollment or a challenge: the {@code oob_code} handed to the client, the
 * binding code sent to the user (SMS, voice, e-mail) or the push waiting for the user's answer. Guarded by the
 * lock of {@link TenantState}.
 */
public final class OobTransaction {

    /** The states of a push. */
    public enum PushState {
        /** Waiting for the user. */
        PENDING,
        /** The user approved. */
        APPROVED,
        /** The user denied. */
        DENIED
    }

    private final String oobCode;
    private final String mfaToken;
    private final String username;
    private final String authenticatorId;
    private final String bindingCode;
    private final Instant createdAt;
    private final Instant expiresAt;
    private PushState pushState;
    private Instant lastPoll;

    /**
     * Creates a transaction.
     *
     * @param oobCode the {@code oob_code}.
     * @param mfaToken the {@code mfa_token} it belongs to.
     * @param username the user.
     * @param authenticatorId the authenticator being enrolled or challenged.
     * @param bindingCode the code sent to the user, or {@code null} for a push.
     * @param createdAt when it started.
     * @param expiresAt when it ends (Auth0: 5 minutes).
     */
    public OobTransaction(String oobCode, String mfaToken, String username, String authenticatorId,
            String bindingCode, Instant createdAt, Instant expiresAt) {
        this.oobCode = oobCode;
        this.mfaToken = mfaToken;
        this.username = username;
        this.authenticatorId = authenticatorId;
        this.bindingCode = bindingCode;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
        this.pushState = bindingCode == null ? PushState.PENDING : null;
    }

    /** @return the {@code oob_code}. */
    public String oobCode() {
        return oobCode;
    }

    /** @return the {@code mfa_token}. */
    public String mfaToken() {
        return mfaToken;
    }

    /** @return the user. */
    public String username() {
        return username;
    }

    /** @return the authenticator id. */
    public String authenticatorId() {
        return authenticatorId;
    }

    /** @return the binding code, or {@code null} for a push. */
    public String bindingCode() {
        return bindingCode;
    }

    /** @return whether it is a push. */
    public boolean isPush() {
        return bindingCode == null;
    }

    /** @return when it started. */
    public Instant createdAt() {
        return createdAt;
    }

    /** @return when it ends. */
    public Instant expiresAt() {
        return expiresAt;
    }

    /** @return the push state, or {@code null} when it is not a push. */
    public PushState pushState() {
        return pushState;
    }

    /** @param state the user's answer to the push. */
    public void answer(PushState state) {
        this.pushState = state;
    }

    /**
     * Records a poll and returns the previous one, for {@code slow_down}.
     *
     * @param now now.
     * @return the previous poll, or {@code null} for the first.
     */
    public Instant poll(Instant now) {
        Instant previous = lastPoll;
        lastPoll = now;
        return previous;
    }
}
