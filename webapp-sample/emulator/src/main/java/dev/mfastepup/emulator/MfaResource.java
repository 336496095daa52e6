package dev.mfastepup.emulator;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;

/**
 * Auth0's MFA API: {@code /mfa/authenticators}, {@code /mfa/associate} and {@code /mfa/challenge}.
 */
@Path("/mfa")
public class MfaResource {

    @Inject
    Tenant tenant;

    @Context
    UriInfo uriInfo;

    @Context
    HttpHeaders headers;

    /**
     * Lists the user's authenticators.
     *
     * @param authorization {@code Bearer <mfa_token>}.
     * @return the list.
     */
    @GET
    @Path("authenticators")
    public Response list(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return Responses.json(tenant.mfa().list(Responses.bearer(authorization)));
    }

    /**
     * Deletes an authenticator.
     *
     * @param authorization {@code Bearer <mfa_token>}, or an access token of the MFA API's audience.
     * @param id the authenticator id.
     * @return 204.
     */
    @DELETE
    @Path("authenticators/{id}")
    public Response delete(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") String id) {
        tenant.removal().delete(tenant.issuer(uriInfo, headers), Responses.bearer(authorization), id);
        return Response.noContent().build();
    }

    /**
     * Starts an enrollment.
     *
     * @param authorization {@code Bearer <mfa_token>}.
     * @param body {@code authenticator_types}, {@code oob_channels}, {@code phone_number}, {@code email}.
     * @return the enrollment.
     */
    @POST
    @Path("associate")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response associate(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, Map<String, Object> body) {
        String token = Responses.bearer(authorization);
        Map<String, Object> request = body == null ? Map.of() : body;
        return Responses.json(tenant.mfa().associate(tenant.issuer(uriInfo, headers), token,
                strings(request.get("authenticator_types")), strings(request.get("oob_channels")),
                string(request.get("phone_number")), string(request.get("email"))));
    }

    /**
     * Sends a challenge; the client authenticates in the body.
     *
     * @param body {@code mfa_token}, {@code client_id}, {@code client_secret}, {@code challenge_type},
     *        {@code authenticator_id}.
     * @return the challenge.
     */
    @POST
    @Path("challenge")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response challenge(Map<String, Object> body) {
        Map<String, Object> request = body == null ? Map.of() : body;
        tenant.clients().authenticate(null, string(request.get("client_id")), string(request.get("client_secret")));
        return Responses.json(tenant.mfa().challenge(string(request.get("mfa_token")),
                string(request.get("challenge_type")), string(request.get("authenticator_id"))));
    }

    private static String string(Object value) {
        return value instanceof String text ? text : null;
    }

    private static List<String> strings(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().filter(String.class::isInstance).map(String.class::cast).toList();
        }
        return value instanceof String text ? List.of(text) : null;
    }
}
