package dev.mfastepup.it;

import java.net.URL;
import javax.net.ssl.SSLContext;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * A server of the test's own with a plain HTTP listener and a real HTTPS listener, both on {@code localhost}, serving
 * the WARs it was started with: {@link PayaraHttps}, {@link WildFlyHttps} or {@link LibertyHttps}.
 */
interface HttpsServer extends AutoCloseable {

    /**
     * @param war one of the deployed applications.
     * @param secure whether the HTTPS listener is meant.
     * @return the application's base URL there, ending in a slash; {@code https://localhost:...} or
     *         {@code http://localhost:...}.
     */
    URL base(WebArchive war, boolean secure);

    /**
     * Returns a TLS context that trusts the server's certificate and nothing else, so that host name checks stay on.
     *
     * @return the context.
     */
    SSLContext tls();

    /** Stops the server. */
    @Override
    void close();
}
