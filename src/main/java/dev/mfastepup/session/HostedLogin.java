package dev.mfastepup.session;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * A step-up through Universal Login on its way, as the session holds it between the authorization request and
 * Auth0's callback: the values that bind the answer to this request and this session, and where the user goes
 * afterwards. It is used once: the callback takes it out of the session, whatever the outcome.
 *
 * @param state the {@code state} sent to Auth0: 128 random bits; the callback must bring it back.
 * @param nonce the {@code nonce} sent to Auth0: 128 random bits; the ID token must carry it.
 * @param codeVerifier the PKCE verifier whose S256 challenge was sent; only the token request carries it.
 * @param redirectUri the {@code redirect_uri} of the request, which the token request repeats.
 * @param subject the signed-in user; the ID token must name the same.
 * @param domain the tenant.
 * @param key the audience and scope of the token the step-up is for.
 * @param maxAge the {@code max_age} sent (seconds since the user last authenticated), or {@code null}.
 * @param acrValues the {@code acr_values} sent: space-separated policies, one of which the token must show.
 * @param returnTo where the user goes once the step-up is done, or {@code null} for the start of the application.
 * @param mfaFlowId the MFA-API flow this road replaces (it ends when this one succeeds), or {@code null}.
 * @param createdAt when the request was made.
 * @serial exclude
 * @since 0.2
 */
public record HostedLogin(String state, String nonce, String codeVerifier, String redirectUri, String subject,
        String domain, TokenKey key, Long maxAge, String acrValues, PendingStepUp.ReturnTo returnTo,
        String mfaFlowId, Instant createdAt) implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * Checks for nulls.
     *
     * @param state the {@code state}.
     * @param nonce the {@code nonce}.
     * @param codeVerifier the PKCE verifier.
     * @param redirectUri the {@code redirect_uri}.
     * @param subject the signed-in user.
     * @param domain the tenant.
     * @param key the audience and scope.
     * @param maxAge the {@code max_age}, or {@code null}.
     * @param acrValues the {@code acr_values}.
     * @param returnTo where the user goes afterwards, or {@code null}.
     * @param mfaFlowId the MFA-API flow this road replaces, or {@code null}.
     * @param createdAt when the request was made.
     */
    public HostedLogin {
        Objects.requireNonNull(state, "state cannot be null");
        Objects.requireNonNull(nonce, "nonce cannot be null");
        Objects.requireNonNull(codeVerifier, "codeVerifier cannot be null");
        Objects.requireNonNull(redirectUri, "redirectUri cannot be null");
        Objects.requireNonNull(subject, "subject cannot be null");
        Objects.requireNonNull(domain, "domain cannot be null");
        Objects.requireNonNull(key, "key cannot be null");
        Objects.requireNonNull(acrValues, "acrValues cannot be null");
        Objects.requireNonNull(createdAt, "createdAt cannot be null");
    }

    /** Leaves the secrets (state, nonce, verifier) out. */
    @Override
    public String toString() {
        return "HostedLogin[key=" + key + ", maxAge=" + maxAge + ", acrValues=" + acrValues + ", returnTo=" + returnTo + ", mfaFlowId="
                + mfaFlowId + ", createdAt=" + createdAt + "]";
    }
}
