package dev.mfastepup.testing;

/** WildFly's server.log, for the tests that read it. */
public final class WildFlyLogSamples {

    /**
     * Records as WildFly's {@code PATTERN} formatter writes them to server.log, six of them, three at FINE or finer
     * (java.util.logging's FINE and FINEST, which the module logs, and JBoss Logging's DEBUG), with the words FINE and
     * DEBUG in messages, stack traces and a message's second line, where they must not be counted.
     */
    public static final String SERVER_LOG_WITH_LEVEL_WORDS_IN_MESSAGES = """
            2026-12-07 04:38:21,505 INFO  [org.jboss.as] (Controller Boot Thread) WFLYSRV0025: WildFly 39.0.1.Final started in 8892ms
            2026-12-07 04:38:28,258 WARNING [dev.mfastepup.faces.DeploymentSettingsCheck] (ServerService Thread Pool -- 3) says FINE and [FINE]
            2026-12-07 04:38:39,107 FINE  [dev.mfastepup.filter.MfaStepUpFilter] (default task-2) Step-up flow started
            FINE: a message's second line, not a record
            2026-12-07 04:38:39,110 FINEST [dev.mfastepup.client.Auth0Client] (EE-ManagedThreadFactory-default-Thread-5) sent
            2026-12-07 04:38:40,001 ERROR [org.jboss.msc.service.fail] (MSC service thread 1-3) MSC000001: Failed to start
            java.lang.IllegalStateException: FINE
            \tat dev.mfastepup.config.MfaStepUpConfigReader.invalid(MfaStepUpConfigReader.java:200)
            2026-12-07 04:38:41,002 DEBUG [io.undertow.request] (default I/O-1) DEBUG in the text too
            04:38:41,003 FINE  [dev.mfastepup.x] (default task-1) the console's format, without a date: not server.log
            """;

    private WildFlyLogSamples() {
    }
}
