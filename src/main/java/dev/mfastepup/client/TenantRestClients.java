package dev.mfastepup.client;

import dev.mfastepup.config.MfaStepUpConfig;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

/**
 * Builds the Rest Client of each tenant's base URL once and keeps it, so that every call goes through a client
 * with the same protections: sent by the {@link SendOnceTransport} (never twice, no redirect followed, the whole
 * exchange within the call deadline, every answer's body read), every answer checked by {@link GuardedBodyFilter},
 * error answers read by {@link Auth0ErrorMapper} alone, and the telemetry header.
 *
 * <p>At most {@value #MAX_CACHED_TENANTS} clients are kept; past that, all are closed and built afresh.
 */
final class TenantRestClients implements AutoCloseable {

    static final int MAX_CACHED_TENANTS = 64;

    private final MfaStepUpConfig config;
    private final SendOnceTransport transport;
    private final Map<URI, Auth0AuthenticationApi> apis = new ConcurrentHashMap<>();

    TenantRestClients(MfaStepUpConfig config) {
        this.config = config;
        // One transport for all tenants: one HttpClient, whose pool keeps a connection per host.
        this.transport = new SendOnceTransport(config.connectTimeout(), config.readTimeout(),
                config.callDeadline());
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
                .followRedirects(false)
                .property("microprofile.rest.client.disable.default.mapper", true)
                .register(new Auth0ErrorMapper())
                .register(new GuardedBodyFilter(config.callDeadline()))
                .register(new TelemetryHeadersFilter())
                .register(transport, SendOnceTransport.PRIORITY)
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
