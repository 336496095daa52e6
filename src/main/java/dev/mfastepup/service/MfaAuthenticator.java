package dev.mfastepup.service;

import dev.mfastepup.Factor;
import dev.mfastepup.client.model.Authenticator;
import java.io.Serializable;
import java.util.Optional;

/**
 * An enrolled authenticator as pages show it. One of a type this module does not support (WebAuthn, say) has no
 * {@linkplain #factor() factor}; show it as unsupported, do not offer to challenge it.
 *
 * @param id Auth0's authenticator id.
 * @param factor the factor, or {@code null} when it is not supported here.
 * @param type Auth0's {@code authenticator_type}.
 * @param name a display name (a masked phone number, an address, a device), or {@code null}; escape it.
 * @serial exclude
 * @since 0.1
 */
public record MfaAuthenticator(String id, Factor factor, String type, String name) implements Serializable {

    private static final long serialVersionUID = 1L;

    static MfaAuthenticator of(Authenticator authenticator) {
        return new MfaAuthenticator(authenticator.id(), Factor.ofListed(authenticator.authenticatorType(), authenticator.channel()).orElse(null),
                authenticator.authenticatorType(), authenticator.name());
    }

    /**
     * Returns the factor of this authenticator.
     *
     * @return the factor, or empty when this module cannot challenge it.
     */
    public Optional<Factor> supportedFactor() {
        return Optional.ofNullable(factor);
    }
}
