package dev.mfastepup.it;

/**
 * One record of a server's log, as {@link PayaraMicroLog#records} and {@link WildFlyLog#records} read it: its level
 * field and where it comes from.
 *
 * @param level the level, such as {@code FINE}: java.util.logging's names, or on WildFly JBoss Logging's for the
 *     records logged through it ({@code DEBUG}, {@code TRACE}, {@code WARN}, {@code ERROR}, {@code FATAL}).
 * @param source the logger's name, or in Payara Micro's simple format the class that logged.
 */
record ServerLogRecord(String level, String source) {

    /**
     * @return whether the level is {@code FINE}, {@code FINER} or {@code FINEST}, or JBoss Logging's {@code DEBUG}
     *     or {@code TRACE}, which are the same levels (500 and 400).
     */
    boolean fineOrFiner() {
        return level.startsWith("FINE") || level.equals("DEBUG") || level.equals("TRACE");
    }
}
