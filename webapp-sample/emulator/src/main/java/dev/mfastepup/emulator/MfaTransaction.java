package dev.mfastepup.emulator;

import java.time.Instant;
import java.util.Set;

/**
 * What an {@code mfa_token} stands for: whose login, for which audience and scope, how many factors are still
 * owed and which kinds were already used (so that a chained second factor is a different one).
 *
 * @param token the opaque {@code mfa_token}.
 * @param username the user.
 * @param clientId the client it was issued to.
 * @param audience the audience asked for, or {@code null} for the default.
 * @param scope the scope asked for, or {@code null}.
 * @param remaining the factors still to verify, at least 1.
 * @param usedKinds the requirement types (such as {@code otp}) already verified in this chain.
 * @param expiresAt the end of its 10-minute life.
 */
public record MfaTransaction(String token, String username, String clientId, String audience, String scope,
        int remaining, Set<String> usedKinds, Instant expiresAt) {

    /** Copies the set. */
    public MfaTransaction {
        usedKinds = Set.copyOf(usedKinds);
    }
}
