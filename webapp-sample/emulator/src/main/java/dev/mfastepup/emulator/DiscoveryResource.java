package dev.mfastepup.emulator;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OpenID Connect discovery and the JWKS, which Jakarta Security's OpenID Connect mechanism reads first.
 */
@Path("/.well-known")
public class DiscoveryResource {

    @Inject
    Tenant tenant;

    @Context
    UriInfo uriInfo;

    @Context
    HttpHeaders headers;

    /**
     * The discovery document.
     *
     * @return the provider metadata.
     */
    @GET
    @Path("openid-configuration")
    public Response configuration() {
        String issuer = tenant.issuer(uriInfo, headers);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("issuer", issuer);
        body.put("authorization_endpoint", issuer + "authorize");
        body.put("token_endpoint", issuer + "oauth/token");
        body.put("userinfo_endpoint", issuer + "userinfo");
        body.put("jwks_uri", issuer + ".well-known/jwks.json");
        body.put("end_session_endpoint", issuer + "v2/logout");
        body.put("mfa_challenge_endpoint", issuer + "mfa/challenge");
        body.put("response_types_supported", List.of("code"));
        body.put("response_modes_supported", List.of("query"));
        body.put("subject_types_supported", List.of("public"));
        body.put("id_token_signing_alg_values_supported", List.of("RS256"));
        body.put("scopes_supported", List.of("openid", "profile", "email", "offline_access"));
        body.put("claims_supported", List.of("aud", "auth_time", "email", "email_verified", "exp", "iat", "iss",
                "name", "nickname", "preferred_username", "sub", "nonce"));
        body.put("code_challenge_methods_supported", List.of("S256", "plain"));
        body.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
        body.put("grant_types_supported", List.of("authorization_code", "refresh_token", "password",
                TokenEndpoint.GRANT_MFA_OTP, TokenEndpoint.GRANT_MFA_OOB, TokenEndpoint.GRANT_MFA_RECOVERY_CODE));
        return Response.ok(body, jakarta.ws.rs.core.MediaType.APPLICATION_JSON_TYPE).build();
    }

    /**
     * The signing key.
     *
     * @return the JWKS.
     */
    @GET
    @Path("jwks.json")
    public Response jwks() {
        return Response.ok(tenant.tokenIssuer().jwks(), jakarta.ws.rs.core.MediaType.APPLICATION_JSON_TYPE).build();
    }
}
