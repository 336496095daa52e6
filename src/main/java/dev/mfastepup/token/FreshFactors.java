package dev.mfastepup.token;

import dev.mfastepup.session.SessionTokenStore;
import jakarta.servlet.http.HttpSession;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The one rule of freshness, for {@code @FreshSecondFactor} and the {@code FreshSecondFactorFilter}: the session's
 * last second factor, through the MFA pages or Universal Login, is at most {@code maxAge} old.
 *
 * @since 0.2
 */
public final class FreshFactors {

    private FreshFactors() {
        // static only
    }

    /**
     * Passes when the session's last second factor is recent enough; otherwise throws the demand for one.
     *
     * @param session the user's session, or {@code null}.
     * @param tokens where the session's second factors are recorded.
     * @param now the time now.
     * @param maxAge how recent the factor must be.
     * @param audience the audience of the token to get with the step-up, or {@code null} or empty.
     * @param scope its scope, or {@code null} or empty.
     * @throws InsufficientUserAuthenticationException when it is not recent enough, or there was none.
     */
    public static void require(HttpSession session, SessionTokenStore tokens, Instant now, Duration maxAge,
            String audience, String scope) {
        Optional<Instant> last = tokens.lastSecondFactor(session);
        if (last.isPresent() && !last.get().plus(maxAge).isBefore(now)) {
            return;
        }
        throw new InsufficientUserAuthenticationException(blankToNull(audience), blankToNull(scope), null, maxAge);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
