package dev.mfastepup.config;

import java.util.Optional;

/**
 * How Auth0 signs this application's ID tokens, set with {@value MfaStepUpConfigReader#KEY_ID_TOKEN_SIGNING} to
 * match the application's "JSON Web Token Signature Algorithm" at Auth0 (Settings, Advanced, OAuth).
 *
 * <p>The module checks the ID token of every step-up (SEC-11) and accepts only the algorithms named here, never
 * the one a token's header asks for: a token signed the other way is refused, as a forgery would be.
 *
 * @since 0.1
 */
public enum IdTokenSigning {

    /** RS256 (or PS256), by a key of the tenant's published JWKS. Auth0's default, and the module's. */
    RS256,

    /**
     * HS256, with the client secret as the key (OpenID Connect Core §10.1). Needs
     * {@value MfaStepUpConfigReader#KEY_CLIENT_SECRET} of at least 32 bytes: the deployment fails without it.
     */
    HS256;

    /**
     * Reads a configured value.
     *
     * @param value {@code RS256} or {@code HS256}, in any case.
     * @return the signing, or empty for any other value.
     */
    public static Optional<IdTokenSigning> of(String value) {
        return EnumSetting.named(values(), value);
    }
}
