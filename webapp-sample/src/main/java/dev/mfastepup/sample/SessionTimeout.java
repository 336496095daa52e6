package dev.mfastepup.sample;

import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Gives each new session the lifetime in {@code sample.session-timeout-seconds} (environment variable
 * {@code SAMPLE_SESSION_TIMEOUT_SECONDS}) when it is set; otherwise the 30 minutes of {@code web.xml} apply. The
 * benchmarks set a short one to see the heap return to its baseline once the sessions of a load test have expired.
 */
@WebListener
public class SessionTimeout implements HttpSessionListener {

    private final Optional<Integer> seconds = ConfigProvider.getConfig()
            .getOptionalValue("sample.session-timeout-seconds", Integer.class)
            .filter(value -> value > 0);

    @Override
    public void sessionCreated(HttpSessionEvent event) {
        seconds.ifPresent(value -> event.getSession().setMaxInactiveInterval(value));
    }
}
