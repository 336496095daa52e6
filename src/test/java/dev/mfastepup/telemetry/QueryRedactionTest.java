package dev.mfastepup.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The query of the server's span of a request that carries a secret keeps its names and loses its values. */
class QueryRedactionTest {

    private static final AttributeKey<String> URL_QUERY = AttributeKey.stringKey("url.query");

    private final TelemetryFixture telemetry = new TelemetryFixture();
    private final OpenTelemetryInstruments instruments = new OpenTelemetryInstruments(telemetry.sdk);

    @AfterEach
    void tearDown() {
        telemetry.close();
    }

    @Test
    void sec31TheServersSpanOfTheCallbackKeepsTheNamesAndNotTheValues() {
        Span request = telemetry.sdk.getTracer("server").spanBuilder("GET /app/mfa/universal-login/callback")
                .setSpanKind(SpanKind.SERVER).setAttribute(URL_QUERY, "code=CANARY-CODE&state=CANARY-STATE")
                .startSpan();
        try (Scope scope = request.makeCurrent()) {
            instruments.redactQueryOfCurrentSpan("code=CANARY-CODE&state=CANARY-STATE&");
        } finally {
            request.end();
        }

        assertEquals("code=REDACTED&state=REDACTED", telemetry.spans().get(0).getAttributes().get(URL_QUERY));
    }

    @Test
    void withoutASpanOrAQueryNothingHappens() {
        instruments.redactQueryOfCurrentSpan("code=C");
        Span request = telemetry.sdk.getTracer("server").spanBuilder("GET /app/x").startSpan();
        try (Scope scope = request.makeCurrent()) {
            instruments.redactQueryOfCurrentSpan(null);
        } finally {
            request.end();
        }

        assertNull(telemetry.spans().get(0).getAttributes().get(URL_QUERY));
    }

    @Test
    void aParameterWithoutAValueIsNamedAsWell() {
        assertEquals("error=REDACTED&flag=REDACTED", OpenTelemetryInstruments.redacted("error=x&flag"));
    }
}
