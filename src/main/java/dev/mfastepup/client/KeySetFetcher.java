package dev.mfastepup.client;

import com.nimbusds.jose.jwk.JWKSet;
import java.text.ParseException;

/**
 * Fetches the public keys a tenant signs its ID tokens with ({@code GET /.well-known/jwks.json}), through the same
 * guarded calls as every other call. Private key parameters, if any were published by mistake, are dropped.
 */
final class KeySetFetcher {

    private static final String OPERATION = "GET /.well-known/jwks.json";

    private final TenantRestClients clients;
    private final GuardedCalls calls;

    KeySetFetcher(TenantRestClients clients, GuardedCalls calls) {
        this.clients = clients;
        this.calls = calls;
    }

    /** The tenant's public key set; {@code idp_bad_response} for an answer that is not one. */
    JWKSet keySet(String domain) {
        String body = calls.call(domain, "GET", Auth0Call.KEY_SET, OPERATION, () -> clients.api(domain).jwks());
        if (body == null || body.isBlank()) {
            throw IdpFailures.badResponse(OPERATION, "no key set");
        }
        try {
            return JWKSet.parse(body).toPublicJWKSet();
        } catch (ParseException | RuntimeException malformed) {
            throw IdpFailures.badResponse(OPERATION, "a key set that cannot be read", malformed);
        }
    }
}
