package dev.mfastepup.pages;

import dev.mfastepup.filter.MfaPages;
import dev.mfastepup.filter.ReturnPaths;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What the error page of either set shows, read from its parameters, each checked before it is used: the reason,
 * where "start again" leads (a safe context-relative path), a detail (the minutes to wait, or a flow id), and the
 * reference of the request that failed.
 *
 * @param reason the reason; {@link ErrorReason#FAILED} for one this module does not know.
 * @param known whether the link named a reason this module knows; a made-up one answers {@code 400}.
 * @param returnPath the context-relative path "start again" leads to.
 * @param detail the minutes to wait when locked, or the flow id after a denied push or an expired flow; or
 *        {@code null}.
 * @param reference the correlation id of the request that failed ({@code c-} and 12 hex digits), or {@code null}.
 * @since 0.2
 */
public record ErrorDetails(ErrorReason reason, boolean known, String returnPath, String detail, String reference) {

    /**
     * Reads the error page's parameters.
     *
     * @param parameters the request's parameters by name; {@code null} for an absent one.
     * @return the details, with everything not of the expected form left out.
     */
    public static ErrorDetails read(UnaryOperator<String> parameters) {
        Optional<ErrorReason> known = ErrorReason.of(parameters.apply(MfaPages.PARAM_REASON));
        String rawDetail = parameters.apply("detail");
        String rawReference = parameters.apply(MfaPages.PARAM_REFERENCE);
        return new ErrorDetails(known.orElse(ErrorReason.FAILED), known.isPresent(),
                ReturnPaths.safePath(parameters.apply("return")).orElse("/"),
                rawDetail != null && rawDetail.matches("[A-Za-z0-9_-]{1,40}") ? rawDetail : null,
                rawReference != null && rawReference.matches("c-[0-9a-f]{12}") ? rawReference : null);
    }

    /**
     * Returns the status of the page: the reason's, or {@code 400} for a reason someone made up.
     *
     * @return the status.
     */
    public int status() {
        return known ? reason.status() : HttpServletResponse.SC_BAD_REQUEST;
    }

    /**
     * Returns the minutes to wait when locked, as a number for the texts' plural forms.
     *
     * @return the minutes, or {@code null}.
     */
    public Integer minutes() {
        boolean minutes = reason == ErrorReason.LOCKED && detail != null && detail.matches("[0-9]{1,6}");
        return minutes ? Integer.valueOf(detail) : null;
    }

    /**
     * Tells whether "try another method" can lead back into the same flow: after a denied push.
     *
     * @return whether the page offers it.
     */
    public boolean anotherMethodOffered() {
        return reason == ErrorReason.DENIED && detail != null;
    }

    /**
     * Returns the flow that Universal Login may take over: that of an expired {@code mfa_token}, which that road
     * does not need. Whether it can is the caller's to ask.
     *
     * @return the flow id, or empty.
     */
    public Optional<String> expiredFlow() {
        return reason == ErrorReason.EXPIRED ? Optional.ofNullable(detail) : Optional.empty();
    }
}
