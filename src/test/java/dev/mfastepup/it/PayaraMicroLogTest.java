package dev.mfastepup.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import dev.mfastepup.testing.PayaraLogSamples;
import org.junit.jupiter.api.Test;

/** What {@link FailedDeploymentDetector} reads in Payara Micro's console, on excerpts of real consoles. */
class PayaraMicroLogTest {

    private static final String REFUSED = """
            [2026-11-27T00:21:43.465+0000] [] [SEVERE] [] [javax.enterprise.system.core] Exception while loading the app

            [2026-11-27T00:21:43.470+0000] [] [SEVERE] [] [javax.enterprise.system.core] Exception while loading the app : CDI deployment failure:mfa-stepup.secret is shorter than 32 bytes
            \tat dev.mfastepup.config.MfaStepUpConfigReader.invalid(MfaStepUpConfigReader.java:200)
            Caused by: java.lang.IllegalStateException: reason
            [2026-11-27T00:21:43.479+0000] [] [INFO] [] [PayaraMicro] [[

            Payara Micro URLs:

            ]]
            """;

    private static final String SERVED = """
                        "Context Root": "/pages-http-it",
                        "Mappings": {
                            "/reports": "dev.mfastepup.it.ReportsServlet"
                        }
                    }
                ]
            }
            }]]

            [2026-11-27T00:21:38.903+0000] [] [INFO] [] [PayaraMicro] [[

            Payara Micro URLs:
            http://localhost:8177/pages-http-it

            ]]
            """;

    /** The console up to the last port line of the instance configuration: what the connector may have read. */
    private static final String CUT_SHORT = """
            [2026-11-27T00:21:38.900+0000] [] [INFO] [] [PayaraMicro] [[
              {
                "Instance Configuration": {
                    "Host": "localhost",
                    "Http Port(s)": "8177",
                    "Https Port(s)": "",
            """;

    @Test
    void aLoadFailureIsReportedWithItsCausesAndWithoutStackFrames() {
        String failure = PayaraMicroLog.loadFailure(REFUSED).orElseThrow();

        assertTrue(failure.startsWith("Exception while loading the app"), failure);
        assertTrue(failure.contains("mfa-stepup.secret is shorter than 32 bytes"), failure);
        assertTrue(failure.contains("Caused by: java.lang.IllegalStateException: reason"), failure);
        assertFalse(failure.contains("MfaStepUpConfigReader.java:200"), failure);
        assertFalse(PayaraMicroLog.servesApplication(REFUSED, "misconfigured-it"));
    }

    @Test
    void anApplicationIsServedOnceItsUrlIsListed() {
        assertTrue(PayaraMicroLog.servesApplication(SERVED, "pages-http-it"));
        assertFalse(PayaraMicroLog.servesApplication(SERVED, "pages-http"), "a prefix of the context root");
        assertFalse(PayaraMicroLog.servesApplication(SERVED, "other-it"));
        assertTrue(PayaraMicroLog.loadFailure(SERVED).isEmpty());
    }

    @Test
    void aConsoleCutShortSaysNeither() {
        assertFalse(PayaraMicroLog.servesApplication(CUT_SHORT, "pages-http-it"));
        assertTrue(PayaraMicroLog.loadFailure(CUT_SHORT).isEmpty());
    }

    @Test
    void aServerCameUpOnceItPrintedItsInstanceConfiguration() {
        String booting = """
                [2026-12-07T07:37:01.204+0000] [] [INFO] [] [PayaraMicro] Payara Micro Runtime directory is located at\
                 /build/target/tmp/payaramicro-runtime
                [2026-12-07T07:37:01.390+0000] [] [INFO] [] [fish.payara.micro.boot.runtime.PayaraMicroRuntimeBuilder]\
                 Built Payara Micro Runtime
                """;

        assertFalse(PayaraMicroLog.cameUp(booting));
        assertTrue(PayaraMicroLog.cameUp(CUT_SHORT));
        assertTrue(PayaraMicroLog.cameUp(REFUSED + CUT_SHORT), "a server that refused the application came up");
    }

    @Test
    void theTailKeepsTheLastLinesThatSaySomething() {
        assertEquals("]]", PayaraMicroLog.tail(SERVED, 1));
        assertEquals("Payara Micro URLs:\nhttp://localhost:8177/pages-http-it\n]]", PayaraMicroLog.tail(SERVED, 3));
    }

    @Test
    void recordsAreReadByTheirLevelFieldNeverByTheTextOfAMessage() {
        String log = PayaraLogSamples.EVERY_FORMAT_WITH_LEVEL_WORDS_IN_MESSAGES;

        List<ServerLogRecord> records = PayaraMicroLog.records(log);

        assertEquals(List.of(
                new ServerLogRecord("WARNING", "PayaraMicro"),
                new ServerLogRecord("FINEST", "dev.mfastepup.client.Auth0Client"),
                new ServerLogRecord("FINER", "dev.mfastepup.service.MfaService"),
                new ServerLogRecord("INFO", "javax.enterprise.system.core"),
                new ServerLogRecord("FINE", "dev.mfastepup.service.CountStore"),
                new ServerLogRecord("INFO", "dev.mfastepup.event.SecurityLog"),
                new ServerLogRecord("FINER", "dev.mfastepup.client.Auth0ErrorMapper")), records);
        assertEquals(4, records.stream().filter(ServerLogRecord::fineOrFiner).count());
    }
}
