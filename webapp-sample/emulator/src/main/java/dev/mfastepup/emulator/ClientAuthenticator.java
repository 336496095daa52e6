package dev.mfastepup.emulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Authenticates the demo client by HTTP Basic ({@code client_secret_basic}, parts form-encoded as RFC 6749 §2.3.1
 * says) or by {@code client_id} and {@code client_secret} in the body ({@code client_secret_post}).
 */
public final class ClientAuthenticator {

    private final EmulatorSettings settings;

    /**
     * Creates the authenticator.
     *
     * @param settings holds the client's id and secret.
     */
    public ClientAuthenticator(EmulatorSettings settings) {
        this.settings = settings;
    }

    /**
     * Authenticates a request.
     *
     * @param authorization the {@code Authorization} header, or {@code null}.
     * @param clientId the {@code client_id} of the body, or {@code null}.
     * @param clientSecret the {@code client_secret} of the body, or {@code null}.
     * @return the client id.
     * @throws OAuthError {@code invalid_client} (401).
     */
    public String authenticate(String authorization, String clientId, String clientSecret) {
        String id = clientId;
        String secret = clientSecret;
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String pair;
            try {
                pair = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw OAuthError.invalidClient();
            }
            int colon = pair.indexOf(':');
            if (colon < 0) {
                throw OAuthError.invalidClient();
            }
            String basicId = URLDecoder.decode(pair.substring(0, colon), StandardCharsets.UTF_8);
            if (id != null && !id.equals(basicId)) {
                throw OAuthError.invalidClient();
            }
            id = basicId;
            secret = URLDecoder.decode(pair.substring(colon + 1), StandardCharsets.UTF_8);
        }
        if (id == null || secret == null || !settings.clientId().equals(id)
                || !MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8),
                        settings.clientSecret().getBytes(StandardCharsets.UTF_8))) {
            throw OAuthError.invalidClient();
        }
        return id;
    }

    /**
     * Tells whether a client id is the demo client's, for {@code /authorize}.
     *
     * @param clientId the id.
     * @return whether it is known.
     */
    public boolean knows(String clientId) {
        return settings.clientId().equals(clientId);
    }
}
