package dev.mfastepup.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mfastepup.testing.WildFlyLogSamples;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the integration tests read in WildFly's server.log. */
class WildFlyLogTest {

    private static final String LOG = WildFlyLogSamples.SERVER_LOG_WITH_LEVEL_WORDS_IN_MESSAGES;

    @Test
    void recordsAreReadByTheirLevelFieldNeverByTheTextOfAMessage() {
        List<ServerLogRecord> records = WildFlyLog.records(LOG);

        assertEquals(List.of(
                new ServerLogRecord("INFO", "org.jboss.as"),
                new ServerLogRecord("WARNING", "dev.mfastepup.faces.DeploymentSettingsCheck"),
                new ServerLogRecord("FINE", "dev.mfastepup.filter.MfaStepUpFilter"),
                new ServerLogRecord("FINEST", "dev.mfastepup.client.Auth0Client"),
                new ServerLogRecord("ERROR", "org.jboss.msc.service.fail"),
                new ServerLogRecord("DEBUG", "io.undertow.request")), records);
        assertEquals(3, records.stream().filter(ServerLogRecord::fineOrFiner).count());
    }

    @Test
    void messagesAreThoseOfTheRecordsAtTheLevelWithoutTheFieldsBeforeThem() {
        assertEquals(List.of("Step-up flow started"), WildFlyLog.messages(LOG, "FINE"));
        assertEquals(List.of("WFLYSRV0025: WildFly 39.0.1.Final started in 8892ms"), WildFlyLog.messages(LOG, "INFO"));
        assertEquals(List.of(), WildFlyLog.messages(LOG, "SEVERE"));
    }
}
