package dev.mfastepup.emulator;

import java.util.List;
import java.util.Set;

/**
 * The HTML of the emulator's Universal Login: the login page, the second-factor step and their error pages. The
 * element ids are stable, for browser tests: {@code username}, {@code password}, {@code login}, {@code login-error};
 * {@code mfa-step}, {@code otp-code}, {@code verify-otp}, {@code use-security-key}, {@code mfa-error};
 * {@code no-factor}.
 *
 * <p>The forms' actions are relative, so that they reach the emulator however a proxy maps it: {@code formBase} is
 * {@code authorize/} on a page answered at {@code /authorize} and empty on one answered below it.
 */
public final class LoginPages {

    private final List<DemoUser> demoUsers;

    /**
     * Creates the pages.
     *
     * @param demoUsers the configured demo users, listed on the login page.
     */
    public LoginPages(List<DemoUser> demoUsers) {
        this.demoUsers = List.copyOf(demoUsers);
    }

    /**
     * Returns the login page.
     *
     * @param request the authorization request, carried in hidden fields.
     * @param formBase the forms' action prefix.
     * @param username the username to fill in, or {@code null}.
     * @param error the error to show, or {@code null}.
     * @return the page.
     */
    public String login(AuthorizeRequest request, String formBase, String username, String error) {
        StringBuilder body = new StringBuilder("<h1>Log in to the Auth0 emulator</h1>");
        if (error != null) {
            body.append("<p class=\"error\" id=\"login-error\">").append(Html.escape(error)).append("</p>");
        }
        body.append("<form method=\"post\" action=\"").append(formBase).append("login\">");
        request.params().forEach((name, value) -> body.append(Html.hidden(name, value)));
        boolean known = username != null && !username.isBlank();
        body.append("<p><label>Username<br><input name=\"username\" id=\"username\" autocomplete=\"username\"")
                .append(known ? " value=\"" + Html.escape(username) + "\"" : " autofocus")
                .append(" required></label></p><p><label>Password<br><input name=\"password\" id=\"password\" ")
                .append("type=\"password\" autocomplete=\"current-password\"").append(known ? " autofocus" : "")
                .append(" required></label></p><p><button type=\"submit\" id=\"login\">Log in</button></p></form>");
        body.append("<h2>Demo users</h2><table><tr><th>Username</th><th>Password</th><th>E-mail</th></tr>");
        // The configured demo users only: a load test adds thousands more through the test hooks.
        for (DemoUser user : demoUsers) {
            body.append("<tr><td>").append(Html.escape(user.username())).append("</td><td>")
                    .append(Html.escape(user.password())).append("</td><td>").append(Html.escape(user.email()))
                    .append("</td></tr>");
        }
        body.append("</table><p class=\"note\">This is an emulator of an Auth0 tenant for demos and tests; "
                + "its users and secrets are public demo values.</p>");
        return Html.page("Log in", body.toString(), "");
    }

    /**
     * Returns the second-factor step.
     *
     * @param request the authorization request, carried in hidden fields.
     * @param formBase the forms' action prefix.
     * @param username the session's user.
     * @param usable the kinds to offer, not empty.
     * @param error the error to show, or {@code null}.
     * @return the page.
     */
    public String secondFactor(AuthorizeRequest request, String formBase, String username, Set<FactorKind> usable,
            String error) {
        StringBuilder body = new StringBuilder("<h1 id=\"mfa-step\">Verify your identity</h1><p>")
                .append(Html.escape(username)).append(", this login needs a second factor.</p>");
        if (error != null) {
            body.append("<p class=\"error\" id=\"mfa-error\">").append(Html.escape(error)).append("</p>");
        }
        if (usable.contains(FactorKind.OTP)) {
            body.append("<form method=\"post\" action=\"").append(formBase).append("otp\">");
            request.params().forEach((name, value) -> body.append(Html.hidden(name, value)));
            body.append("<p><label>Code from your authenticator app<br><input name=\"otp\" id=\"otp-code\" "
                    + "inputmode=\"numeric\" autocomplete=\"one-time-code\" maxlength=\"6\" autofocus required>"
                    + "</label></p><p><button type=\"submit\" id=\"verify-otp\">Verify</button></p></form>");
        }
        if (usable.contains(FactorKind.WEBAUTHN_ROAMING)) {
            body.append("<form method=\"post\" action=\"").append(formBase).append("security-key\">");
            request.params().forEach((name, value) -> body.append(Html.hidden(name, value)));
            body.append("<p>Security key</p><p><button type=\"submit\" id=\"use-security-key\">Use your security key"
                    + "</button></p><p class=\"note\">The emulator plays the key: pressing the button counts as "
                    + "the key's answer.</p></form>");
        }
        return Html.page("Verify your identity", body.toString(), "");
    }

    /**
     * Returns the page for a user whom the step cannot verify. Auth0 would offer to enroll a factor; the emulator
     * does not enroll in Universal Login.
     *
     * @param username the session's user.
     * @param enrolledElsewhere whether the user has confirmed authenticators, none of a kind this step can use.
     * @return the page.
     */
    public String noUsableFactor(String username, boolean enrolledElsewhere) {
        String why = enrolledElsewhere
                ? " has no second factor this page can use: the emulator's Universal Login takes codes of an "
                        + "authenticator app and security keys only."
                : " has no second factor enrolled.";
        return Html.page("Multi-factor authentication required", "<h1>Multi-factor authentication required</h1>"
                + "<p class=\"error\" id=\"no-factor\">This login needs a second factor, but " + Html.escape(username)
                + why + "</p><p class=\"note\">Auth0 would offer to enroll one here; the emulator does not.</p>", "");
    }

    /**
     * Returns the page for a request that cannot be sent back to its client.
     *
     * @param title the heading.
     * @param message what is wrong.
     * @return the page.
     */
    public static String error(String title, String message) {
        return Html.page("Error", "<h1>" + Html.escape(title) + "</h1><p class=\"error\">" + Html.escape(message)
                + "</p>", "");
    }
}
