/**
 * Traces and metrics through MicroProfile Telemetry (OpenTelemetry), where the server has it:
 * {@link dev.mfastepup.telemetry.ModuleTelemetry} finds the server's {@code OpenTelemetry}, and then records a
 * client span and the HTTP client metrics of every call to Auth0, and counts the step-ups from the
 * {@link dev.mfastepup.event.StepUpEvent}s. Where the server has no OpenTelemetry, nothing here loads an
 * OpenTelemetry class and nothing is recorded. See {@code docs/observability.md}.
 *
 * <p><strong>API:</strong> none to call; the names of the spans, metrics and attributes are documented for
 * operators.
 *
 * @since 0.2
 */
package dev.mfastepup.telemetry;
