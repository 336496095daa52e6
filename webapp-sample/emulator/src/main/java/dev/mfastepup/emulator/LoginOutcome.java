package dev.mfastepup.emulator;

import java.net.URI;

/**
 * What a step of Universal Login answers, before it becomes an HTTP response: a page, or a redirect to the client,
 * and possibly a new login session whose cookie the browser must get.
 *
 * @param status the HTTP status: 302 for a redirect.
 * @param page the HTML page, or {@code null} for a redirect.
 * @param location where a redirect goes, or {@code null} for a page.
 * @param newSessionId the id of a session just started, for the cookie, or {@code null}.
 */
public record LoginOutcome(int status, String page, URI location, String newSessionId) {

    /**
     * Returns a page.
     *
     * @param status the HTTP status.
     * @param page the HTML.
     * @return the outcome.
     */
    public static LoginOutcome page(int status, String page) {
        return new LoginOutcome(status, page, null, null);
    }

    /**
     * Returns a redirect.
     *
     * @param location where it goes.
     * @return the outcome.
     */
    public static LoginOutcome redirect(URI location) {
        return new LoginOutcome(302, null, location, null);
    }

    /**
     * Returns the same answer with a session whose cookie is to be set.
     *
     * @param sessionId the session's id.
     * @return the outcome.
     */
    public LoginOutcome withSession(String sessionId) {
        return new LoginOutcome(status, page, location, sessionId);
    }
}
