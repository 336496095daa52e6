package dev.mfastepup.emulator;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * {@code /authorize}: the emulator's Universal Login, its login page and second-factor step, over the login
 * session of the {@value SsoCookie#NAME} cookie. The logic is {@link UniversalLogin}; the authorization parameters
 * ({@link AuthorizeRequest#CARRIED}) travel in hidden fields from page to page.
 */
@Path("/authorize")
public class AuthorizeResource {

    @Inject
    Tenant tenant;

    @Context
    UriInfo uriInfo;

    @Context
    HttpHeaders headers;

    /**
     * Answers an authorization request from the session, or with the login page or the second-factor step.
     *
     * @param cookie the session cookie, if the browser has one.
     * @return a page, or a redirect to the client with a code or an error.
     */
    @GET
    public Response authorize(@CookieParam(SsoCookie.NAME) String cookie) {
        MultivaluedMap<String, String> query = uriInfo.getQueryParameters();
        // A page answered at /authorize/ (trailing slash) sits one level lower, like those answered to the posts.
        String formBase = uriInfo.getPath().endsWith("/") ? "" : "authorize/";
        return answer(tenant.universalLogin().authorize(AuthorizeRequest.of(query::getFirst), cookie, formBase));
    }

    /**
     * Checks the password, starts a session and goes on to the second-factor step or back to the client.
     *
     * @param cookie the session cookie, if the browser has one; that session ends.
     * @param form the carried parameters, {@code username} and {@code password}.
     * @return a redirect, the second-factor step, or the login page again with an error.
     */
    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response login(@CookieParam(SsoCookie.NAME) String cookie, MultivaluedMap<String, String> form) {
        return answer(tenant.universalLogin().login(AuthorizeRequest.of(form::getFirst), cookie,
                form.getFirst("username"), form.getFirst("password"), ""));
    }

    /**
     * Checks the code of the session user's authenticator app.
     *
     * @param cookie the session cookie.
     * @param form the carried parameters and {@code otp}.
     * @return a redirect with a code, or the step again with an error.
     */
    @POST
    @Path("otp")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response otp(@CookieParam(SsoCookie.NAME) String cookie, MultivaluedMap<String, String> form) {
        return answer(tenant.universalLogin().otp(AuthorizeRequest.of(form::getFirst), cookie,
                form.getFirst("otp"), ""));
    }

    /**
     * Plays the session user's security key: the post stands for the key's assertion.
     *
     * @param cookie the session cookie.
     * @param form the carried parameters.
     * @return a redirect with a code, or the step again with an error.
     */
    @POST
    @Path("security-key")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response securityKey(@CookieParam(SsoCookie.NAME) String cookie, MultivaluedMap<String, String> form) {
        return answer(tenant.universalLogin().securityKey(AuthorizeRequest.of(form::getFirst), cookie, ""));
    }

    private Response answer(LoginOutcome outcome) {
        Response.ResponseBuilder response = outcome.location() != null
                ? Response.status(302).location(outcome.location())
                : Response.status(outcome.status()).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                        .entity(outcome.page());
        response.header("Cache-Control", "no-store");
        if (outcome.newSessionId() != null) {
            response.header(HttpHeaders.SET_COOKIE, SsoCookie.set(outcome.newSessionId(),
                    tenant.issuer(uriInfo, headers).startsWith("https:")));
        }
        return response.build();
    }
}
