package dev.mfastepup.it;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.client.protocol.metadata.Servlet;
import org.jboss.arquillian.container.spi.event.DeployDeployment;
import org.jboss.arquillian.container.spi.event.container.AfterDeploy;
import org.jboss.arquillian.container.spi.event.container.BeforeDeploy;
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
 * <p>Open Liberty's connector fails a deployment itself when the application does not start, with the server's
 * reason; this only keeps that reason for {@link #lastRefusal()}, with the server's lines about the failure.
 */
public class FailedDeploymentDetector implements LoadableExtension {

    /** How long the console may take to say whether the application is served. */
    private static final Duration VERDICT_TIMEOUT = Duration.ofSeconds(60);

    /** The most lines of the server's log that go into a refusal on Open Liberty. */
    private static final int FAILURE_LINES = 10;

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
         * On Open Liberty, turns a deployment its connector failed into a {@link DeploymentException} that carries
         * the server's reason, as {@link #verify} does on Payara Micro, and keeps it for {@link #lastRefusal()}.
         * Liberty's connector waits for an application that failed to start until its deploy timeout; once the
         * server's log says the application was not started, the wait is interrupted. Runs inside Arquillian's check
         * of an expected deployment failure (a lower precedence), which then sees this exception.
         *
         * @param context the deployment.
         * @throws DeploymentException when Open Liberty did not deploy the archive.
         */
        public void keepLibertyRefusal(@Observes(precedence = -100) EventContext<DeployDeployment> context)
                throws DeploymentException {
            if (!ItServer.liberty()) {
                context.proceed();
                return;
            }
            var deployment = context.getEvent().getDeployment();
            String archive = deployment.getDescription().getArchive().getName();
            Pattern notStarted = Pattern.compile("CWWKZ0012I: The application " + Pattern.quote(
                    archive.replaceFirst("\\.war$", "")) + " was not started");
            int mark = ServerLog.length();
            Thread deploying = Thread.currentThread();
            Object lock = new Object();
            boolean[] waiting = {true};
            ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "liberty-deployment-watch");
                thread.setDaemon(true);
                return thread;
            });
            watch.scheduleWithFixedDelay(() -> {
                if (notStarted.matcher(ServerLog.since(mark)).find()) {
                    synchronized (lock) {
                        if (waiting[0]) {
                            waiting[0] = false;
                            deploying.interrupt();
                        }
                    }
                }
            }, 500, 500, TimeUnit.MILLISECONDS);
            try {
                context.proceed();
            } catch (Exception failure) {
                // Arquillian rethrows the connector's checked DeploymentException unchecked.
                if (!deployment.hasDeploymentError()) {
                    throw failure;
                }
            } finally {
                synchronized (lock) {
                    waiting[0] = false;
                }
                watch.shutdownNow();
                Thread.interrupted();
            }
            if (deployment.hasDeploymentError()) {
                StringBuilder reason = new StringBuilder("Open Liberty did not deploy " + archive + ":");
                for (Throwable cause = deployment.getDeploymentError(); cause != null; cause = cause.getCause()) {
                    reason.append("\n").append(cause);
                }
                ServerLog.text();
                ServerLog.since(mark).lines().filter(line -> line.matches("^(SEVERE|WARNING): .*"))
                        .limit(FAILURE_LINES).forEach(line -> reason.append("\n").append(line));
                throw refused(reason.toString());
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
