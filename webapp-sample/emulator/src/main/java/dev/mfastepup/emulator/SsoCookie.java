package dev.mfastepup.emulator;

/**
 * The {@code Set-Cookie} values of the login session's cookie. Written by hand so that {@code SameSite}, which not
 * every JAX-RS version models, is always there: {@code Lax} lets the browser send it on the top-level redirect from
 * the application to {@code /authorize}, and on the login pages' own posts, but not on other sites' posts.
 */
public final class SsoCookie {

    /** The cookie's name. */
    public static final String NAME = "emulator_sso";

    private SsoCookie() {
    }

    /**
     * Returns the header value that sets the cookie for the browser's session.
     *
     * @param sessionId the session's id.
     * @param secure whether the issuer is https, so that the cookie goes over https only.
     * @return the {@code Set-Cookie} value.
     */
    public static String set(String sessionId, boolean secure) {
        return NAME + "=" + sessionId + "; Path=/; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "");
    }

    /**
     * Returns the header value that removes the cookie.
     *
     * @param secure whether the issuer is https.
     * @return the {@code Set-Cookie} value.
     */
    public static String clear(boolean secure) {
        return NAME + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "");
    }
}
