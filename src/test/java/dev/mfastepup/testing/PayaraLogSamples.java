package dev.mfastepup.testing;

/** Server logs shared by the tests that read them. */
public final class PayaraLogSamples {

    /**
     * Records in each of Payara Micro's formats (ODL with and without colours, ULF, and the JDK's two-line
     * format), seven of them, four at FINE or finer, and the words FINE and FINEST in messages, stack traces and
     * lines that belong to no record, where they must not be counted.
     */
    public static final String EVERY_FORMAT_WITH_LEVEL_WORDS_IN_MESSAGES = """
            [2026-12-06T13:48:25.636+0000] [] [\u001b[1;93mWARNING\u001b[0m] [] [\u001b[1;94mPayaraMicro\u001b[0m] [tid: _ThreadID=1] [levelValue: 900] says [FINE] and FINE
            [2026-12-06T13:48:25.700+0000] [] [FINEST] [] [dev.mfastepup.client.Auth0Client] [tid: _ThreadID=1] [[
              FINE: a message line, not a record
            ]]
            [#|2026-12-06T13:48:26.000+0000|FINER|Payara 6|dev.mfastepup.service.MfaService|_ThreadID=2;|entering|#]
            [#|2026-12-06T13:48:26.100+0000|INFO|Payara 6|javax.enterprise.system.core|_ThreadID=2;|FINE tuning|#]
            Dec 06, 2026 1:48:56 PM dev.mfastepup.service.CountStore of
            FINE: JCache unavailable
            java.lang.IllegalStateException: FINE
            FINE: in a stack trace's text, after no header line
            Dec 06, 2026 1:48:57 PM dev.mfastepup.event.SecurityLog record
            INFO: mfa.verify_succeeded reason=FINE level=FINE [FINE]
            Dec 06, 2026 10:02:03 AM dev.mfastepup.client.Auth0ErrorMapper parse
            FINER: entering
            FINEST the word, no level field
            CONFIG: no header line before it
            """;

    private PayaraLogSamples() {
    }
}
