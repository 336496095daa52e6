package dev.mfastepup.client;

import dev.mfastepup.StepUpRequirements;
import dev.mfastepup.client.model.MfaRequirements;
import dev.mfastepup.client.model.TokenResponse;
import java.util.List;
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
        /**
         * Checks for null.
         *
         * @param tokens the tokens; the access token is present and the lifetime positive.
         */
        public Granted {
            Objects.requireNonNull(tokens, "tokens cannot be null");
        }
    }

    /**
     * Auth0 answered {@code mfa_required} with an {@code mfa_token}. The raw token must be sealed at once and
     * never leave the server; {@code toString()} leaves it out.
     *
     * @param mfaToken Auth0's raw {@code mfa_token}.
     * @param requirements the factor types allowed, as they came over the wire, or {@code null} when Auth0 sent
     *        none; the rest of the module works with {@link #stepUpRequirements()}.
     */
    record MfaRequired(String mfaToken, MfaRequirements requirements) implements TokenGrantResult {
        /**
         * Checks for null.
         *
         * @param mfaToken Auth0's raw {@code mfa_token}.
         * @param requirements the factor types allowed, as they came over the wire, or {@code null} when Auth0 sent
         *        none; the rest of the module works with {@link #stepUpRequirements()}.
         */
        public MfaRequired {
            Objects.requireNonNull(mfaToken, "mfaToken cannot be null");
        }

        /**
         * Returns the factor types allowed as the module keeps them: in the session, the sealed context and the
         * events.
         *
         * @return the requirements, or {@code null} when Auth0 sent none.
         * @since 0.1
         */
        public StepUpRequirements stepUpRequirements() {
            return requirements == null ? null
                    : new StepUpRequirements(types(requirements.enroll()), types(requirements.challenge()));
        }

        @Override
        public String toString() {
            return "MfaRequired[requirements=" + requirements + "]";
        }

        private static List<String> types(List<MfaRequirements.Requirement> requirements) {
            // A requirement without a type stays a null entry (Stream.toList keeps nulls), as Auth0 sent it.
            return requirements == null ? null : requirements.stream().map(MfaRequirements.Requirement::type).toList();
        }
    }
}
