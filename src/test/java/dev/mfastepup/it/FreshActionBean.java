package dev.mfastepup.it;

import dev.mfastepup.freshness.FreshSecondFactor;
import jakarta.enterprise.context.ApplicationScoped;

/** An action of the test application that wants a second factor from the last minute. */
@ApplicationScoped
public class FreshActionBean {

    /**
     * Does the action.
     *
     * @return what was done.
     */
    @FreshSecondFactor(maxAgeSeconds = 60, audience = ReportsServlet.AUDIENCE, scope = "read:reports")
    public String approve() {
        return "approved";
    }
}
