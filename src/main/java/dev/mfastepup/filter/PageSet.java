package dev.mfastepup.filter;

import dev.mfastepup.ErrorCodes;
import dev.mfastepup.MfaException;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The two sets of bundled MFA pages, of which an application uses one ({@value #KEY}): the Jakarta Faces pages,
 * the default, or the JSP pages for an application that does not run Faces, or runs it with settings that clash
 * with the bundled pages. Both sets live under {@value MfaPages#PATH}, take the same parameters and lead through
 * the same flows; only their addresses differ, and the set not chosen answers {@code 404}.
 *
 * @since 0.2
 */
public enum PageSet {

    /** The Jakarta Faces pages: {@code /mfa/index.xhtml} and the pages beside it. */
    FACES(".xhtml", "index"),
    /** The JSP pages, served by a plain servlet: {@code /mfa/start} and the pages beside it. */
    JSP("", "start");

    /** The configuration key that chooses the set: {@code faces} (the default) or {@code jsp}. */
    public static final String KEY = "mfa-stepup.pages";

    private final String suffix;
    private final String startName;

    PageSet(String suffix, String startName) {
        this.suffix = suffix;
        this.startName = startName;
    }

    /**
     * Reads the configured set.
     *
     * @param value the value of {@value #KEY}, if set.
     * @return the set; {@link #FACES} when the value is absent or blank.
     * @throws MfaException with code {@value ErrorCodes#CONFIGURATION_ERROR} naming the key, for another value.
     */
    public static PageSet read(Optional<String> value) {
        String name = value.map(v -> v.strip().toLowerCase(Locale.ROOT)).orElse("");
        return switch (name) {
            case "", "faces" -> FACES;
            case "jsp" -> JSP;
            default -> throw new MfaException(ErrorCodes.CONFIGURATION_ERROR, KEY + " must be faces or jsp");
        };
    }

    /**
     * Returns the context-relative address of a page of this set.
     *
     * @param page the page's name, as the Faces set names its files without {@code .xhtml}: {@code code},
     *        {@code push}, {@code enroll-app}, {@code enroll-contact}, {@code recovery}, {@code recovery-code},
     *        {@code done}, {@code error}; {@code index} is the start page of either set.
     * @return such as {@code /mfa/code.xhtml} or {@code /mfa/code}.
     */
    public String page(String page) {
        return MfaPages.PATH + ("index".equals(page) ? startName : page) + suffix;
    }

    /**
     * Returns the context-relative address of the page where a step-up starts.
     *
     * @return {@code /mfa/index.xhtml} or {@code /mfa/start}.
     */
    public String startPage() {
        return page("index");
    }

    /**
     * Returns the context-relative address of the page that explains why a step-up cannot go on.
     *
     * @return {@code /mfa/error.xhtml} or {@code /mfa/error}.
     */
    public String errorPage() {
        return page("error");
    }

    /**
     * Returns the URL of the start page for a flow, relative to the server: {@code <contextPath><start>?flow=<id>}.
     *
     * @param contextPath the application's context path, as {@link HttpServletRequest#getContextPath()} gives it.
     * @param flowId the opaque flow id.
     * @return the URL, ready for a {@code Location} header.
     */
    public String startUrl(String contextPath, String flowId) {
        Objects.requireNonNull(flowId, "flowId cannot be null");
        return Objects.requireNonNull(contextPath, "contextPath cannot be null") + startPage() + '?'
                + MfaPages.PARAM_FLOW + '=' + URLEncoder.encode(flowId, StandardCharsets.UTF_8);
    }

    /**
     * Returns the URL of the error page for a reason, relative to the server: {@code <contextPath><error>?reason=<r>}.
     *
     * @param contextPath the application's context path, as {@link HttpServletRequest#getContextPath()} gives it.
     * @param reason one of the {@code REASON_*} constants of {@link MfaPages}.
     * @return the URL, ready for a {@code Location} header.
     */
    public String errorUrl(String contextPath, String reason) {
        Objects.requireNonNull(reason, "reason cannot be null");
        return Objects.requireNonNull(contextPath, "contextPath cannot be null") + errorPage() + '?'
                + MfaPages.PARAM_REASON + '=' + URLEncoder.encode(reason, StandardCharsets.UTF_8);
    }

    /**
     * Returns the URL of the error page for a reason, with the reference it shows:
     * {@code <contextPath><error>?reason=<reason>&ref=<reference>}.
     *
     * @param contextPath the application's context path, as {@link HttpServletRequest#getContextPath()} gives it.
     * @param reason one of the {@code REASON_*} constants of {@link MfaPages}.
     * @param reference the failing request's correlation id (see {@link dev.mfastepup.event.SecurityLog}).
     * @return the URL, ready for a {@code Location} header.
     */
    public String errorUrl(String contextPath, String reason, String reference) {
        return errorUrl(contextPath, reason) + '&' + MfaPages.PARAM_REFERENCE + '='
                + URLEncoder.encode(Objects.requireNonNull(reference, "reference cannot be null"), StandardCharsets.UTF_8);
    }

    /**
     * Tells whether a request under {@value MfaPages#PATH} is for a page of the other set, which answers
     * {@code 404}: a Faces page ({@code .xhtml}) when the JSP set is chosen, a JSP view ({@code .jsp}, which only
     * the JSP set's servlet may forward to) always.
     *
     * @param contextRelativePath the decoded, normalized path below the context path.
     * @return whether the request must be refused.
     */
    public boolean refuses(String contextRelativePath) {
        String path = contextRelativePath.toLowerCase(Locale.ROOT);
        return path.endsWith(".jsp") || path.endsWith(".jspx") || path.endsWith(".jspf")
                || this == JSP && path.endsWith(".xhtml");
    }
}
