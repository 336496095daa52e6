package dev.mfastepup.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How {@link LibertyLog} turns Open Liberty's JSON log records into the simple format that the log checks read,
 * on records as Liberty 26 writes them to {@code messages.log}.
 */
class LibertyLogTest {

    private static final String MESSAGE = """
            {"type":"liberty_message","host":"localhost","message":"mfa.step_up_started user=u-1 flow=F ip=127.0.0.1",\
            "ibm_threadId":"0000004a","ibm_datetime":"2026-12-07T04:54:33.260+0000",\
            "module":"dev.mfastepup.audit","loglevel":"INFO","ibm_sequence":"1"}""";

    private static final String TRACE = """
            {"type":"liberty_trace","host":"localhost","message":"JCache unavailable","ibm_threadId":"00000022",\
            "ibm_datetime":"2026-12-07T04:54:27.590+0000","module":"dev.mfastepup.service.CountStore",\
            "loglevel":"FINE","ibm_sequence":"2","ibm_exceptionName":"java.lang.NoClassDefFoundError",\
            "ibm_stackTrace":"java.lang.NoClassDefFoundError: javax\\/cache\\/CacheException\\n\\tat x.y(Unknown Source)"}""";

    private static final String AUDIT = """
            {"type":"liberty_message","message":"CWWKZ0012I: The application misconfigured-it was not started.",\
            "ibm_datetime":"2026-12-07T05:04:07.900+0000","ibm_messageId":"CWWKZ0012I",\
            "module":"com.ibm.ws.app.manager.AppMessageHelper","loglevel":"AUDIT"}""";

    private static final String RESTEASY = """
            {"type":"liberty_message","message":"The default ResponseExceptionMapper has been disabled",\
            "ibm_datetime":"2026-12-07T04:54:25.882+0000",\
            "module":"org.jboss.resteasy.microprofile.client.RestClientBuilderImpl","loglevel":"WARN",\
            "ibm_methodName":"isMapperDisabled"}""";

    @Test
    void eachRecordBecomesAHeaderAndALevelLineThatTheLogChecksRead() {
        String log = String.join("", List.of(MESSAGE, TRACE, AUDIT, RESTEASY).stream()
                .map(LibertyLog::simpleFormat).toList());

        List<PayaraMicroLog.LogRecord> records = PayaraMicroLog.records(log);

        assertEquals(List.of(new PayaraMicroLog.LogRecord("INFO", "dev.mfastepup.audit"),
                new PayaraMicroLog.LogRecord("FINE", "dev.mfastepup.service.CountStore"),
                new PayaraMicroLog.LogRecord("INFO", "com.ibm.ws.app.manager.AppMessageHelper"),
                new PayaraMicroLog.LogRecord("WARNING", "org.jboss.resteasy.microprofile.client.RestClientBuilderImpl")),
                records, log);
        assertTrue(log.contains("\nINFO: mfa.step_up_started user=u-1 flow=F ip=127.0.0.1\n"), log);
        assertTrue(log.contains("INFO: CWWKZ0012I: The application misconfigured-it was not started."), log);
        assertTrue(log.contains("java.lang.NoClassDefFoundError: javax/cache/CacheException"), "the stack: " + log);
    }

    @Test
    void aLineThatIsNoJsonObjectIsKeptAsItIs() {
        assertEquals("not json\n", LibertyLog.simpleFormat("not json"));
        assertEquals("[1,2]\n", LibertyLog.simpleFormat("[1,2]"));
    }
}
