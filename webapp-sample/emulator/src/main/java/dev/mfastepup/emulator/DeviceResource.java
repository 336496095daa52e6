package dev.mfastepup.emulator;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The "phone" of every demo user: the SMS, voice and e-mail codes sent to them, and their pending pushes with
 * Approve and Deny buttons, as a Guardian app would show them.
 */
@Path("/device")
public class DeviceResource {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    @Inject
    Tenant tenant;

    @Context
    UriInfo uriInfo;

    /**
     * Shows the inboxes and pending pushes; it reloads itself so that new codes appear.
     *
     * @return the page.
     */
    @GET
    public Response page() {
        StringBuilder body = new StringBuilder("<h1>Emulator device: inboxes and push notifications</h1>"
                + "<p class=\"note\">Codes sent by SMS, voice call or e-mail, and pushes waiting for an answer. "
                + "This page reloads every 5 seconds.</p>");
        for (UserAccount account : tenant.state().users()) {
            String username = account.user().username();
            body.append("<section id=\"user-").append(Html.escape(username)).append("\"><h2>")
                    .append(Html.escape(username)).append("</h2>");
            List<OobTransaction> pushes = tenant.mfa().pendingPushes(username);
            for (OobTransaction push : pushes) {
                String action = "device/push/" + Html.escape(username) + "/" + Html.escape(push.oobCode());
                body.append("<p class=\"push\">Sign-in request at ").append(TIME.format(push.createdAt()))
                        .append(" UTC <form method=\"post\" action=\"").append(action)
                        .append("/approve\" style=\"display:inline\"><button class=\"approve\">Approve</button></form>")
                        .append("<form method=\"post\" action=\"").append(action)
                        .append("/deny\" style=\"display:inline\"><button class=\"deny\">Deny</button></form></p>");
            }
            List<InboxMessage> inbox;
            synchronized (tenant.state()) {
                inbox = new ArrayList<>(account.inbox());
            }
            if (inbox.isEmpty() && pushes.isEmpty()) {
                body.append("<p class=\"note\">Nothing yet.</p>");
            }
            if (!inbox.isEmpty()) {
                body.append("<table><tr><th>Time (UTC)</th><th>Channel</th><th>To</th><th>Code</th></tr>");
                for (int i = inbox.size() - 1; i >= 0; i--) {
                    InboxMessage message = inbox.get(i);
                    body.append("<tr><td>").append(TIME.format(message.at())).append("</td><td>")
                            .append(Html.escape(message.channel())).append("</td><td>")
                            .append(Html.escape(message.to())).append("</td><td><code class=\"code\">")
                            .append(Html.escape(message.code())).append("</code></td></tr>");
                }
                body.append("</table>");
            }
            body.append("</section>");
        }
        return Responses.html(200, Html.page("Emulator device", body.toString(),
                "<meta http-equiv=\"refresh\" content=\"5\">"));
    }

    /**
     * Answers a push and goes back to the page.
     *
     * @param username the user.
     * @param oobCode the push's transaction.
     * @param answer {@code approve} or {@code deny}.
     * @return a redirect to the page.
     */
    @POST
    @Path("push/{username}/{oobCode}/{answer:approve|deny}")
    public Response answer(@PathParam("username") String username, @PathParam("oobCode") String oobCode,
            @PathParam("answer") String answer) {
        tenant.mfa().answerPush(username, oobCode, "approve".equals(answer));
        return Response.seeOther(uriInfo.getBaseUriBuilder().path("device").build()).build();
    }
}
