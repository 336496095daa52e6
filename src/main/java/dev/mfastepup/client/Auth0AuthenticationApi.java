package dev.mfastepup.client;

import dev.mfastepup.client.model.AssociateRequest;
import dev.mfastepup.client.model.Authenticator;
import dev.mfastepup.client.model.ChallengeRequest;
import dev.mfastepup.client.model.ChallengeResponse;
import dev.mfastepup.client.model.EnrollmentResponse;
import dev.mfastepup.client.model.TokenResponse;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * The MicroProfile Rest Client interface of the Auth0 endpoints that MFA step-up uses, exactly as Auth0's server
 * SDKs call them. {@link Auth0Client} builds one per tenant base URL, with timeouts, the error mapper and the
 * body guard registered; use that class, not this interface.
 *
 * <p>Any answer other than 2xx becomes an exception in {@link Auth0ErrorMapper}; the paths are relative to
 * {@code https://{domain}/}.
 *
 * @since 0.1
 */
@Path("/")
public interface Auth0AuthenticationApi {

    /**
     * {@code POST /oauth/token}: the {@code mfa-otp}, {@code mfa-oob} and {@code mfa-recovery-code} grants, form
     * encoded, with the client authenticating in the body.
     *
     * @param form the grant parameters.
     * @return the tokens.
     */
    @POST
    @Path("oauth/token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    TokenResponse token(Form form);

    /**
     * {@code POST /oauth/token} with HTTP Basic client authentication: the refresh-token grant of a confidential
     * client, as Auth0's Python SDK sends it.
     *
     * @param authorization {@code Basic base64(client_id:client_secret)}.
     * @param form the grant parameters.
     * @return the tokens.
     */
    @POST
    @Path("oauth/token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    TokenResponse token(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, Form form);

    /**
     * {@code GET /mfa/authenticators}.
     *
     * @param bearer {@code Bearer <mfa_token>}.
     * @return the user's authenticators, possibly none.
     */
    @GET
    @Path("mfa/authenticators")
    @Produces(MediaType.APPLICATION_JSON)
    List<Authenticator> listAuthenticators(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer);

    /**
     * {@code GET /.well-known/jwks.json}: the public keys the tenant signs its ID tokens with.
     *
     * @return the JSON Web Key Set, as Auth0 sent it.
     */
    @GET
    @Path(".well-known/jwks.json")
    @Produces(MediaType.APPLICATION_JSON)
    String jwks();

    /**
     * {@code POST /mfa/associate}.
     *
     * @param bearer {@code Bearer <mfa_token>}.
     * @param request the factor to enroll.
     * @return what the user needs to confirm the enrollment.
     */
    @POST
    @Path("mfa/associate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    EnrollmentResponse associate(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, AssociateRequest request);

    /**
     * {@code POST /mfa/challenge}; the client authenticates in the body.
     *
     * @param request the challenge.
     * @return the challenge type and, out of band, the code that identifies the transaction.
     */
    @POST
    @Path("mfa/challenge")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    ChallengeResponse challenge(ChallengeRequest request);

    /**
     * {@code DELETE /mfa/authenticators/{id}}; the id is percent-encoded ({@code totp|dev_1} becomes
     * {@code totp%7Cdev_1}).
     *
     * @param bearer {@code Bearer <token>}.
     * @param authenticatorId the authenticator to delete.
     */
    @DELETE
    @Path("mfa/authenticators/{id}")
    void deleteAuthenticator(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer,
            @PathParam("id") String authenticatorId);
}
