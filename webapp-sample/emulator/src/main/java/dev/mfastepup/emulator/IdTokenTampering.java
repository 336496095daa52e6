package dev.mfastepup.emulator;

import java.time.Instant;
import java.util.Map;

/**
 * Changes the test hooks ask for in the next ID token of the authorization-code grant, so that a client's tests can
 * show it refuses a token that lies about the login: without {@code amr} and {@code acr} though a second factor was
 * done, with an old {@code auth_time}, or with another {@code nonce}. Each change applies once, to the next such ID
 * token, and is then forgotten. Guarded by the lock of {@link TenantState}; Auth0 has nothing like it.
 */
public final class IdTokenTampering {

    private boolean omitMultiFactor;
    private Long authTimeSecondsAgo;
    private String nonce;

    /** The next ID token carries neither {@code amr} nor {@code acr}. */
    public void omitMultiFactor() {
        omitMultiFactor = true;
    }

    /**
     * The next ID token's {@code auth_time} is this long before the token is issued.
     *
     * @param seconds the seconds, not negative.
     */
    public void authTimeSecondsAgo(long seconds) {
        authTimeSecondsAgo = seconds;
    }

    /**
     * The next ID token carries this {@code nonce}, whatever the request's was.
     *
     * @param value the nonce.
     */
    public void nonce(String value) {
        nonce = value;
    }

    /** Forgets every pending change. */
    public void clear() {
        omitMultiFactor = false;
        authTimeSecondsAgo = null;
        nonce = null;
    }

    /**
     * Applies the pending changes to an ID token's claims and forgets them.
     *
     * @param claims the claims of {@link LoginClaims}, changed in place.
     * @param now when the token is issued.
     */
    public void applyOnce(Map<String, Object> claims, Instant now) {
        if (omitMultiFactor) {
            claims.remove("amr");
            claims.remove("acr");
        }
        if (authTimeSecondsAgo != null) {
            claims.put("auth_time", now.getEpochSecond() - authTimeSecondsAgo);
        }
        if (nonce != null) {
            claims.put("nonce", nonce);
        }
        clear();
    }
}
