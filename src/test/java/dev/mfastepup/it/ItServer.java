package dev.mfastepup.it;

import java.util.Locale;

/**
 * The server the integration tests run on, as the build names it in the system property {@value #PROPERTY}:
 * Payara Micro when it is not set (the default build), WildFly with {@code mvn verify -Pwildfly}, Open Liberty with
 * {@code mvn verify -Pliberty}.
 */
enum ItServer {

    /** Payara Micro 6, one process per deployment, its log on its console. */
    PAYARA_MICRO("payara-micro", "Payara Micro"),

    /** WildFly, one server for all the tests, its log in {@code standalone/log/server.log}. */
    WILDFLY("wildfly", "WildFly"),

    /**
     * Open Liberty, one server for all the tests, its log in {@code logs/messages.log} of the server's directory
     * ({@link LibertyLog}).
     */
    LIBERTY("liberty", "Open Liberty");

    /** The system property the build sets to the server's name. */
    static final String PROPERTY = "mfastepup.it.server";

    private final String name;
    private final String product;

    ItServer(String name, String product) {
        this.name = name;
        this.product = product;
    }

    /**
     * Returns the server of this run.
     *
     * @return the server named by {@value #PROPERTY}, Payara Micro without it.
     * @throws IllegalStateException when the property names no server the tests know.
     */
    static ItServer current() {
        return named(System.getProperty(PROPERTY));
    }

    /**
     * Returns the server of a name.
     *
     * @param value the name, such as {@code wildfly}; {@code null} or blank for the default.
     * @return the server.
     * @throws IllegalStateException when the name is not one the tests know.
     */
    static ItServer named(String value) {
        if (value == null || value.isBlank()) {
            return PAYARA_MICRO;
        }
        for (ItServer server : values()) {
            if (server.name.equals(value.strip().toLowerCase(Locale.ROOT))) {
                return server;
            }
        }
        throw new IllegalStateException("System property " + PROPERTY + " names no server the integration tests"
                + " know: " + value);
    }

    /** @return the product's name, for messages, such as {@code Open Liberty}. */
    String product() {
        return product;
    }

    /** @return the name, as in {@value #PROPERTY}. */
    @Override
    public String toString() {
        return name;
    }
}
