package dev.mfastepup.it;

import java.net.URL;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * A server of the test's own with a plain HTTP listener and a real HTTPS listener, both on {@code localhost}, serving
 * the WARs it was started with: {@link PayaraHttps} or {@link WildFlyHttps}.
 */
interface HttpsServer extends AutoCloseable {

    /**
     * @param war one of the deployed applications.
     * @param secure whether the HTTPS listener is meant.
     * @return the application's base URL there, ending in a slash; {@code https://localhost:...} or
     *         {@code http://localhost:...}.
     */
    URL base(WebArchive war, boolean secure);

    /** Stops the server. */
    @Override
    void close();
}
