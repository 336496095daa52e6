package dev.mfastepup.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Properties;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.ShouldThrowException;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A placeholder {@code mfa-stepup.secret} fails the deployment, instead of the first user: the library reads and
 * checks its configuration while the application starts.
 *
 * <p>Payara Micro keeps running when an application fails to load; {@link FailedDeploymentDetector} turns that
 * into the {@link DeploymentException} expected here. The test then checks that the reason is the secret.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MisconfiguredDeploymentIT {

    private static final String PLACEHOLDER_SECRET = "changeme";

    @Deployment(testable = false)
    @ShouldThrowException(DeploymentException.class)
    static WebArchive deployment() {
        Properties config = ItDeployments.config("http://127.0.0.1:9/");
        config.setProperty("mfa-stepup.secret", PLACEHOLDER_SECRET);
        return ItDeployments.war("misconfigured-it.war", config);
    }

    @Test
    void sec02DeploymentFailsNamingTheKeyButNotTheValue() {
        // Arquillian has already checked that the deployment threw; here the server's reason is checked, in its
        // log and in the exception's message (which is what a failing build shows).
        String log = ServerLog.text();
        String refusal = FailedDeploymentDetector.lastRefusal().orElse("");
        assertAll(
                () -> assertTrue(log.contains("mfa-stepup.secret is shorter than 32 bytes"), "reason in the log"),
                () -> assertTrue(refusal.contains("mfa-stepup.secret is shorter than 32 bytes"), refusal),
                () -> assertFalse(refusal.contains(PLACEHOLDER_SECRET), "the secret's value in the message"),
                () -> assertFalse(log.contains(PLACEHOLDER_SECRET), "the secret's value is logged"));
    }
}
