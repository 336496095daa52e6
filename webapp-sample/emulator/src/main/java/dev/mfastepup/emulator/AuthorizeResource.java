package dev.mfastepup.emulator;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /authorize}: the login page of the authorization-code flow. It keeps no session, so every request shows
 * the page; the authorization parameters travel in hidden fields to {@code POST /authorize/login}.
 */
@Path("/authorize")
public class AuthorizeResource {

    private static final String[] CARRIED = {"response_type", "client_id", "redirect_uri", "scope", "state", "nonce",
        "code_challenge", "code_challenge_method", "audience"};

    @Inject
    Tenant tenant;

    /**
     * Shows the login page.
     *
     * @param responseType must be {@code code}.
     * @param clientId the client.
     * @param redirectUri where the code goes; any http(s) URL for the demo client.
     * @param scope the scope.
     * @param state the client's state.
     * @param nonce the nonce for the ID token.
     * @param codeChallenge the PKCE challenge.
     * @param codeChallengeMethod the PKCE method.
     * @param audience the API audience.
     * @return the page, an error page, or a redirect with an error.
     */
    @GET
    public Response authorize(@QueryParam("response_type") String responseType,
            @QueryParam("client_id") String clientId, @QueryParam("redirect_uri") String redirectUri,
            @QueryParam("scope") String scope, @QueryParam("state") String state, @QueryParam("nonce") String nonce,
            @QueryParam("code_challenge") String codeChallenge,
            @QueryParam("code_challenge_method") String codeChallengeMethod,
            @QueryParam("audience") String audience) {
        Map<String, String> params = params(responseType, clientId, redirectUri, scope, state, nonce, codeChallenge,
                codeChallengeMethod, audience);
        Response refused = refuse(params);
        return refused != null ? refused : Responses.html(200, loginPage(params, null));
    }

    /**
     * Checks the login and sends the browser back with a code.
     *
     * @param responseType carried.
     * @param clientId carried.
     * @param redirectUri carried.
     * @param scope carried.
     * @param state carried.
     * @param nonce carried.
     * @param codeChallenge carried.
     * @param codeChallengeMethod carried.
     * @param audience carried.
     * @param username the login.
     * @param password the password.
     * @return a redirect to the client, or the page again with an error.
     */
    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response login(@FormParam("response_type") String responseType, @FormParam("client_id") String clientId,
            @FormParam("redirect_uri") String redirectUri, @FormParam("scope") String scope,
            @FormParam("state") String state, @FormParam("nonce") String nonce,
            @FormParam("code_challenge") String codeChallenge,
            @FormParam("code_challenge_method") String codeChallengeMethod,
            @FormParam("audience") String audience, @FormParam("username") String username,
            @FormParam("password") String password) {
        Map<String, String> params = params(responseType, clientId, redirectUri, scope, state, nonce, codeChallenge,
                codeChallengeMethod, audience);
        Response refused = refuse(params);
        if (refused != null) {
            return refused;
        }
        boolean valid = tenant.state().user(username).map(a -> a.user().password().equals(password)).orElse(false);
        if (!valid) {
            return Responses.html(401, loginPage(params, "Wrong username or password."));
        }
        String code = tenant.tokenEndpoint().newCode(username, clientId, redirectUri,
                scope == null || scope.isBlank() ? "openid" : scope, audience, nonce, codeChallenge,
                codeChallengeMethod, new LoginFacts(java.time.Instant.now(), false, false));
        return Response.status(302).location(Responses.withQuery(redirectUri, "code", code, "state", state)).build();
    }

    private static Map<String, String> params(String... values) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < CARRIED.length; i++) {
            params.put(CARRIED[i], values[i]);
        }
        return params;
    }

    /** Returns the error answer for a request that cannot be served, or {@code null}. */
    private Response refuse(Map<String, String> params) {
        if (!tenant.clients().knows(params.get("client_id"))) {
            return Responses.html(400, Html.page("Error", "<h1>Unknown client</h1><p class=\"error\">client_id "
                    + Html.escape(params.get("client_id")) + " is not registered in this emulator.</p>", ""));
        }
        String redirectUri = params.get("redirect_uri");
        if (!isWebUrl(redirectUri)) {
            // Never redirect to an address that was not checked; an error page instead.
            return Responses.html(400, Html.page("Error",
                    "<h1>Invalid redirect_uri</h1><p class=\"error\">An http or https URL is required.</p>", ""));
        }
        if (!"code".equals(params.get("response_type"))) {
            return Response.status(302).location(Responses.withQuery(redirectUri, "error",
                    "unsupported_response_type", "state", params.get("state"))).build();
        }
        return null;
    }

    /**
     * Tells whether a text is an absolute http or https URL, the only redirect targets the demo client may use.
     *
     * @param text the text.
     * @return whether it is one.
     */
    static boolean isWebUrl(String text) {
        if (text == null || text.isBlank()) {
            return false;
        }
        try {
            URI uri = URI.create(text);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private String loginPage(Map<String, String> params, String error) {
        StringBuilder body = new StringBuilder("<h1>Log in to the Auth0 emulator</h1>");
        if (error != null) {
            body.append("<p class=\"error\">").append(Html.escape(error)).append("</p>");
        }
        body.append("<form method=\"post\" action=\"authorize/login\">");
        params.forEach((name, value) -> body.append(Html.hidden(name, value)));
        body.append("<p><label>Username<br><input name=\"username\" id=\"username\" autocomplete=\"username\" "
                + "autofocus required></label></p><p><label>Password<br><input name=\"password\" id=\"password\" "
                + "type=\"password\" autocomplete=\"current-password\" required></label></p>"
                + "<p><button type=\"submit\" id=\"login\">Log in</button></p></form>");
        body.append("<h2>Demo users</h2><table><tr><th>Username</th><th>Password</th><th>E-mail</th></tr>");
        // The configured demo users only: a load test adds thousands more through the test hooks.
        for (DemoUser user : tenant.settings().users()) {
            body.append("<tr><td>").append(Html.escape(user.username())).append("</td><td>")
                    .append(Html.escape(user.password())).append("</td><td>").append(Html.escape(user.email()))
                    .append("</td></tr>");
        }
        body.append("</table><p class=\"note\">This is an emulator of an Auth0 tenant for demos and tests; "
                + "its users and secrets are public demo values.</p>");
        return Html.page("Log in", body.toString(), "");
    }
}
