package dev.mfastepup.emulator;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The emulated tenant, one per application: settings, state, signing key and the logic objects over them. The
 * logic classes are plain Java so that unit tests build them without a container; this bean only wires them.
 */
@ApplicationScoped
public class Tenant {

    private static final Logger logger = Logger.getLogger(Tenant.class.getName());

    private EmulatorSettings settings;
    private TenantState state;
    private TokenIssuer issuer;
    private EmulatedMfaApi mfa;
    private AuthenticatorRemoval removal;
    private TokenEndpoint tokenEndpoint;
    private ClientAuthenticator clients;
    private SsoSessions ssoSessions;
    private UniversalLogin universalLogin;
    private final Timings timings = new Timings();

    /**
     * Builds the tenant from the system properties. Done here rather than in the constructor because the
     * container also constructs its proxy, and the proxy needs no key of its own.
     */
    @PostConstruct
    void build() {
        Clock clock = Clock.systemUTC();
        settings = EmulatorSettings.from(System.getProperties());
        state = new TenantState(settings.users());
        issuer = new TokenIssuer();
        TokenResponses tokens = new TokenResponses(state, issuer, clock);
        mfa = new EmulatedMfaApi(state, tokens, clock);
        removal = new AuthenticatorRemoval(mfa, state, issuer, clock, settings.removalNeedsMfaApiToken());
        clients = new ClientAuthenticator(settings);
        tokenEndpoint = new TokenEndpoint(state, clients, mfa, tokens, clock);
        ssoSessions = new SsoSessions(state, clock);
        universalLogin = new UniversalLogin(state, clients, ssoSessions, new SecondFactorStep(state, clock),
                tokenEndpoint, new LoginPages(settings.users()), clock);
    }

    /**
     * Prints the demo client and logins when the application starts; they are demo values, meant to be seen.
     *
     * @param event the start of the application scope.
     */
    void started(@Observes @Initialized(ApplicationScoped.class) Object event) {
        String users = state.users().stream()
                .map(u -> u.user().username() + " / " + u.user().password())
                .collect(Collectors.joining(", "));
        // The client secret is not logged, not even the demo one: no secret goes into a log line.
        logger.info(() -> "Auth0 emulator ready. Client id: " + settings.clientId() + ", client secret: set ("
                + settings.clientSecret().length() + " characters). Demo logins: " + users + ". Issuer: "
                + (settings.issuer() != null ? settings.issuer() : "taken from each request, such as "
                        + "http://localhost:8080/emulator/") + (settings.trustForwarded() && settings.issuer() == null
                        ? ", or proto://host/ from a request's Forwarded header" : "") + ". Test hooks under /__test: "
                + (settings.hooksEnabled() ? "on" : "off") + ". Inbox and push device page: /device");
    }

    /**
     * Returns the issuer URL: the configured one; else, when {@code emulator.trust-forwarded} is on and the request
     * has a {@code Forwarded} header naming a host, {@code proto://host/} from it ({@link ForwardedIssuer}); else
     * the base URL of the request.
     *
     * @param uriInfo the request's URIs.
     * @param headers the request's headers.
     * @return the issuer, ending in {@code /}.
     */
    public String issuer(UriInfo uriInfo, HttpHeaders headers) {
        return ForwardedIssuer.issuer(settings, uriInfo.getBaseUri(),
                headers == null ? null : headers.getRequestHeader("Forwarded"));
    }

    /** @return the settings. */
    public EmulatorSettings settings() {
        return settings;
    }

    /** @return the state. */
    public TenantState state() {
        return state;
    }

    /** @return the signer. */
    public TokenIssuer tokenIssuer() {
        return issuer;
    }

    /** @return the MFA logic. */
    public EmulatedMfaApi mfa() {
        return mfa;
    }

    /** @return the removal of authenticators, under the rule the settings choose. */
    public AuthenticatorRemoval removal() {
        return removal;
    }

    /** @return the token endpoint's logic. */
    public TokenEndpoint tokenEndpoint() {
        return tokenEndpoint;
    }

    /** @return the time spent on answers, per endpoint. */
    public Timings timings() {
        return timings;
    }

    /** @return the login sessions of Universal Login. */
    public SsoSessions ssoSessions() {
        return ssoSessions;
    }

    /** @return Universal Login: {@code /authorize} and its pages. */
    public UniversalLogin universalLogin() {
        return universalLogin;
    }

    /** @return the client authenticator. */
    public ClientAuthenticator clients() {
        return clients;
    }
}
