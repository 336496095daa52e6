package dev.mfastepup.emulator;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * {@code POST /oauth/token}: every grant, form-encoded.
 */
@Path("/oauth/token")
public class TokenResource {

    @Inject
    Tenant tenant;

    @Context
    UriInfo uriInfo;

    @Context
    HttpHeaders headers;

    @Context
    HttpServletRequest request;

    /**
     * Answers a token request.
     *
     * @param authorization the {@code Authorization} header, for {@code client_secret_basic}.
     * @param form the form.
     * @return the tokens; errors go through {@link OAuthErrorMapper}.
     */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response token(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            MultivaluedMap<String, String> form) {
        request.setAttribute(TimingFilter.DETAIL_ATTRIBUTE, TokenEndpoint.grantName(form.getFirst("grant_type")));
        return Responses.json(tenant.tokenEndpoint().token(tenant.issuer(uriInfo, headers), authorization,
                form::getFirst));
    }
}
