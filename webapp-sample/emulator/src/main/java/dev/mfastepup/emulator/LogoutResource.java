package dev.mfastepup.emulator;

import jakarta.inject.Inject;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * {@code GET /v2/logout}: ends the login session of Universal Login, as Auth0 does, so that the next
 * {@code /authorize} asks for the password again; then sends the browser back.
 */
@Path("/v2/logout")
public class LogoutResource {

    @Inject
    Tenant tenant;

    @Context
    UriInfo uriInfo;

    @Context
    HttpHeaders headers;

    /**
     * Ends the session and removes its cookie, then sends the browser to {@code returnTo} (Auth0's parameter) or
     * {@code post_logout_redirect_uri} (OpenID Connect's), or shows a page.
     *
     * @param cookie the session cookie, if the browser has one.
     * @param returnTo Auth0's return address.
     * @param postLogoutRedirectUri the OpenID Connect return address.
     * @param state the OpenID Connect state, echoed.
     * @return a redirect or a page.
     */
    @GET
    public Response logout(@CookieParam(SsoCookie.NAME) String cookie, @QueryParam("returnTo") String returnTo,
            @QueryParam("post_logout_redirect_uri") String postLogoutRedirectUri, @QueryParam("state") String state) {
        tenant.ssoSessions().end(cookie);
        Response.ResponseBuilder response;
        if (AuthorizeRequest.isWebUrl(returnTo)) {
            response = Response.status(302).location(java.net.URI.create(returnTo));
        } else if (AuthorizeRequest.isWebUrl(postLogoutRedirectUri)) {
            response = Response.status(302).location(Responses.withQuery(postLogoutRedirectUri, "state", state));
        } else {
            response = Response.fromResponse(Responses.html(200, Html.page("Logged out",
                    "<h1>You are logged out</h1>", "")));
        }
        return response.header(HttpHeaders.SET_COOKIE, SsoCookie.clear(tenant.issuer(uriInfo, headers)
                .startsWith("https:"))).build();
    }
}
