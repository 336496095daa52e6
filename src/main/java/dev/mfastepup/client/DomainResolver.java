package dev.mfastepup.client;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Chooses the Auth0 (custom) domain for a request, for applications that serve several tenants or custom domains
 * from one deployment, like the callable {@code domain} of Auth0's Python SDK.
 *
 * <h2>Installation</h2>
 * <p>Provide one CDI bean of this type in the application; without one, every request uses
 * {@code mfa-stepup.domain}:
 * <pre>
 * &#64;ApplicationScoped
 * public class TenantDomains implements DomainResolver {
 *     &#64;Override
 *     public String resolve(HttpServletRequest request) {
 *         return request.getServerName().startsWith("eu.") ? "login.eu.example.com" : "login.example.com";
 *     }
 * }
 * </pre>
 *
 * <p>The domain is resolved again on every call. A step-up context remembers the domain it was started with, and
 * is refused when a later request resolves another one, so that no {@code mfa_token} is ever sent to another
 * tenant than the one that issued it.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface DomainResolver {

    /**
     * Returns the Auth0 domain for the request.
     *
     * @param request the current request; read its host or headers, do not consume its body.
     * @return a host name with an optional port, such as {@code login.example.com}; an {@code https://} prefix
     *         and a trailing slash are accepted and removed.
     */
    String resolve(HttpServletRequest request);
}
