package dev.mfastepup.filter;

import dev.mfastepup.token.AccessTokenService;
import dev.mfastepup.token.InsufficientUserAuthenticationException;
import dev.mfastepup.token.MfaRequiredException;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Takes users through MFA step-up when Auth0 asks for it, and brings them back to where they were.
 *
 * <p>When {@link AccessTokenService} is asked for a token and Auth0 answers {@code mfa_required}, the service
 * starts a step-up flow in the session and throws {@link MfaRequiredException}. This filter catches that
 * exception wherever it sits in the cause chain (inside a {@code ServletException}, an {@code EJBException}, a
 * {@code FacesException}, a CDI or JAX-RS wrapper), remembers where the user returns to, and answers in the form
 * the caller can act on. The application needs no code of its own for it.
 *
 * <h2>Installation</h2>
 * <p>Add the filter to {@code web.xml}:
 * <pre>
 * &lt;filter&gt;
 *     &lt;filter-name&gt;mfa&lt;/filter-name&gt;
 *     &lt;filter-class&gt;dev.mfastepup.filter.MfaStepUpFilter&lt;/filter-class&gt;
 * &lt;/filter&gt;
 * &lt;filter-mapping&gt;
 *     &lt;filter-name&gt;mfa&lt;/filter-name&gt;
 *     &lt;url-pattern&gt;/*&lt;/url-pattern&gt;
 * &lt;/filter-mapping&gt;
 * </pre>
 *
 * <h3>Order</h3>
 * <p>The filter has to run after the user is signed in, since step-up needs the user's refresh token. A Jakarta
 * Security authentication mechanism (OpenID Connect, form, custom) and a container-managed
 * {@code <login-config>} run before every filter, so nothing is needed for them. A login that is itself a filter
 * must come first: filters run in the order of their {@code <filter-mapping>} elements in {@code web.xml}, so put
 * this filter's mapping after the login filter's. Annotated filters ({@code @WebFilter}) have no defined order;
 * map the login filter in {@code web.xml} too.
 *
 * <p>The filter lets requests for the MFA pages (everything under {@code /mfa/}) through untouched: they
 * run the step-up and set their own headers. It refuses first a request whose session id came in its URL
 * ({@link MfaRequestGuard}).
 *
 * <h2>What callers receive</h2>
 * <p>Every answer has {@code Cache-Control: no-store} and carries no token; the only id in it is the opaque flow
 * id.
 * <table>
 * <caption>The answer to a step-up, by caller</caption>
 * <tr><th>Caller</th><th>Recognized by</th><th>Answer</th></tr>
 * <tr><td>page navigation</td><td>anything else</td>
 * <td>{@code 303 See Other}, {@code Location: <context>/mfa/index.xhtml?flow=<id>}</td></tr>
 * <tr><td>Faces ajax</td><td>{@code Faces-Request: partial/ajax}</td>
 * <td>{@code 200}, {@code text/xml}:
 * {@code <partial-response><redirect url="<context>/mfa/index.xhtml?flow=<id>"></redirect></partial-response>}</td>
 * </tr>
 * <tr><td>fetch, XHR, API client</td><td>{@code X-Requested-With: XMLHttpRequest}, {@code Sec-Fetch-Dest: empty},
 * an {@code Accept} with {@code application/json} and without {@code text/html}, or a path under
 * {@code apiPaths}</td>
 * <td>{@code 401}, {@code WWW-Authenticate: Bearer error="insufficient_user_authentication",
 * error_description="Multi-factor authentication is required"} (in the style of RFC 9470), and
 * {@code {"error":"mfa_required","error_description":"Multi-factor authentication is required",
 * "mfa_url":"<context>/mfa/index.xhtml?flow=<id>","flow_id":"<id>"}}. A script sends the browser to
 * {@code mfa_url}.</td></tr>
 * </table>
 *
 * <p>After the step-up the user returns to the page that needed it: for a {@code GET} page navigation, its path
 * and query; for anything else, the page it came from (a same-origin {@code Referer}), since a form post is never
 * replayed. The pages then ask the user to repeat the action. See {@link ReturnPaths}.
 *
 * <p>The filter can only answer while the response is not committed. When the exception comes after the first
 * bytes were sent, it logs a warning and lets the exception go on; get tokens before rendering starts. It catches
 * only what reaches it: an exception handler that turns every exception into a response (a catch-all JAX-RS
 * {@code ExceptionMapper}, a Faces ajax exception handler) has to let {@link MfaRequiredException} through.
 * {@code IOException}s and {@code Error}s always pass untouched, and so does every other exception, as the same
 * instance.
 *
 * <h2>Universal Login</h2>
 * <p>A demand that only Universal Login can meet, {@link InsufficientUserAuthenticationException} (a recent second
 * factor, or a downstream API's RFC 9470 challenge), is found in the cause chain the same way: a page or Faces ajax
 * request is sent to Auth0's {@code /authorize} with its {@code acr_values} and {@code max_age}, and back to the page
 * afterwards; an API caller gets {@code 401} with an RFC 9470 challenge that repeats them. See
 * {@code docs/universal-login.md}.
 *
 * <h2>Loop breaker</h2>
 * <p>A new demand for MFA within {@code loopWindowSeconds} seconds after a step-up for the same audience and scope
 * completed gets an error that explains, not another step-up: see the package's
 * <a href="package-summary.html#loop-breaker">loop breaker</a>.
 *
 * <h2>Declarative mode</h2>
 * <p>With an {@code audience} init-param the filter gets the token for that audience (and {@code scope}) before
 * the application runs, puts it in the request attribute {@value #ATTRIBUTE_ACCESS_TOKEN}, and answers the caller
 * itself when there is none: see the package's <a href="package-summary.html#declarative-mode">declarative
 * mode</a> for the {@code web.xml} and every answer.
 *
 * <h2>Configuration</h2>
 * <table>
 * <caption>Init-params, all optional</caption>
 * <tr><th>Init-param</th><th>Default</th><th>Meaning</th></tr>
 * <tr><td>{@value #INIT_PARAM_AUDIENCE}</td><td>none</td><td>Declarative mode: the API audience whose token the
 * filter gets before the application runs.</td></tr>
 * <tr><td>{@value #INIT_PARAM_SCOPE}</td><td>none</td><td>Declarative mode: the scope, space separated. Needs
 * {@value #INIT_PARAM_AUDIENCE}.</td></tr>
 * <tr><td>{@value #INIT_PARAM_API_PATHS}</td><td>none</td><td>Comma-separated context-relative path prefixes,
 * such as {@code /api/,/rest/}, whose callers are always treated as API callers. A prefix matches whole
 * segments.</td></tr>
 * <tr><td>{@value #INIT_PARAM_LOOP_WINDOW_SECONDS}</td><td>{@value #DEFAULT_LOOP_WINDOW_SECONDS}</td><td>How long
 * after a completed step-up a new demand for the same audience and scope counts as a loop, from 0 (never) to
 * {@value #MAX_LOOP_WINDOW_SECONDS}.</td></tr>
 * </table>
 * <p>A bad value fails the deployment with a {@link ServletException} that names the init-param and the allowed
 * form. The module's own settings (Auth0 domain, client, secrets) come from MicroProfile Config.
 *
 * @since 0.1
 * @see AccessTokenService
 * @see ReturnPaths
 * @see MfaPages
 */
public class MfaStepUpFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    private static final Logger logger = Logger.getLogger(MfaStepUpFilter.class.getName());

    // Constants --------------------------------------------------------------------------------------------------

    /** The request attribute that holds the access token in declarative mode. */
    public static final String ATTRIBUTE_ACCESS_TOKEN = "dev.mfastepup.ACCESS_TOKEN";

    /** The init-param that turns declarative mode on: the audience of the API whose token is needed. */
    public static final String INIT_PARAM_AUDIENCE = "audience";

    /** The init-param with the scope for declarative mode, space separated. */
    public static final String INIT_PARAM_SCOPE = "scope";

    /** The init-param with the comma-separated context-relative path prefixes of API resources. */
    public static final String INIT_PARAM_API_PATHS = "apiPaths";

    /** The init-param with the loop breaker's window in seconds. */
    public static final String INIT_PARAM_LOOP_WINDOW_SECONDS = "loopWindowSeconds";

    /** The loop breaker's window in seconds when none is configured. */
    public static final int DEFAULT_LOOP_WINDOW_SECONDS = 60;

    /** The longest loop breaker window in seconds. */
    public static final int MAX_LOOP_WINDOW_SECONDS = 3600;

    private static final String ERROR_NOT_INJECTED = "Filter '%s' (MfaStepUpFilter) was not injected by CDI: the"
            + " web application needs CDI enabled, and mfa-stepup's jar in WEB-INF/lib with its META-INF/beans.xml.";

    private static final String LOG_COMMITTED = "Auth0 requires MFA for audience {0} (step-up flow {1}), but the"
            + " response was already committed, so the user cannot be sent to the MFA pages; get the token before"
            + " the response is written";

    // Properties -------------------------------------------------------------------------------------------------

    // GenericFilter is Serializable, but a filter is never serialized: none of its state is part of that form.

    @Inject
    private transient DeclarativeTokens declarativeTokens;

    @Inject
    private transient StepUpDispatch dispatch;

    private transient FilterSettings settings = FilterSettings.DEFAULTS;

    // Constructors -----------------------------------------------------------------------------------------------

    /** Creates the filter; the container calls this, and CDI injects the collaborators. */
    public MfaStepUpFilter() {
        // collaborators are injected
    }

    /** Creates the filter with its collaborators, for tests. */
    MfaStepUpFilter(DeclarativeTokens declarativeTokens, StepUpDispatch dispatch) {
        this.declarativeTokens = declarativeTokens;
        this.dispatch = dispatch;
    }

    // Actions ----------------------------------------------------------------------------------------------------

    /**
     * Reads and checks the init-params.
     *
     * @throws ServletException when CDI did not inject the collaborators, or an init-param has a bad value; the
     *         message names the init-param and the allowed form.
     */
    @Override
    public void init() throws ServletException {
        if (declarativeTokens == null || dispatch == null) {
            throw new ServletException(String.format(ERROR_NOT_INJECTED, getFilterName()));
        }
        settings = FilterSettings.read(this);
    }

    /**
     * Gets the token first in declarative mode, runs the chain, and answers a step-up that the application's
     * token request needs.
     *
     * @param request the request.
     * @param response the response.
     * @param chain the rest of the chain.
     * @throws IOException from the chain, untouched, or when the answer cannot be written.
     * @throws ServletException from the chain, untouched, unless it holds an {@link MfaRequiredException}.
     */
    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (MfaRequestGuard.refusedSessionIdInUrl(request, response)) {
            return;
        }
        if (MfaPages.isMfaPage(request)) {
            // The pages run the step-up: they must never wait for one themselves.
            chain.doFilter(request, response);
            return;
        }
        if (settings.isDeclarative() && !provideToken(request, response)) {
            return;
        }
        // IOExceptions (mostly a client gone) and Errors are not caught: a step-up never hides in them.
        try {
            chain.doFilter(request, response);
        } catch (ServletException | RuntimeException thrown) {
            Optional<MfaRequiredException> required = CauseChain.find(thrown);
            if (required.isEmpty()) {
                if (!secondFactorDemanded(request, response, thrown)) {
                    throw thrown;
                }
                return;
            }
            if (response.isCommitted()) {
                logger.log(Level.WARNING, LOG_COMMITTED, new Object[] {
                        audienceForLog(required.get().audience()), required.get().flowId()});
                throw thrown;
            }
            stepUp(request, response, required.get());
        }
    }

    // Helpers ----------------------------------------------------------------------------------------------------

    /** Declarative mode: puts the token in the request; answers and returns {@code false} when there is none. */
    private boolean provideToken(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            return declarativeTokens.provide(request, response, settings);
        } catch (MfaRequiredException required) {
            stepUp(request, response, required);
            return false;
        }
    }

    /** Answers a demand for a recent or stronger second factor when that is what was thrown, and says whether. */
    private boolean secondFactorDemanded(HttpServletRequest request, HttpServletResponse response,
            Throwable thrown) throws IOException {
        Optional<InsufficientUserAuthenticationException> demand = CauseChain.find(thrown,
                InsufficientUserAuthenticationException.class);
        if (demand.isEmpty() || response.isCommitted()) {
            return false;
        }
        dispatch.secondFactorDemanded(request, response, CallerKind.of(request, settings.apiPaths()),
                demand.get());
        return true;
    }

    /** Answers a step-up: the loop error right after a completed one, else where to go for it. */
    private void stepUp(HttpServletRequest request, HttpServletResponse response, MfaRequiredException required)
            throws IOException {
        dispatch.mfaRequired(request, response, CallerKind.of(request, settings.apiPaths()), required, settings);
    }

    /** How an audience appears in log lines: the default audience by that name. */
    static String audienceForLog(String audience) {
        return audience == null || audience.isEmpty() ? "(default)" : audience;
    }
}
