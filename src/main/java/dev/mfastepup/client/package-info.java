/**
 * The client of Auth0's Authentication API for MFA step-up: a MicroProfile Rest Client interface
 * ({@link dev.mfastepup.client.Auth0AuthenticationApi}), the one error mapper, the guard that bounds every answer
 * in size and time, the telemetry header, and {@link dev.mfastepup.client.Auth0Client}, which the services use.
 * Behind that one public class, package-private parts each do one job: the Rest Client per tenant, the guarded
 * call (circuit breaker, bounded pool, deadline), the token grants, the MFA API, the key set, and the translation
 * of every failure into an {@link dev.mfastepup.client.IdpException}.
 * Multiple tenants or custom domains are served through the {@link dev.mfastepup.client.DomainResolver} SPI.
 *
 * <p><strong>API:</strong> {@link dev.mfastepup.client.DomainResolver} (to implement) and {@link
 * dev.mfastepup.client.IdpException} (to catch). The other public types here are internal: public only so that the
 * module's packages can use each other, and they may change in any release ({@code docs/api.md}).
 */
package dev.mfastepup.client;
