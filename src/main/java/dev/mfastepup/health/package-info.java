/**
 * What the module tells a MicroProfile Health endpoint: {@link dev.mfastepup.health.Auth0Readiness}, the circuit
 * breakers of the Auth0 tenants, degraded but never down. See {@code docs/observability.md}.
 *
 * <p><strong>API:</strong> none to call; the server finds the check on its own. The check's name and data are
 * documented for operators.
 *
 * @since 0.2
 */
package dev.mfastepup.health;
