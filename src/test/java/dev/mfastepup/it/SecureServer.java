package dev.mfastepup.it;

import java.net.URL;
import javax.net.ssl.SSLContext;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * A server of its own with a plain HTTP and a real HTTPS listener, for {@link SecureRequestIT}: Payara Micro
 * ({@link PayaraHttps}) or Open Liberty ({@link LibertyHttps}).
 */
interface SecureServer extends AutoCloseable {

    /**
     * @param war one of the deployed applications.
     * @param secure whether the HTTPS listener is meant.
     * @return the application's base URL there, ending in a slash.
     */
    URL base(WebArchive war, boolean secure);

    /** @return a TLS context that trusts the server's certificate and nothing else. */
    SSLContext tls();

    @Override
    void close();
}
