package dev.mfastepup.pages;

import dev.mfastepup.filter.MfaPages;
import dev.mfastepup.filter.PageSet;
import dev.mfastepup.service.VerifyResult;
import dev.mfastepup.session.PendingStepUp.ReturnTo;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The context-relative addresses the pages of either set send a user to after a step: the error page with what it
 * shows, and where a completed flow leads. Each set redirects to them its own way.
 *
 * @since 0.2
 */
public final class PageLinks {

    private PageLinks() {
        // static only
    }

    /**
     * Returns the error page of a set for a reason.
     *
     * @param set the set of pages.
     * @param reason the reason.
     * @param returnTo where "start again" leads, or {@code null}.
     * @param detail the minutes to wait or a flow id, or {@code null}.
     * @param reference the failing request's correlation id.
     * @return such as {@code /mfa/error?reason=locked&detail=6&ref=c-0123456789ab}.
     */
    public static String error(PageSet set, ErrorReason reason, ReturnTo returnTo, String detail, String reference) {
        StringBuilder url = new StringBuilder(set.errorUrl("", reason.parameter()));
        if (returnTo != null) {
            url.append("&return=").append(encode(returnTo.path()));
        }
        if (detail != null) {
            url.append("&detail=").append(encode(detail));
        }
        return url.append('&').append(MfaPages.PARAM_REFERENCE).append('=').append(encode(reference)).toString();
    }

    /**
     * Returns where a completed flow leads: back to its page, or, after an interrupted form post, to the set's
     * "repeat your action" page, since a post is never replayed.
     *
     * @param set the set of pages.
     * @param destination where the flow leads back to, or {@code null} for the application's root.
     * @return the context-relative path.
     */
    public static String completed(PageSet set, ReturnTo destination) {
        if (destination != null && destination.repeatAction()) {
            return set.page("done") + "?return=" + encode(destination.path());
        }
        return destination == null ? "/" : destination.path();
    }

    /**
     * Returns where a verification leads back to: the one Auth0's answer completed, else the flow's own.
     *
     * @param result the verification's result.
     * @param pending where the flow, as the request found it, leads back to; or {@code null}.
     * @return the destination, or {@code null}.
     */
    public static ReturnTo destination(VerifyResult result, ReturnTo pending) {
        return result instanceof VerifyResult.Verified verified ? verified.returnTo()
                : result instanceof VerifyResult.AlreadyVerified already ? already.returnTo() : pending;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
