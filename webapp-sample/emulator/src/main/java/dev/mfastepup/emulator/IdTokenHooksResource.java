package dev.mfastepup.emulator;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The test hook {@code POST /__test/next-id-token}, beside those of {@link TestHooksResource} and, like them, off
 * with {@code -Demulator.hooks=false}: it makes the next ID token of the authorization-code grant lie about the
 * login ({@link IdTokenTampering}), so that a client's tests can show it refuses such a token. The body names one
 * or more changes, each applied once:
 * <ul>
 * <li>{@code "omitAmrAcr": true}: no {@code amr} and no {@code acr}, though a second factor was done;</li>
 * <li>{@code "authTimeSecondsAgo": N}: an {@code auth_time} N seconds before the token is issued;</li>
 * <li>{@code "nonce": "..."}: this {@code nonce} instead of the request's.</li>
 * </ul>
 */
@Path("/__test/next-id-token")
public class IdTokenHooksResource {

    private static final Set<String> FIELDS = Set.of("omitAmrAcr", "authTimeSecondsAgo", "nonce");

    @Inject
    Tenant tenant;

    /**
     * Sets changes for the next ID token of the authorization-code grant.
     *
     * @param body {@code omitAmrAcr} ({@code true}), {@code authTimeSecondsAgo} (a whole number of seconds, not
     *        negative), {@code nonce} (a string that is not empty); at least one, nothing else.
     * @return 204, or 400 for a body that names no change, an unknown one or a malformed value.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response nextIdToken(Map<String, Object> body) {
        if (!tenant.settings().hooksEnabled()) {
            throw new NotFoundException();
        }
        set(tenant.state(), body);
        return Response.noContent().build();
    }

    /**
     * Checks a body and records its changes, all or none.
     *
     * @param state the tenant state.
     * @param body the JSON object, or {@code null}.
     * @throws OAuthError {@code invalid_request} (400) for a body that names no change, an unknown one or a
     *         malformed value.
     */
    static void set(TenantState state, Map<String, Object> body) {
        if (body == null || body.isEmpty() || !FIELDS.containsAll(body.keySet())
                || body.values().stream().anyMatch(Objects::isNull)) {
            throw OAuthError.invalidRequest("one or more of " + FIELDS + " is required, nothing else");
        }
        Object omit = body.get("omitAmrAcr");
        Object seconds = body.get("authTimeSecondsAgo");
        Object nonce = body.get("nonce");
        if ((omit != null && !Boolean.TRUE.equals(omit))
                || (seconds != null && !(seconds instanceof Number n && n.doubleValue() >= 0
                        && n.doubleValue() == Math.rint(n.doubleValue())))
                || (nonce != null && !(nonce instanceof String text && !text.isEmpty()))) {
            throw OAuthError.invalidRequest("omitAmrAcr must be true, authTimeSecondsAgo a whole number of seconds"
                    + " (0 or more), nonce a string that is not empty");
        }
        synchronized (state) {
            if (omit != null) {
                state.idTokenTampering().omitMultiFactor();
            }
            if (seconds != null) {
                state.idTokenTampering().authTimeSecondsAgo(((Number) seconds).longValue());
            }
            if (nonce != null) {
                state.idTokenTampering().nonce((String) nonce);
            }
        }
    }
}
