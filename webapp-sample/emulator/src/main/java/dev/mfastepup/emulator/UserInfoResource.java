package dev.mfastepup.emulator;

import com.nimbusds.jwt.JWTClaimsSet;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /userinfo}: the profile of the user an access token was issued to.
 */
@Path("/userinfo")
public class UserInfoResource {

    @Inject
    Tenant tenant;

    /**
     * Answers with the user's claims.
     *
     * @param authorization {@code Bearer <access token>}.
     * @return the claims, or 401.
     */
    @GET
    public Response userinfo(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        String token = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim() : null;
        JWTClaimsSet claims = token == null ? null
                : tenant.tokenIssuer().verify(token, Instant.now()).orElse(null);
        UserAccount account = claims == null ? null : tenant.state().users().stream()
                .filter(a -> a.user().sub().equals(claims.getSubject())).findFirst().orElse(null);
        if (account == null) {
            return Response.status(401).header(HttpHeaders.WWW_AUTHENTICATE,
                    "Bearer error=\"invalid_token\", error_description=\"Invalid access token\"")
                    .entity("Unauthorized").build();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sub", account.user().sub());
        body.put("name", account.user().name());
        body.put("nickname", account.user().username());
        body.put("preferred_username", account.user().username());
        body.put("email", account.user().email());
        body.put("email_verified", true);
        return Responses.json(body);
    }
}
