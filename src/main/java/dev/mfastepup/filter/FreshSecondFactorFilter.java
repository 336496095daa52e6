package dev.mfastepup.filter;

import dev.mfastepup.config.ModuleClock;
import dev.mfastepup.session.SessionTokenStore;
import dev.mfastepup.token.FreshFactors;
import dev.mfastepup.token.InsufficientUserAuthenticationException;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Demands a second factor given within the last {@code maxAgeSeconds} before the requests of its URL patterns
 * reach the application, even when a token is cached: the per-URL form of
 * {@link dev.mfastepup.freshness.FreshSecondFactor}.
 *
 * <pre>
 * &lt;filter&gt;
 *     &lt;filter-name&gt;fresh-for-transfers&lt;/filter-name&gt;
 *     &lt;filter-class&gt;dev.mfastepup.filter.FreshSecondFactorFilter&lt;/filter-class&gt;
 *     &lt;init-param&gt;
 *         &lt;param-name&gt;maxAgeSeconds&lt;/param-name&gt;&lt;param-value&gt;300&lt;/param-value&gt;
 *     &lt;/init-param&gt;
 * &lt;/filter&gt;
 * &lt;filter-mapping&gt;
 *     &lt;filter-name&gt;fresh-for-transfers&lt;/filter-name&gt;
 *     &lt;url-pattern&gt;/transfer/*&lt;/url-pattern&gt;
 * &lt;/filter-mapping&gt;
 * </pre>
 *
 * <p>Optional init-params {@code audience} and {@code scope} name the token the step-up gets. A request whose
 * session's last second factor (through the MFA pages or Universal Login) is older never reaches the application.
 * A page steps up and comes back to the same URL: through Universal Login with this {@code max_age} when that road is
 * on, else through the MFA pages (the module renews the token, and the tenant's rule or Action must then ask for
 * MFA). An API caller gets {@code 401} with an RFC 9470 challenge. Map it after the sign-in, like {@link MfaStepUpFilter}; the two need no
 * particular order between them.
 *
 * @since 0.2
 */
public class FreshSecondFactorFilter extends HttpFilter {

    /** The init-param with the most seconds since the second factor; required, 0 to 86400. */
    public static final String INIT_PARAM_MAX_AGE_SECONDS = "maxAgeSeconds";

    private static final long serialVersionUID = 1L;
    private static final long MAX_SECONDS = 86_400;

    @Inject
    private transient SessionTokenStore tokens;

    @Inject
    private transient StepUpDispatch dispatch;

    @Inject
    @ModuleClock
    private transient Clock clock;

    private transient Duration maxAge;
    private transient String audience;
    private transient String scope;

    /** Creates the filter; its collaborators are injected. */
    public FreshSecondFactorFilter() {
        // collaborators are injected
    }

    FreshSecondFactorFilter(SessionTokenStore tokens, StepUpDispatch dispatch, Clock clock) {
        this.tokens = tokens;
        this.dispatch = dispatch;
        this.clock = clock;
    }

    @Override
    public void init() throws ServletException {
        if (tokens == null || dispatch == null || clock == null) {
            throw new ServletException("Filter '" + getFilterName() + "' (FreshSecondFactorFilter) was not injected"
                    + " by CDI: the web application needs CDI enabled, and mfa-stepup's jar in WEB-INF/lib.");
        }
        String seconds = getInitParameter(INIT_PARAM_MAX_AGE_SECONDS);
        try {
            long value = Long.parseLong(seconds == null ? "" : seconds.strip());
            if (value >= 0 && value <= MAX_SECONDS) {
                maxAge = Duration.ofSeconds(value);
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        if (maxAge == null) {
            throw new ServletException("Init-param '" + INIT_PARAM_MAX_AGE_SECONDS + "' of filter '"
                    + getFilterName() + "' must be a whole number of seconds from 0 to " + MAX_SECONDS);
        }
        audience = getInitParameter(MfaStepUpFilter.INIT_PARAM_AUDIENCE);
        scope = getInitParameter(MfaStepUpFilter.INIT_PARAM_SCOPE);
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (MfaPages.isMfaPage(request)) {
            chain.doFilter(request, response);
            return;
        }
        try {
            FreshFactors.require(request.getSession(false), tokens, clock.instant(), maxAge, audience, scope);
        } catch (InsufficientUserAuthenticationException demand) {
            dispatch.secondFactorDemanded(request, response, CallerKind.of(request, List.of()), demand);
            return;
        }
        chain.doFilter(request, response);
    }
}
