package dev.mfastepup.client;

import java.net.URI;
import java.util.Objects;

/**
 * One call to Auth0, as an {@link Auth0CallObserver} sees it: the HTTP method, the path as a template (an
 * authenticator's id is {@code {id}}, never the value) and the tenant's base URL. It names no token, code or
 * secret: none is in a URL of the protocol, and this record holds none of the headers or bodies.
 *
 * @param method the HTTP method, such as {@code POST}.
 * @param route the path template, such as {@code /oauth/token} or {@code /mfa/authenticators/{id}}.
 * @param baseUri the base URL of the tenant (or of {@code mfa-stepup.base-url}).
 * @since 0.2
 */
public record Auth0Call(String method, String route, URI baseUri) {

    /** The refresh-token, authorization-code and MFA grants. */
    static final String TOKEN = "/oauth/token";
    /** The MFA API's list and delete of authenticators. */
    static final String AUTHENTICATORS = "/mfa/authenticators";
    /** The MFA API's enrollment. */
    static final String ASSOCIATE = "/mfa/associate";
    /** The MFA API's challenge. */
    static final String CHALLENGE = "/mfa/challenge";
    /** The tenant's signing keys. */
    static final String KEY_SET = "/.well-known/jwks.json";

    /**
     * Checks the parts.
     *
     * @param method the HTTP method.
     * @param route the path template.
     * @param baseUri the base URL.
     */
    public Auth0Call {
        Objects.requireNonNull(method, "method cannot be null");
        Objects.requireNonNull(route, "route cannot be null");
        Objects.requireNonNull(baseUri, "baseUri cannot be null");
    }

    /**
     * The URL of the call, with the path as a template: text, not a {@link URI}, since a template's braces are not
     * allowed in one.
     *
     * @return the base URL followed by the route.
     */
    public String url() {
        String base = baseUri.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + route;
    }

    /**
     * The status Auth0 answers a successful call with: 204 for a delete, 200 for all others.
     *
     * @return the status.
     */
    public int successStatus() {
        return method.equals("DELETE") ? 204 : 200;
    }
}
