/**
 * The client of Auth0's Authentication API for MFA step-up: a MicroProfile Rest Client interface
 * ({@link dev.mfastepup.client.Auth0AuthenticationApi}), the one error mapper, the guard that bounds every answer
 * in size and time, the telemetry header, and {@link dev.mfastepup.client.Auth0Client}, which the services use.
 * Multiple tenants or custom domains are served through the {@link dev.mfastepup.client.DomainResolver} SPI.
 */
package dev.mfastepup.client;
