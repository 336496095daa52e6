package dev.mfastepup.testing;

/** Open Liberty's messages.log, for the tests that read it. */
public final class LibertyLogSamples {

    /**
     * Open Liberty's messages.log as the server of the integration tests writes it (JSON lines, the traces in it):
     * its header and first message before the JSON, then seven records by their {@code loglevel} field, three at FINE
     * or finer (the module's FINE and FINEST, Liberty's DEBUG), an FFDC report, which has no level field, and the
     * words FINE and {@code "loglevel":"FINE"} in messages and a stack trace, where they must not be counted.
     */
    public static final String MESSAGES_LOG_WITH_LEVEL_WORDS_IN_MESSAGES = """
            ********************************************************************************
            product = Open Liberty 26.0.0.3 (wlp-1.0.111.cl260320260309-1102)
            ********************************************************************************
            [12/7/26, 5:59:39:124 UTC] 00000001 com.ibm.ws.kernel.launch.internal.FrameworkManager           A CWWKE0001I: The server mfaStepupIt has been launched.
            {"type":"liberty_message","host":"localhost","message":"mfa.step_up_started user=u-1 flow=F ip=127.0.0.1 says FINE","ibm_threadId":"0000004a","ibm_datetime":"2026-12-07T04:54:33.260+0000","module":"dev.mfastepup.audit","loglevel":"INFO","ibm_sequence":"1"}
            {"type":"liberty_trace","host":"localhost","message":"JCache unavailable","ibm_threadId":"00000022","ibm_datetime":"2026-12-07T04:54:27.590+0000","module":"dev.mfastepup.service.CountStore","loglevel":"FINE","ibm_sequence":"2","ibm_exceptionName":"java.lang.NoClassDefFoundError","ibm_stackTrace":"java.lang.NoClassDefFoundError: javax\\/cache\\/CacheException\\nFINE: in a stack trace\\n\\tat x.y(Unknown Source)"}
            {"type":"liberty_message","message":"CWWKZ0012I: The application misconfigured-it was not started.","ibm_datetime":"2026-12-07T05:04:07.900+0000","ibm_messageId":"CWWKZ0012I","module":"com.ibm.ws.app.manager.AppMessageHelper","loglevel":"AUDIT"}
            {"type":"liberty_message","message":"The default ResponseExceptionMapper has been disabled","ibm_datetime":"2026-12-07T04:54:25.882+0000","module":"org.jboss.resteasy.microprofile.client.RestClientBuilderImpl","loglevel":"WARN","ibm_methodName":"isMapperDisabled"}
            {"type":"liberty_trace","message":"sent {\\"loglevel\\":\\"FINE\\"}\\nFINE: a second line","ibm_datetime":"2026-12-07T04:54:28.000+0000","module":"dev.mfastepup.client.Auth0Client","loglevel":"FINEST"}
            {"type":"liberty_message","message":"SRVE0283E: Exception caught while initializing context: dev.mfastepup.MfaException [configuration_error]: mfa-stepup.secret is shorter than 32 bytes","ibm_datetime":"2026-12-07T05:04:07.800+0000","ibm_messageId":"SRVE0283E","module":"com.ibm.ws.webcontainer.webapp","loglevel":"ERROR"}
            {"type":"liberty_trace","message":"FINE tuning","ibm_datetime":"2026-12-07T05:04:08.000+0000","module":"com.ibm.ws.webcontainer","loglevel":"DEBUG"}
            {"type":"liberty_ffdc","ibm_datetime":"2026-12-07T05:04:07.850+0000","ibm_className":"com.ibm.ws.webcontainer.webapp.WebApp","ibm_exceptionName":"dev.mfastepup.MfaException","ibm_probeID":"1341","ibm_stackTrace":"FINE: not a record"}
            """;

    private LibertyLogSamples() {
    }
}
