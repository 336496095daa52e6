package dev.mfastepup.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mfastepup.testing.LibertyLogSamples;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the integration tests read in Open Liberty's messages.log. */
class LibertyLogTest {

    private static final String LOG = LibertyLogSamples.MESSAGES_LOG_WITH_LEVEL_WORDS_IN_MESSAGES;

    @Test
    void recordsAreReadByTheirLevelFieldNeverByTheTextOfAMessageWithLibertysLevelsAsJavaUtilLoggingsNames() {
        List<ServerLogRecord> records = LibertyLog.records(LOG);

        assertEquals(List.of(
                new ServerLogRecord("INFO", "dev.mfastepup.audit"),
                new ServerLogRecord("FINE", "dev.mfastepup.service.CountStore"),
                new ServerLogRecord("INFO", "com.ibm.ws.app.manager.AppMessageHelper"),
                new ServerLogRecord("WARNING", "org.jboss.resteasy.microprofile.client.RestClientBuilderImpl"),
                new ServerLogRecord("FINEST", "dev.mfastepup.client.Auth0Client"),
                new ServerLogRecord("SEVERE", "com.ibm.ws.webcontainer.webapp"),
                new ServerLogRecord("FINEST", "com.ibm.ws.webcontainer")), records);
        assertEquals(3, records.stream().filter(ServerLogRecord::fineOrFiner).count());
    }

    @Test
    void messagesAreTheFirstLinesOfTheMessagesOfTheRecordsAtTheLevelUnescaped() {
        assertEquals(List.of("mfa.step_up_started user=u-1 flow=F ip=127.0.0.1 says FINE",
                "CWWKZ0012I: The application misconfigured-it was not started."), LibertyLog.messages(LOG, "INFO"));
        assertEquals(List.of("sent {\"loglevel\":\"FINE\"}", "FINE tuning"), LibertyLog.messages(LOG, "FINEST"));
        assertEquals(List.of("The default ResponseExceptionMapper has been disabled"),
                LibertyLog.messages(LOG, "WARNING"));
        assertEquals(List.of("SRVE0283E: Exception caught while initializing context: dev.mfastepup.MfaException"
                + " [configuration_error]: mfa-stepup.secret is shorter than 32 bytes"),
                LibertyLog.messages(LOG, "SEVERE"));
    }

    @Test
    void aLineTheServerIsStillWritingHasNoMessageYet() {
        String cut = "{\"type\":\"liberty_message\",\"module\":\"dev.mfastepup.audit\",\"loglevel\":\"INFO\",\"mess";

        assertEquals(List.of(), LibertyLog.messages(cut, "INFO"));
    }
}
