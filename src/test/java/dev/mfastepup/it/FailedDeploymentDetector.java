package dev.mfastepup.it;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
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
 * <p>WildFly's and Open Liberty's connectors fail a deployment the server refused by themselves, and this keeps the
 * refusal for {@link #lastRefusal()}: WildFly's exception carries the server's failure description; to Open
 * Liberty's, which does not, the server's lines at SEVERE and WARNING about the deployment are added. Liberty's
 * connector waits for an application that failed to start until its deploy timeout; once the server's log says the
 * application was not started, the wait is cut short. On every server, this extension also starts {@link ServerLog}
 * before the server starts.
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
         * Starts reading the server's log before the server starts, so that nothing it logs is missed.
         *
         * @param event the container about to start.
         */
        public void serverStarting(@Observes BeforeStart event) {
            ServerLog.install();
        }

        /**
         * Keeps the reason of a deployment that the connector itself failed (WildFly's and Open Liberty's do), for
         * {@link #lastRefusal()}, and fails it with a {@link DeploymentException} that carries that reason. Runs
         * inside Arquillian's check of an expected deployment failure (a lower precedence), which then sees this
         * exception.
         *
         * @param context the deployment, carried on by this observer.
         * @throws DeploymentException when the server did not deploy the archive.
         */
        public void keepConnectorRefusal(@Observes(precedence = -100) EventContext<DeployDeployment> context)
                throws DeploymentException {
            Deployment deployment = context.getEvent().getDeployment();
            String archive = deployment.getDescription().getArchive().getName();
            int mark = ServerLog.length();
            ItServer server = ItServer.current();
            Runnable stopWatching = server == ItServer.LIBERTY ? watchLibertyRefusal(archive, mark) : () -> { };
            try {
                context.proceed();
            } catch (Exception failure) {
                // Arquillian rethrows the connector's checked DeploymentException unchecked.
                if (!deployment.hasDeploymentError()) {
                    throw failure;
                }
            } finally {
                stopWatching.run();
            }
            if (deployment.hasDeploymentError()) {
                StringBuilder reason = new StringBuilder(server.product() + " did not deploy " + archive + ":\n"
                        + causes(deployment.getDeploymentError()));
                if (server == ItServer.LIBERTY) {
                    ServerLog.text();
                    String log = ServerLog.since(mark);
                    Stream.of("SEVERE", "WARNING").flatMap(level -> ServerLog.messages(log, level).stream()
                            .map(message -> level + ": " + message))
                            .limit(FAILURE_LINES).forEach(line -> reason.append("\n").append(line));
                }
                throw refused(reason.toString());
            }
        }

        /**
         * Interrupts the deploying thread once Open Liberty's log says that the archive was not started: its
         * connector would otherwise wait until its deploy timeout.
         *
         * @return what stops the watch, and clears the interrupt if it came after the deployment ended.
         */
        private static Runnable watchLibertyRefusal(String archive, int mark) {
            Pattern notStarted = Pattern.compile("CWWKZ0012I: The application " + Pattern.quote(
                    archive.replaceFirst("\\.war$", "")) + " was not started");
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
            return () -> {
                synchronized (lock) {
                    waiting[0] = false;
                }
                watch.shutdownNow();
                Thread.interrupted();
            };
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
