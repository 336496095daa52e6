package dev.mfastepup.it;

import java.nio.file.Path;

/**
 * Which server the integration tests run on: Payara Micro 6 by default, Open Liberty with {@code mvn verify
 * -Pliberty}, whose profile sets the system property {@value #PROPERTY} to {@value #LIBERTY} and names the server
 * it created ({@code liberty.home}, {@code liberty.server}).
 */
final class ItServer {

    /** The system property that names the server; absent for Payara Micro. */
    static final String PROPERTY = "mfastepup.it.server";

    /** Its value on Open Liberty, for {@code @DisabledIfSystemProperty}. */
    static final String LIBERTY = "liberty";

    private ItServer() {
        // static only
    }

    /** @return whether the tests run on Open Liberty. */
    static boolean liberty() {
        return LIBERTY.equals(System.getProperty(PROPERTY));
    }

    /** @return the product's name, for messages. */
    static String name() {
        return liberty() ? "Open Liberty" : "Payara Micro";
    }

    /**
     * Returns the directory of the Open Liberty server the build created.
     *
     * @return {@code <liberty.home>/usr/servers/<liberty.server>}.
     * @throws IllegalStateException when the profile did not name it.
     */
    static Path libertyServerDirectory() {
        String home = System.getProperty("liberty.home");
        String server = System.getProperty("liberty.server");
        if (home == null || server == null) {
            throw new IllegalStateException("System properties liberty.home and liberty.server must name the Open"
                    + " Liberty server (run the ITs with mvn verify -Pliberty), but are " + home + " and " + server);
        }
        return Path.of(home, "usr", "servers", server).toAbsolutePath();
    }
}
