package dev.mfastepup.emulator;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Hooks for scripted tests, over HTTP; they exist only in the emulator, never in Auth0. Off with
 * {@code -Demulator.hooks=false}.
 * <ul>
 * <li>{@code POST /__test/reset}: the demo users with nothing enrolled, the default policy, no faults.</li>
 * <li>{@code GET /__test/inbox/{username}}: the codes sent to a user, newest first.</li>
 * <li>{@code POST /__test/push/{username}/approve|deny}: answers the newest pending push.</li>
 * <li>{@code POST /__test/expire-mfa-tokens}: every pending {@code mfa_token} expires now.</li>
 * <li>{@code POST /__test/policy}: {@code {"audience":..,"factors":0|1|2}}.</li>
 * <li>{@code POST /__test/tenant}: {@code {"mfaRequirements":true|false,"verifiedEmailsListed":true|false}}.</li>
 * <li>{@code POST /__test/faults}: {@code {"path":"/oauth/token","kind":"latency|status500|html|reset",
 * "millis":..,"times":..}}; {@code DELETE /__test/faults} removes them all.</li>
 * <li>{@code GET /__test/otp/{username}}: the code the user's OTP authenticator shows now.</li>
 * <li>{@code POST /__test/users}: {@code [{"username":..,"password":..,"otp_secret":"<base32>"},..]} adds users
 * with an authenticator app enrolled (for load tests).</li>
 * <li>{@code GET /__test/timings}: the time the emulator spent on its answers, per endpoint;
 * {@code DELETE /__test/timings} starts counting again.</li>
 * <li>{@code POST /__test/next-id-token}: changes to the next ID token of the authorization-code grant, in
 * {@link IdTokenHooksResource}.</li>
 * </ul>
 */
@Path("/__test")
public class TestHooksResource {

    private static final Set<String> FAULT_KINDS = Set.of("latency", "status500", "html", "reset");
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern BASE32_SECRET = Pattern.compile("[A-Z2-7]{16,128}");

    @Inject
    Tenant tenant;

    /**
     * Resets the tenant.
     *
     * @return 204.
     */
    @POST
    @Path("reset")
    public Response reset() {
        enabled();
        tenant.state().reset();
        return Response.noContent().build();
    }

    /**
     * Ends the life of every pending {@code mfa_token} now, as ten minutes would: the next MFA call with one
     * answers {@code expired_token}.
     *
     * @return 204.
     */
    @POST
    @Path("expire-mfa-tokens")
    public Response expireMfaTokens() {
        enabled();
        synchronized (tenant.state()) {
            tenant.state().mfaTransactions().replaceAll((token, transaction) -> new MfaTransaction(transaction.token(),
                    transaction.username(), transaction.clientId(), transaction.audience(), transaction.scope(),
                    transaction.remaining(), transaction.usedKinds(), Instant.EPOCH));
        }
        return Response.noContent().build();
    }

    /**
     * Reads a user's inbox.
     *
     * @param username the user.
     * @return the messages, newest first.
     */
    @GET
    @Path("inbox/{username}")
    public Response inbox(@PathParam("username") String username) {
        enabled();
        UserAccount account = tenant.state().user(username).orElseThrow(NotFoundException::new);
        List<Map<String, Object>> messages = new ArrayList<>();
        synchronized (tenant.state()) {
            for (InboxMessage message : account.inbox()) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("code", message.code());
                json.put("channel", message.channel());
                json.put("to", message.to());
                json.put("at", message.at().toString());
                messages.add(0, json);
            }
        }
        return Responses.json(messages);
    }

    /**
     * Answers the newest pending push.
     *
     * @param username the user.
     * @param answer {@code approve} or {@code deny}.
     * @return 204, or 404 when nothing is pending.
     */
    @POST
    @Path("push/{username}/{answer:approve|deny}")
    public Response push(@PathParam("username") String username, @PathParam("answer") String answer) {
        enabled();
        boolean answered = tenant.mfa().answerPush(username, null, "approve".equals(answer));
        return answered ? Response.noContent().build() : Response.status(404).build();
    }

    /**
     * Sets how many factors an audience demands.
     *
     * @param body {@code audience} and {@code factors}.
     * @return 204, or 400.
     */
    @POST
    @Path("policy")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response policy(Map<String, Object> body) {
        enabled();
        Object audience = body == null ? null : body.get("audience");
        Object factors = body == null ? null : body.get("factors");
        if (!(audience instanceof String text) || !(factors instanceof Number number)
                || number.intValue() < 0 || number.intValue() > 2) {
            throw OAuthError.invalidRequest("audience (string) and factors (0, 1 or 2) are required");
        }
        synchronized (tenant.state()) {
            tenant.state().policy(text, number.intValue());
        }
        return Response.noContent().build();
    }

    /**
     * Configures the tenant as it may be at Auth0.
     *
     * @param body optional booleans {@code mfaRequirements} (default {@code true}: Customizable MFA) and
     *        {@code verifiedEmailsListed} (default {@code false}: e-mail as a factor, every verified address listed).
     * @return 204, or 400.
     */
    @POST
    @Path("tenant")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response tenant(Map<String, Object> body) {
        enabled();
        Object requirements = body == null ? null : body.getOrDefault("mfaRequirements", Boolean.TRUE);
        Object emails = body == null ? null : body.getOrDefault("verifiedEmailsListed", Boolean.FALSE);
        if (!(requirements instanceof Boolean withRequirements) || !(emails instanceof Boolean listed)) {
            throw OAuthError.invalidRequest("mfaRequirements and verifiedEmailsListed must be true or false");
        }
        tenant.state().configure(withRequirements, listed, java.time.Instant.now());
        return Response.noContent().build();
    }

    /**
     * Injects a fault.
     *
     * @param body {@code path}, {@code kind}, for latency {@code millis}, and optionally {@code times} (how many
     *        requests it hits; every request when absent).
     * @return 204, or 400.
     */
    @POST
    @Path("faults")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response addFault(Map<String, Object> body) {
        enabled();
        Object path = body == null ? null : body.get("path");
        Object kind = body == null ? null : body.get("kind");
        Object millis = body == null ? null : body.get("millis");
        Object times = body == null ? null : body.get("times");
        if (!(path instanceof String p) || !p.startsWith("/") || !(kind instanceof String k)
                || !FAULT_KINDS.contains(k)) {
            throw OAuthError.invalidRequest("path (starting with /) and kind (" + FAULT_KINDS + ") are required");
        }
        synchronized (tenant.state()) {
            tenant.state().faults().add(new Fault(p, k, millis instanceof Number n ? n.longValue() : 0,
                    times instanceof Number n ? n.intValue() : 0));
        }
        return Response.noContent().build();
    }

    /**
     * Removes all faults.
     *
     * @return 204.
     */
    @DELETE
    @Path("faults")
    public Response clearFaults() {
        enabled();
        synchronized (tenant.state()) {
            tenant.state().faults().clear();
        }
        return Response.noContent().build();
    }

    /**
     * Returns the current TOTP of the user's OTP authenticator.
     *
     * @param username the user.
     * @return {@code {"otp":"123456"}}, or 404 when the user has no OTP authenticator.
     */
    @GET
    @Path("otp/{username}")
    public Response otp(@PathParam("username") String username) {
        enabled();
        return tenant.mfa().currentOtp(username)
                .map(code -> Responses.json(Map.of("otp", code)))
                .orElseGet(() -> Response.status(404).build());
    }

    /**
     * Adds users who have an authenticator app enrolled, all or none.
     *
     * @param body the users: {@code username} ({@code [A-Za-z0-9._-]}, at most 64), {@code password} and
     *        {@code otp_secret} (Base32, 16 to 128 characters).
     * @return 204; 400 for a malformed entry; 409 when a username is taken (the users before it were added).
     */
    @POST
    @Path("users")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response addUsers(List<Map<String, Object>> body) {
        enabled();
        if (body == null) {
            throw OAuthError.invalidRequest("a JSON array of users is required");
        }
        List<DemoUser> users = new ArrayList<>();
        List<byte[]> secrets = new ArrayList<>();
        for (Map<String, Object> entry : body) {
            Object username = entry == null ? null : entry.get("username");
            Object password = entry == null ? null : entry.get("password");
            Object secret = entry == null ? null : entry.get("otp_secret");
            if (!(username instanceof String name) || !USERNAME.matcher(name).matches()
                    || !(password instanceof String pass) || pass.isEmpty()
                    || !(secret instanceof String base32) || !BASE32_SECRET.matcher(base32).matches()) {
                throw OAuthError.invalidRequest("each user needs username ([A-Za-z0-9._-], at most 64), password"
                        + " and otp_secret (Base32, 16 to 128 characters)");
            }
            users.add(new DemoUser(name, pass, name + "@example.com", name, "auth0|" + name));
            secrets.add(Base32.decode(base32));
        }
        Instant now = Instant.now();
        for (int i = 0; i < users.size(); i++) {
            if (!tenant.state().addUserWithOtp(users.get(i), secrets.get(i), Randoms.deviceId(), now)) {
                throw new OAuthError(409, "user_exists", "The user already exists");
            }
        }
        return Response.noContent().build();
    }

    /**
     * Returns the time the emulator spent on its own answers since the start or the last {@code DELETE}.
     *
     * @return {@code {"<endpoint>":{"requests":n,"nanos":t},..}}.
     */
    @GET
    @Path("timings")
    public Response timings() {
        enabled();
        return Responses.json(tenant.timings().snapshot());
    }

    /**
     * Starts counting the timings again.
     *
     * @return 204.
     */
    @DELETE
    @Path("timings")
    public Response clearTimings() {
        enabled();
        tenant.timings().clear();
        return Response.noContent().build();
    }

    private void enabled() {
        if (!tenant.settings().hooksEnabled()) {
            throw new NotFoundException();
        }
    }
}
