package dev.mfastepup.emulator;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;

/**
 * The emulator's Universal Login ({@code /authorize} and its pages), with a login session as Auth0 keeps one: a
 * password login starts a session ({@link SsoSessions}); a later {@code /authorize} in the same browser is answered
 * from it. The password is asked again for {@code prompt=login}, when {@code max_age} has passed since it was
 * entered, or when {@code login_hint} names another user; then, and on a later request, the second-factor step is
 * shown when {@code acr_values} asks for the multi-factor policy and the session has no second factor (or, with
 * {@code max_age}, none that recent); otherwise the browser goes straight back with a code. With
 * {@code prompt=none}, a request that would need a page is answered {@code login_required} or, when only the
 * second factor is missing, {@code interaction_required}, as OpenID Connect Core (3.1.2.6) says.
 */
public final class UniversalLogin {

    private final TenantState state;
    private final ClientAuthenticator clients;
    private final SsoSessions sessions;
    private final SecondFactorStep factors;
    private final TokenEndpoint tokens;
    private final LoginPages pages;
    private final Clock clock;

    /**
     * Creates the login.
     *
     * @param state the tenant state (users, and the lock).
     * @param clients knows the client.
     * @param sessions the login sessions.
     * @param factors the second-factor step.
     * @param tokens stores the authorization codes.
     * @param pages the HTML.
     * @param clock the clock.
     */
    public UniversalLogin(TenantState state, ClientAuthenticator clients, SsoSessions sessions,
            SecondFactorStep factors, TokenEndpoint tokens, LoginPages pages, Clock clock) {
        this.state = state;
        this.clients = clients;
        this.sessions = sessions;
        this.factors = factors;
        this.tokens = tokens;
        this.pages = pages;
        this.clock = clock;
    }

    /**
     * Answers {@code GET /authorize}.
     *
     * @param request the parameters.
     * @param cookie the session cookie's value, or {@code null}.
     * @param formBase the forms' action prefix ({@link LoginPages}).
     * @return a page, or a redirect with a code or an error.
     */
    public LoginOutcome authorize(AuthorizeRequest request, String cookie, String formBase) {
        LoginOutcome refused = refuse(request);
        if (refused != null) {
            return refused;
        }
        String hint = request.loginHint();
        // A hint is the username or the e-mail address, as what a user logs in with.
        Optional<SsoSession> session = sessions.find(cookie).filter(s -> hint == null
                || state.userByLogin(hint).map(a -> a.user().username().equals(s.username())).orElse(false));
        Set<String> prompt = request.prompt();
        Instant now = clock.instant();
        if (session.isEmpty() || prompt.contains("login") || tooOld(session.get().authTime(), request, now)) {
            if (prompt.contains("none")) {
                return error(request, "login_required", "Login required");
            }
            String username = hint != null ? hint : session.map(SsoSession::username).orElse(null);
            return LoginOutcome.page(200, pages.login(request, formBase, username, null));
        }
        if (needsSecondFactor(request, session.get(), now)) {
            if (prompt.contains("none")) {
                return error(request, "interaction_required", "Multifactor authentication required");
            }
            return secondFactorPage(request, formBase, session.get().username(), 200, null);
        }
        return code(request, session.get());
    }

    /**
     * Answers {@code POST /authorize/login}: checks the password and starts a session.
     *
     * @param request the carried parameters.
     * @param cookie the session cookie's value, or {@code null}; its session ends.
     * @param username the username typed.
     * @param password the password typed.
     * @param formBase the forms' action prefix.
     * @return the login page again (401), the second-factor step, or a redirect with a code; with a new session.
     */
    public LoginOutcome login(AuthorizeRequest request, String cookie, String username, String password,
            String formBase) {
        LoginOutcome refused = refuse(request);
        if (refused != null) {
            return refused;
        }
        Optional<UserAccount> account = state.userByLogin(username)
                .filter(a -> password != null && a.user().password().equals(password));
        if (account.isEmpty()) {
            return LoginOutcome.page(401, pages.login(request, formBase, username, "Wrong username or password."));
        }
        String name = account.get().user().username();
        SsoSession session = sessions.start(name, cookie);
        LoginOutcome next = needsSecondFactor(request, session, clock.instant())
                ? secondFactorPage(request, formBase, name, 200, null) : code(request, session);
        return next.withSession(session.id());
    }

    /**
     * Answers {@code POST /authorize/otp}: the code of the session user's authenticator app.
     *
     * @param request the carried parameters.
     * @param cookie the session cookie's value.
     * @param otp the code typed.
     * @param formBase the forms' action prefix.
     * @return a redirect with a code, or the step again with an error.
     */
    public LoginOutcome otp(AuthorizeRequest request, String cookie, String otp, String formBase) {
        return verify(request, cookie, formBase, username -> factors.otp(username, otp));
    }

    /**
     * Answers {@code POST /authorize/security-key}: the session user's security key, played by the emulator.
     *
     * @param request the carried parameters.
     * @param cookie the session cookie's value.
     * @param formBase the forms' action prefix.
     * @return a redirect with a code, or the step again with an error.
     */
    public LoginOutcome securityKey(AuthorizeRequest request, String cookie, String formBase) {
        return verify(request, cookie, formBase, factors::securityKey);
    }

    private LoginOutcome verify(AuthorizeRequest request, String cookie, String formBase,
            Function<String, SecondFactorStep.Result> check) {
        LoginOutcome refused = refuse(request);
        if (refused != null) {
            return refused;
        }
        Optional<SsoSession> session = sessions.find(cookie);
        if (session.isEmpty()) {
            return LoginOutcome.page(401, pages.login(request, formBase, request.loginHint(),
                    "Your login session has ended. Log in again."));
        }
        String username = session.get().username();
        return switch (check.apply(username)) {
            case VERIFIED -> {
                sessions.multiFactorDone(session.get());
                yield code(request, session.get());
            }
            case WRONG -> secondFactorPage(request, formBase, username, 401, "Wrong code. Try again.");
            case LOCKED -> secondFactorPage(request, formBase, username, 429,
                    "Too many failed attempts. Try again later.");
            case UNAVAILABLE -> secondFactorPage(request, formBase, username, 400,
                    "That factor is not enrolled for " + username + ".");
        };
    }

    private LoginOutcome secondFactorPage(AuthorizeRequest request, String formBase, String username, int status,
            String error) {
        Set<FactorKind> usable = factors.usable(username);
        if (usable.isEmpty()) {
            return LoginOutcome.page(403, pages.noUsableFactor(username, factors.hasAny(username)));
        }
        return LoginOutcome.page(status, pages.secondFactor(request, formBase, username, usable, error));
    }

    private static boolean tooOld(Instant at, AuthorizeRequest request, Instant now) {
        OptionalLong maxAge = request.maxAge();
        // max_age=0 asks for a new login every time (OpenID Connect Core 3.1.2.1), even within the same second.
        return maxAge.isPresent()
                && (maxAge.getAsLong() == 0 || now.getEpochSecond() - at.getEpochSecond() > maxAge.getAsLong());
    }

    private boolean needsSecondFactor(AuthorizeRequest request, SsoSession session, Instant now) {
        if (!request.asksForMultiFactor()) {
            return false;
        }
        Instant done;
        synchronized (state) {
            done = session.multiFactorAt();
        }
        return done == null || tooOld(done, request, now);
    }

    private LoginOutcome code(AuthorizeRequest request, SsoSession session) {
        LoginFacts facts;
        synchronized (state) {
            facts = new LoginFacts(session.authTime(), session.multiFactorAt() != null,
                    request.asksForMultiFactor());
        }
        String code = tokens.newCode(session.username(), request.get("client_id"), request.get("redirect_uri"),
                request.scope(), request.get("audience"), request.get("nonce"), request.get("code_challenge"),
                request.get("code_challenge_method"), facts);
        return LoginOutcome.redirect(Responses.withQuery(request.get("redirect_uri"), "code", code,
                "state", request.get("state")));
    }

    private static LoginOutcome error(AuthorizeRequest request, String error, String description) {
        return LoginOutcome.redirect(Responses.withQuery(request.get("redirect_uri"), "error", error,
                "error_description", description, "state", request.get("state")));
    }

    /** Returns the answer to a request that cannot be served, or {@code null}. */
    private LoginOutcome refuse(AuthorizeRequest request) {
        if (!clients.knows(request.get("client_id"))) {
            return LoginOutcome.page(400, LoginPages.error("Unknown client", "client_id "
                    + request.get("client_id") + " is not registered in this emulator."));
        }
        if (!AuthorizeRequest.isWebUrl(request.get("redirect_uri"))) {
            // Never redirect to an address that was not checked; an error page instead.
            return LoginOutcome.page(400, LoginPages.error("Invalid redirect_uri",
                    "An http or https URL is required."));
        }
        return request.refusal().map(r -> error(request, r.error(), r.description())).orElse(null);
    }
}
