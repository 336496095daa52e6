package dev.mfastepup.emulator;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /v2/logout}. The emulator keeps no login session (every {@code /authorize} shows the login page), so
 * logging out only sends the browser back.
 */
@Path("/v2/logout")
public class LogoutResource {

    /**
     * Sends the browser to {@code returnTo} (Auth0's parameter) or {@code post_logout_redirect_uri} (OpenID
     * Connect's), or shows a page.
     *
     * @param returnTo Auth0's return address.
     * @param postLogoutRedirectUri the OpenID Connect return address.
     * @param state the OpenID Connect state, echoed.
     * @return a redirect or a page.
     */
    @GET
    public Response logout(@QueryParam("returnTo") String returnTo,
            @QueryParam("post_logout_redirect_uri") String postLogoutRedirectUri, @QueryParam("state") String state) {
        if (AuthorizeResource.isWebUrl(returnTo)) {
            return Response.status(302).location(java.net.URI.create(returnTo)).build();
        }
        if (AuthorizeResource.isWebUrl(postLogoutRedirectUri)) {
            return Response.status(302).location(Responses.withQuery(postLogoutRedirectUri, "state", state)).build();
        }
        return Responses.html(200, Html.page("Logged out", "<h1>You are logged out</h1>", ""));
    }
}
