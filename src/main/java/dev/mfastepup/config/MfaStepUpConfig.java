package dev.mfastepup.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The module's configuration, read once from MicroProfile Config at deployment and immutable after that.
 *
 * <p>Build it with {@link MfaStepUpConfigReader}; it validates every value and fails the deployment with a
 * message that names the key and the rule it breaks (never the value of a secret).
 *
 * @param domain the Auth0 (custom) domain, such as {@code example.eu.auth0.com}; the default for requests that
 *        no {@link dev.mfastepup.client.DomainResolver} resolves.
 * @param clientId the client id of the application at Auth0.
 * @param clientSecret the client secret, or empty for a public client.
 * @param secrets the module secret first, then the previous secrets still accepted when unsealing.
 * @param contextTtl how long a sealed step-up context lives, 1 to 600 seconds.
 * @param connectTimeout the connect timeout of every call to Auth0.
 * @param readTimeout the longest wait, once a request to Auth0 is sent, for its answer to begin.
 * @param callDeadline the longest time one call to Auth0 may take in all, reading the body included.
 * @param baseUrl an explicit base URL for Auth0's endpoints (an emulator, a test stub), or empty for
 *        {@code https://{domain}}.
 * @param tokenRefreshMargin how long before its expiry a cached access token is refreshed.
 * @param maxConcurrentCalls how many calls to Auth0 may be in flight at once; the rest are refused at once.
 * @param limitsStore where the counts of the module's limits on wrong codes and messages live.
 * @param idTokenSigning how Auth0 signs the application's ID tokens.
 * @since 0.1
 */
public record MfaStepUpConfig(
        String domain,
        String clientId,
        Optional<String> clientSecret,
        List<String> secrets,
        Duration contextTtl,
        Duration connectTimeout,
        Duration readTimeout,
        Duration callDeadline,
        Optional<URI> baseUrl,
        Duration tokenRefreshMargin,
        int maxConcurrentCalls,
        LimitsStore limitsStore,
        IdTokenSigning idTokenSigning) {

    /**
     * Checks for nulls and copies the secret list.
     *
     * @param domain the Auth0 (custom) domain, such as {@code example.eu.auth0.com}; the default for requests that
     *        no {@link dev.mfastepup.client.DomainResolver} resolves.
     * @param clientId the client id of the application at Auth0.
     * @param clientSecret the client secret, or empty for a public client.
     * @param secrets the module secret first, then the previous secrets still accepted when unsealing.
     * @param contextTtl how long a sealed step-up context lives, 1 to 600 seconds.
     * @param connectTimeout the connect timeout of every call to Auth0.
     * @param readTimeout the longest wait, once a request to Auth0 is sent, for its answer to begin.
     * @param callDeadline the longest time one call to Auth0 may take in all, reading the body included.
     * @param baseUrl an explicit base URL for Auth0's endpoints (an emulator, a test stub), or empty for
     *        {@code https://{domain}}.
     * @param tokenRefreshMargin how long before its expiry a cached access token is refreshed.
     * @param maxConcurrentCalls how many calls to Auth0 may be in flight at once; the rest are refused at once.
     * @param limitsStore where the counts of the module's limits on wrong codes and messages live.
     * @param idTokenSigning how Auth0 signs the application's ID tokens.
     */
    public MfaStepUpConfig {
        Objects.requireNonNull(domain, "domain cannot be null");
        Objects.requireNonNull(clientId, "clientId cannot be null");
        Objects.requireNonNull(clientSecret, "clientSecret cannot be null");
        secrets = List.copyOf(Objects.requireNonNull(secrets, "secrets cannot be null"));
        Objects.requireNonNull(contextTtl, "contextTtl cannot be null");
        Objects.requireNonNull(connectTimeout, "connectTimeout cannot be null");
        Objects.requireNonNull(readTimeout, "readTimeout cannot be null");
        Objects.requireNonNull(callDeadline, "callDeadline cannot be null");
        Objects.requireNonNull(baseUrl, "baseUrl cannot be null");
        Objects.requireNonNull(tokenRefreshMargin, "tokenRefreshMargin cannot be null");
        Objects.requireNonNull(limitsStore, "limitsStore cannot be null");
        Objects.requireNonNull(idTokenSigning, "idTokenSigning cannot be null");
    }

    /**
     * The configuration of an application whose ID tokens Auth0 signs with RS256, its default.
     *
     * @param domain see above.
     * @param clientId see above.
     * @param clientSecret see above.
     * @param secrets see above.
     * @param contextTtl see above.
     * @param connectTimeout see above.
     * @param readTimeout see above.
     * @param callDeadline see above.
     * @param baseUrl see above.
     * @param tokenRefreshMargin see above.
     * @param maxConcurrentCalls see above.
     * @param limitsStore see above.
     */
    public MfaStepUpConfig(String domain, String clientId, Optional<String> clientSecret, List<String> secrets,
            Duration contextTtl, Duration connectTimeout, Duration readTimeout, Duration callDeadline,
            Optional<URI> baseUrl, Duration tokenRefreshMargin, int maxConcurrentCalls, LimitsStore limitsStore) {
        this(domain, clientId, clientSecret, secrets, contextTtl, connectTimeout, readTimeout, callDeadline, baseUrl,
                tokenRefreshMargin, maxConcurrentCalls, limitsStore, IdTokenSigning.RS256);
    }

    /** Leaves the client secret and the module secrets out, so that the record can be logged. */
    @Override
    public String toString() {
        return "MfaStepUpConfig[domain=" + domain + ", clientId=" + clientId
                + ", clientSecret=" + (clientSecret.isPresent() ? "[set]" : "[none]")
                + ", secrets=[" + secrets.size() + " set], contextTtl=" + contextTtl
                + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
                + ", callDeadline=" + callDeadline + ", baseUrl=" + baseUrl.map(URI::toString).orElse("[none]")
                + ", tokenRefreshMargin=" + tokenRefreshMargin + ", maxConcurrentCalls=" + maxConcurrentCalls
                + ", limitsStore=" + limitsStore + ", idTokenSigning=" + idTokenSigning + "]";
    }
}
