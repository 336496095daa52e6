package dev.mfastepup.it;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.client.deployment.Deployment;
import org.jboss.arquillian.container.spi.client.protocol.metadata.Servlet;
import org.jboss.arquillian.container.spi.event.DeployDeployment;
import org.jboss.arquillian.container.spi.event.container.AfterDeploy;
import org.jboss.arquillian.container.spi.event.container.BeforeDeploy;
import org.jboss.arquillian.container.spi.event.container.BeforeStart;
import org.jboss.arquillian.core.api.Instance;
import org.jboss.arquillian.core.api.annotation.Inject;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.core.spi.EventContext;
import org.jboss.arquillian.core.spi.LoadableExtension;

/**
 * Tells a deployment that Payara Micro refused from one that the connector read too early, and turns the first
 * into a {@link DeploymentException} that carries the server's reason.
 *
 * <p>When an application fails to load, Payara Micro logs "Exception while loading the app", keeps running and
 * lists no application under "Deployed". The Payara Micro connector 3.1 then returns normally, with an HTTP
 * context that has no servlets, and the tests would go on against a server without the application.
 *
 * <p>The connector also returns a context without servlets when the application did deploy: it takes a snapshot
 * of the console as soon as the instance configuration's port lines are in, and the "Deployed" part that follows
 * them may not be read yet (more likely on a busy machine). So when no servlet is reported, this observer reads
 * the server's console (kept by {@link ServerLog}) until it says one or the other: a load failure fails the
 * deployment with the failure's lines in the message; the application's URL under "Payara Micro URLs" adds its
 * context root to the HTTP context, as the connector would have.
 *
 * <p>WildFly's connector fails a deployment the server refused by itself, with the server's failure description in
 * its {@link DeploymentException}: that message is kept as the refusal, and the console is not read. On every
 * server, this extension also starts {@link ServerLog} before the server starts.
 */
public class FailedDeploymentDetector implements LoadableExtension {

    /** How long the console may take to say whether the application is served. */
    private static final Duration VERDICT_TIMEOUT = Duration.ofSeconds(60);

    private static volatile String lastRefusal;

    @Override
    public void register(ExtensionBuilder builder) {
        builder.observer(Check.class);
    }

    /**
     * Returns the message of the last deployment this check failed, for tests that expect one.
     *
     * @return the message, or empty when none failed.
     */
    static Optional<String> lastRefusal() {
        return Optional.ofNullable(lastRefusal);
    }

    /** The check, run around each deployment. */
    public static class Check {

        @Inject
        private Instance<ProtocolMetaData> protocolMetaData;

        private int logMark;

        /**
         * Starts reading the server's log before the server starts, so that nothing it logs is missed.
         *
         * @param event the container about to start.
         */
        public void serverStarting(@Observes BeforeStart event) {
            ServerLog.install();
        }

        /**
         * Keeps the reason of a deployment that the connector itself failed (WildFly's connector does, with the
         * server's failure description), for {@link #lastRefusal()}.
         *
         * @param context the deployment, carried on by this observer.
         */
        public void keepConnectorRefusal(@Observes EventContext<DeployDeployment> context) {
            try {
                context.proceed();
            } finally {
                Deployment deployment = context.getEvent().getDeployment();
                if (deployment.hasDeploymentError()) {
                    lastRefusal = causes(deployment.getDeploymentError());
                }
            }
        }

        /**
         * Marks where this deployment's part of the console begins.
         *
         * @param event the deployment about to start.
         */
        public void mark(@Observes BeforeDeploy event) {
            logMark = ServerLog.length();
        }

        /**
         * Fails when the deployed archive is not on the server; completes the connector's metadata when it is.
         *
         * @param event the deployment that just finished.
         * @throws DeploymentException when Payara Micro did not deploy the archive.
         */
        public void verify(@Observes AfterDeploy event) throws DeploymentException {
            ProtocolMetaData metaData = protocolMetaData.get();
            List<HTTPContext> contexts = metaData == null ? List.of()
                    : List.copyOf(metaData.getContexts(HTTPContext.class));
            boolean servletsKnown = contexts.stream().anyMatch(context -> !context.getServlets().isEmpty());
            if (servletsKnown || !event.getDeployment().isArchiveDeployment()) {
                return;
            }
            if (ItServer.current() != ItServer.PAYARA_MICRO) {
                // The console's signs below are Payara Micro's; WildFly's connector fails a deployment the server
                // refused itself, and takes the servlets from the server's management model.
                return;
            }
            String archive = event.getDeployment().getArchive().getName();
            String contextRoot = archive.replaceFirst("\\.war$", "");
            long deadline = System.nanoTime() + VERDICT_TIMEOUT.toNanos();
            while (true) {
                String log = ServerLog.since(logMark);
                Optional<String> failure = PayaraMicroLog.loadFailure(log);
                if (failure.isPresent()) {
                    throw refused("Payara Micro did not deploy " + archive + ":\n" + failure.get());
                }
                if (PayaraMicroLog.servesApplication(log, contextRoot) && !contexts.isEmpty()) {
                    contexts.forEach(context -> context.add(new Servlet("default", "/" + contextRoot)));
                    System.err.println("FailedDeploymentDetector: the connector read the console before the"
                            + " servlet mappings of " + archive + "; its context root is taken from the URLs.");
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw refused("Payara Micro did not say within " + VERDICT_TIMEOUT.toSeconds() + " s whether it"
                            + " deployed " + archive + ". The end of its console:\n" + PayaraMicroLog.tail(log, 20));
                }
                pause();
            }
        }

        /** An exception's message and those of its causes, one a line. */
        private static String causes(Throwable error) {
            StringBuilder text = new StringBuilder();
            for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
                text.append(text.length() == 0 ? "" : "\nCaused by: ").append(cause);
            }
            return text.toString();
        }

        private static DeploymentException refused(String message) {
            lastRefusal = message;
            return new DeploymentException(message);
        }

        private static void pause() throws DeploymentException {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DeploymentException("Interrupted while reading Payara Micro's console", e);
            }
        }
    }
}
