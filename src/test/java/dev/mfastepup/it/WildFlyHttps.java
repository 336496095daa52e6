package dev.mfastepup.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * A WildFly of the test's own, beside the one Arquillian manages, with its plain HTTP listener and its real HTTPS
 * listener, as {@link PayaraHttps} is for Payara Micro. It runs from the distribution the build unpacked
 * ({@code wildfly.home}) with the tests' configuration ({@code wildfly.serverConfig}), in a server base directory of
 * its own under {@code target/https-wildfly/}, where its deployment scanner deploys the WARs at boot. Its ports are
 * {@value #PORT_OFFSET} above WildFly's defaults. Its HTTPS listener serves the certificate for {@code localhost}
 * that the build put in {@code application.keystore}; clients trust exactly that certificate ({@link #tls()}), so
 * host name checks stay on. It logs to {@code log/server.log} of its base directory, with the module at its finest
 * level, like the Arquillian server.
 */
final class WildFlyHttps implements HttpsServer {

    private static final Path WORK = Path.of("target", "https-wildfly");
    /** Clear of WildFly's defaults, of Arquillian's WildFly (300) and of the ports Payara Micro picks. */
    private static final int PORT_OFFSET = 500;
    private static final int HTTP_PORT = 8080 + PORT_OFFSET;
    private static final int HTTPS_PORT = 8443 + PORT_OFFSET;
    private static final List<Integer> PORTS = List.of(HTTP_PORT, HTTPS_PORT, 9990 + PORT_OFFSET,
            9993 + PORT_OFFSET, 4712 + PORT_OFFSET, 4713 + PORT_OFFSET);
    private static final String KEYSTORE = "application.keystore";
    private static final char[] KEYSTORE_PASSWORD = "password".toCharArray();

    private final Process process;
    private final Path log;

    private WildFlyHttps(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts the server with the WARs and waits until each serves its {@code cancelled.html} over both listeners.
     *
     * @param wars the applications, each at {@code /<name without .war>/}.
     * @return the server, to close.
     */
    static WildFlyHttps start(WebArchive... wars) {
        Path home = Path.of(home());
        String config = System.getProperty("wildfly.serverConfig", "standalone-mfastepup-it.xml");
        for (int port : PORTS) {
            requireFree(port);
        }
        try {
            Path base = WORK.resolve("base-" + System.nanoTime()).toAbsolutePath();
            copyConfiguration(home.resolve("standalone").resolve("configuration"), base.resolve("configuration"));
            Path deployments = Files.createDirectories(base.resolve("deployments"));
            for (WebArchive war : wars) {
                war.as(ZipExporter.class).exportTo(deployments.resolve(war.getName()).toFile(), true);
            }
            Path tmp = Files.createDirectories(base.resolve("tmp"));
            Path log = base.resolve("log").resolve("server.log");
            ServerLog.produced(log);
            ProcessBuilder command = new ProcessBuilder(home.resolve("bin").resolve("standalone.sh").toString(),
                    "-c", config, "-Djboss.server.base.dir=" + base,
                    "-Djboss.socket.binding.port-offset=" + PORT_OFFSET)
                    .redirectErrorStream(true).redirectOutput(base.resolve("console.log").toFile());
            command.environment().put("JBOSS_HOME", home.toString());
            // standalone.sh passes a TERM on to the server's JVM, and waits for it, only when told it runs in the
            // background.
            command.environment().put("LAUNCH_JBOSS_IN_BACKGROUND", "true");
            command.environment().put("JAVA_OPTS", "-Xmx512m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
                    + " -Djava.io.tmpdir=" + tmp);
            WildFlyHttps server = new WildFlyHttps(command.start(), log);
            try {
                // Over HTTPS as well: the listener sets up TLS on its first connection, which can take longer than
                // a test's connect timeout on a busy machine.
                HttpClient plain = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                HttpClient secure = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .sslContext(server.tls()).build();
                for (WebArchive war : wars) {
                    server.awaitDeployed(server.base(war, false), plain);
                    server.awaitDeployed(server.base(war, true), secure);
                }
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public URL base(WebArchive war, boolean secure) {
        String context = war.getName().replaceFirst("\\.war$", "");
        try {
            return URI.create((secure ? "https" : "http") + "://localhost:" + (secure ? HTTPS_PORT : HTTP_PORT) + "/"
                    + context + "/").toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Returns a TLS context that trusts the server's certificate and nothing else: the one in the keystore of the
     * distribution's configuration, which the build made for {@code localhost}.
     *
     * @return the context.
     */
    @Override
    public SSLContext tls() {
        Path file = Path.of(home(), "standalone", "configuration", KEYSTORE);
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore keys = KeyStore.getInstance("JKS");
            keys.load(in, KEYSTORE_PASSWORD);
            List<String> aliases = Collections.list(keys.aliases());
            if (aliases.size() != 1) {
                throw new IllegalStateException(file + " must hold the server's one key, but holds " + aliases);
            }
            Certificate certificate = keys.getCertificate(aliases.get(0));
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            trusted.setCertificateEntry("wildfly", certificate);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, trust.getTrustManagers(), null);
            return tls;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read WildFly's keystore (the build makes it): " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read WildFly's certificate in " + file, e);
        }
    }

    /** The configuration files, the keystore with them; not the history of an earlier server's changes. */
    private static void copyConfiguration(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        List<Path> files = new ArrayList<>();
        try (Stream<Path> listed = Files.list(from)) {
            listed.filter(Files::isRegularFile).forEach(files::add);
        }
        for (Path file : files) {
            Files.copy(file, to.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void requireFree(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            socket.setReuseAddress(true);
        } catch (IOException taken) {
            throw new IllegalStateException("Port " + port + " is taken; WildFlyHttps needs the ports " + PORTS, taken);
        }
    }

    private void awaitDeployed(URL base, HttpClient http) {
        Instant deadline = Instant.now().plusSeconds(240);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("WildFly exited; see " + log);
            }
            try {
                int status = http.send(HttpRequest.newBuilder(URI.create(base + "cancelled.html")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // try again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(base + " was not deployed within 240 s; see " + log);
    }

    /** Stops the server's JVM through standalone.sh, and each by force if it is still running 20 s later. */
    @Override
    public void close() {
        List<ProcessHandle> jvms = process.descendants().toList();
        PayaraMicroProcesses.stop(List.of(process));
        for (ProcessHandle jvm : jvms) {
            try {
                jvm.onExit().get(20, TimeUnit.SECONDS);
            } catch (TimeoutException | ExecutionException e) {
                jvm.destroyForcibly();
            } catch (InterruptedException e) {
                jvm.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The distribution the build unpacked, named by failsafe in {@code wildfly.home}. */
    private static String home() {
        String value = System.getProperty("wildfly.home");
        if (value == null || !Files.isDirectory(Path.of(value))) {
            throw new IllegalStateException("System property wildfly.home must name WildFly's directory (run the ITs"
                    + " with mvn verify -Pwildfly), but is " + value);
        }
        return Path.of(value).toAbsolutePath().toString();
    }
}
