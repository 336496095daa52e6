package dev.mfastepup.client;

import dev.mfastepup.ErrorCodes;
import dev.mfastepup.MfaException;
import dev.mfastepup.config.DomainNames;
import dev.mfastepup.config.MfaStepUpConfig;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Objects;
import java.util.Optional;

/**
 * Resolves the Auth0 domain of a request: through the application's {@link DomainResolver} when it has one, else
 * the configured {@code mfa-stepup.domain}. The result is normalized (lower case, no scheme, no trailing slash).
 *
 * @since 0.1
 */
@Dependent
public final class TenantDomains {

    private final String defaultDomain;
    private final DomainResolver resolver;

    /**
     * Creates the resolution from the configuration and the application's {@link DomainResolver} bean, if it has
     * one; CDI calls this.
     *
     * @param config the module configuration.
     * @param resolvers the application's resolver, when it has one.
     */
    @Inject
    TenantDomains(MfaStepUpConfig config, Instance<DomainResolver> resolvers) {
        this(config.domain(), resolvers.isResolvable() ? resolvers.get() : null);
    }

    /**
     * Creates the resolution.
     *
     * @param defaultDomain the configured domain, already normalized.
     * @param resolver the application's resolver, or {@code null} to use the configured domain for every request.
     */
    public TenantDomains(String defaultDomain, DomainResolver resolver) {
        this.defaultDomain = Objects.requireNonNull(defaultDomain, "defaultDomain cannot be null");
        this.resolver = resolver;
    }

    /**
     * Returns the Auth0 domain of the request.
     *
     * @param request the current request.
     * @return the normalized domain.
     * @throws MfaException with code {@value ErrorCodes#DOMAIN_RESOLVER_ERROR} when the resolver returns
     *         nothing, something that is not a host name, or fails.
     */
    public String resolve(HttpServletRequest request) {
        if (resolver == null) {
            return defaultDomain;
        }
        Object resolved;
        try {
            resolved = resolver.resolve(request);
        } catch (RuntimeException failure) {
            throw error("Domain resolver function raised an exception: " + failure.getClass().getName(), failure);
        }
        if (resolved == null) {
            throw error("Domain resolver returned null. Must return a valid domain string.", null);
        }
        String domain = resolved.toString();
        if (domain.isBlank()) {
            throw error("Domain resolver returned an empty string. Must return a valid domain.", null);
        }
        Optional<String> normalized = DomainNames.normalize(domain);
        return normalized.orElseThrow(() -> error(
                "Domain resolver returned a value that is not a host name with an optional port.", null));
    }

    private static MfaException error(String message, Throwable cause) {
        return new MfaException(ErrorCodes.DOMAIN_RESOLVER_ERROR, message, cause);
    }
}
