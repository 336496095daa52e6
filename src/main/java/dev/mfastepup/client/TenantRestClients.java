package dev.mfastepup.client;

import dev.mfastepup.config.MfaStepUpConfig;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

/**
 * Builds the Rest Client of each tenant's base URL once and keeps it, so that every call goes through a client
 * with the same protections: the configured connect and read timeouts, no redirect ever followed, streamed
 * request bodies (never sent twice), every answer read through {@link GuardedBodyFilter}, error answers read by
 * {@link Auth0ErrorMapper} alone, and the telemetry header.
 *
 * <p>At most {@value #MAX_CACHED_TENANTS} clients are kept; past that, all are closed and built afresh.
 */
final class TenantRestClients implements AutoCloseable {

    static final int MAX_CACHED_TENANTS = 64;

    private final MfaStepUpConfig config;
    private final Map<URI, Auth0AuthenticationApi> apis = new ConcurrentHashMap<>();

    TenantRestClients(MfaStepUpConfig config) {
        this.config = config;
    }

    /**
     * Returns the base URL of a tenant: the configured {@code mfa-stepup.base-url}, or {@code https://{domain}/}.
     *
     * @param domain the tenant's domain, already validated.
     * @return the base URL.
     */
    URI baseUri(String domain) {
        return config.baseUrl().orElseGet(() -> URI.create("https://" + domain + "/"));
    }

    /**
     * Returns the Rest Client of a tenant, built on first use.
     *
     * @param domain the tenant's domain.
     * @return the client of its base URL.
     */
    Auth0AuthenticationApi api(String domain) {
        URI base = baseUri(domain);
        Auth0AuthenticationApi api = apis.get(base);
        if (api != null) {
            return api;
        }
        if (apis.size() >= MAX_CACHED_TENANTS) {
            // More tenants than expected: build clients afresh rather than grow without bound.
            closeAll();
        }
        return apis.computeIfAbsent(base, this::build);
    }

    /** Closes every client built so far. */
    @Override
    public void close() {
        closeAll();
    }

    private Auth0AuthenticationApi build(URI base) {
        return RestClientBuilder.newBuilder()
                .baseUri(base)
                .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .followRedirects(false)
                .property("microprofile.rest.client.disable.default.mapper", true)
                // Streamed bodies: HttpURLConnection silently sends a buffered POST a second time when the
                // connection drops, and a second MFA grant would use up the user's code twice.
                .property("jersey.config.client.request.entity.processing", "CHUNKED")
                .register(new Auth0ErrorMapper())
                .register(new GuardedBodyFilter(config.callDeadline()))
                .register(new TelemetryHeadersFilter())
                .build(Auth0AuthenticationApi.class);
    }

    private void closeAll() {
        apis.values().forEach(TenantRestClients::closeQuietly);
        apis.clear();
    }

    private static void closeQuietly(Auth0AuthenticationApi api) {
        if (api instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // closing a client that is no longer used; nothing to do
            }
        }
    }
}
