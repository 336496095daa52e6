package dev.mfastepup.it;

import fish.payara.arquillian.container.payara.managed.PayaraMicroDeployableContainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.core.spi.LoadableExtension;
import org.jboss.shrinkwrap.api.Archive;

/**
 * Starts Payara Micro a second time when the first one never came up, after saving what it was doing.
 *
 * <p>The Payara Micro connector 3.1 starts one server per deployment and waits up to its startup timeout for it.
 * When the server has not even printed its instance configuration by then (it was seen once in a CI run, on Payara
 * Micro 7: 190 s without a line, where a start takes 15 s), the connector fails the deployment with "No
 * applications were found deployed to Payara Micro", leaves the process running and says nothing of why. That
 * says nothing about the module: no application code has run before the instance configuration is printed.
 *
 * <p>So this container, used in place of the connector's own, does then what a person would: it writes the stalled
 * server's thread dump and console to {@code target/payara-micro-stalled-*.txt} and says so on the test's error
 * stream, stops that server, and starts it once more. A server that came up and refused the application is not
 * restarted: {@link FailedDeploymentDetector} fails that deployment with the server's reason.
 */
public class PayaraMicroRestart implements LoadableExtension {

    private static final String CONNECTOR = "fish.payara.arquillian.container.payara.managed."
            + "PayaraMicroDeployableContainer";

    @Override
    public void register(ExtensionBuilder builder) {
        // On WildFly and Open Liberty the Payara connector is left off the test class path.
        if (Validate.classExists(CONNECTOR)) {
            builder.override(DeployableContainer.class, PayaraMicroDeployableContainer.class,
                    RestartingContainer.class);
        }
    }

    /** A server that never came up, dumped and stopped. */
    static final class NeverCameUp extends DeploymentException {

        private static final long serialVersionUID = 1L;

        NeverCameUp(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The connector's container, with one more start when the first never came up. */
    public static class RestartingContainer extends PayaraMicroDeployableContainer {

        @Override
        public ProtocolMetaData deploy(Archive<?> archive) throws DeploymentException {
            try {
                return startOnce(archive);
            } catch (NeverCameUp stalled) {
                System.err.println("PayaraMicroRestart: " + stalled.getMessage() + " Starting it once more.");
                return startOnce(archive);
            }
        }

        /** Starts the server; one that never came up is dumped and stopped, and said with {@link NeverCameUp}. */
        private ProtocolMetaData startOnce(Archive<?> archive) throws DeploymentException {
            int mark = ServerLog.length();
            try {
                return super.deploy(archive);
            } catch (DeploymentException notDeployed) {
                String console = ServerLog.since(mark);
                if (PayaraMicroLog.cameUp(console)) {
                    throw notDeployed;
                }
                Path report = saveStalledServer(archive.getName(), console);
                undeploy(archive);
                throw new NeverCameUp("Payara Micro did not come up for " + archive.getName() + " ("
                        + notDeployed.getMessage() + "); its threads and console are in " + report + ".",
                        notDeployed);
            }
        }

        private static Path saveStalledServer(String archive, String console) {
            Path report = Path.of("target", "payara-micro-stalled-" + System.currentTimeMillis() + ".txt");
            StringBuilder text = new StringBuilder("Payara Micro stalled while starting for " + archive + "\n");
            ProcessHandle.current().children()
                    .filter(child -> child.info().commandLine().orElse("").contains("payara-micro"))
                    .forEach(server -> text.append("\n=== threads of ").append(server.pid()).append(" ===\n")
                            .append(threadDump(server.pid())));
            text.append("\n=== console ===\n").append(console);
            try {
                Files.createDirectories(report.getParent());
                Files.writeString(report, text);
            } catch (IOException notWritten) {
                System.err.println("PayaraMicroRestart: could not write " + report + ": " + notWritten);
            }
            return report;
        }

        private static String threadDump(long pid) {
            Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
            try {
                Process dump = new ProcessBuilder(List.of(jcmd.toString(), Long.toString(pid), "Thread.print"))
                        .redirectErrorStream(true).start();
                String threads = new String(dump.getInputStream().readAllBytes());
                dump.waitFor(30, TimeUnit.SECONDS);
                return threads;
            } catch (IOException failed) {
                return "(no thread dump: " + failed + ")";
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return "(no thread dump: interrupted)";
            }
        }
    }
}
