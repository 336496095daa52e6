package dev.mfastepup.client;

import dev.mfastepup.client.model.MfaRequirements;
import dev.mfastepup.client.model.TokenResponse;
import java.util.Objects;

/**
 * What a grant at {@code POST /oauth/token} gave: tokens, or Auth0's demand for a second factor. Every other
 * answer is an {@link IdpException}.
 *
 * @since 0.1
 */
public sealed interface TokenGrantResult {

    /**
     * Auth0 issued tokens.
     *
     * @param tokens the tokens; the access token is present and the lifetime positive.
     */
    record Granted(TokenResponse tokens) implements TokenGrantResult {
        /** Checks for null. */
        public Granted {
            Objects.requireNonNull(tokens, "tokens cannot be null");
        }
    }

    /**
     * Auth0 answered {@code mfa_required} with an {@code mfa_token}. The raw token must be sealed at once and
     * never leave the server; {@code toString()} leaves it out.
     *
     * @param mfaToken Auth0's raw {@code mfa_token}.
     * @param requirements the factor types allowed, or {@code null} when Auth0 sent none.
     */
    record MfaRequired(String mfaToken, MfaRequirements requirements) implements TokenGrantResult {
        /** Checks for null. */
        public MfaRequired {
            Objects.requireNonNull(mfaToken, "mfaToken cannot be null");
        }

        @Override
        public String toString() {
            return "MfaRequired[requirements=" + requirements + "]";
        }
    }
}
