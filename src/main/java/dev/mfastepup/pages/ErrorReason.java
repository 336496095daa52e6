package dev.mfastepup.pages;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Why a step-up cannot go on: the reasons the error page of either set knows, each with its status. The page's
 * texts are {@code error.<parameter>.title}, {@code .lead} and {@code .action}.
 *
 * @since 0.2
 */
public enum ErrorReason {

    /** The flow's {@code mfa_token} expired, or the flow is gone: 410. */
    EXPIRED(HttpServletResponse.SC_GONE),
    /** The flow or the answer matched nothing of this session: 410. */
    INVALID(HttpServletResponse.SC_GONE),
    /** Too many wrong codes: 429, with the wait. */
    LOCKED(429),
    /** Auth0 could not be reached or refused the application: 503. */
    UNAVAILABLE(HttpServletResponse.SC_SERVICE_UNAVAILABLE),
    /** The push notification was denied on the phone: 403. */
    DENIED(HttpServletResponse.SC_FORBIDDEN),
    /** No factor can be used or set up here: 403. */
    NO_FACTOR(HttpServletResponse.SC_FORBIDDEN),
    /** Universal Login came back without a recent second factor: 403. */
    NOT_PROVEN(HttpServletResponse.SC_FORBIDDEN),
    /** The token named another user; the session was ended: 403. */
    IDENTITY(HttpServletResponse.SC_FORBIDDEN),
    /** Auth0 asked again right after a step-up: 502. */
    LOOP(HttpServletResponse.SC_BAD_GATEWAY),
    /** The sign-in can no longer get tokens: 401. */
    SIGNIN(HttpServletResponse.SC_UNAUTHORIZED),
    /** The user cancelled: 200. */
    CANCELLED(HttpServletResponse.SC_OK),
    /** A JSP page's form came without this session's and flow's token (an old page, another site): 403. */
    FORM(HttpServletResponse.SC_FORBIDDEN),
    /** Anything else: 500, with the reference the user can quote. */
    FAILED(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);

    private final int status;

    ErrorReason(int status) {
        this.status = status;
    }

    /**
     * Returns the reason as the error page's parameter and its texts' key part.
     *
     * @return such as {@code expired} or {@code no-factor}.
     */
    public String parameter() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Returns the status the error page answers with for this reason.
     *
     * @return such as {@code 410}.
     */
    public int status() {
        return status;
    }

    /**
     * Reads the error page's parameter.
     *
     * @param parameter the value of the {@code reason} parameter, or {@code null}.
     * @return the reason, or empty for one this module does not know.
     */
    public static Optional<ErrorReason> of(String parameter) {
        String name = parameter == null ? "" : parameter.toUpperCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(values()).filter(r -> r.name().equals(name)).findFirst();
    }
}
