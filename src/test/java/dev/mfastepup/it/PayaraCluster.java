package dev.mfastepup.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Payara Micro servers that form one Hazelcast data grid on 127.0.0.1 (TCP/IP discovery, no multicast, nothing
 * leaves the machine) and run the same WAR, as behind a load balancer. Each logs to
 * {@code target/cluster/server-<n>.log}, at the finest level for the module, like the Arquillian servers.
 */
final class PayaraCluster implements AutoCloseable {

    private static final Path WORK = Path.of("target", "cluster");

    private final List<Process> processes = new ArrayList<>();
    private final List<URL> bases = new ArrayList<>();

    private PayaraCluster() {
    }

    /**
     * Starts the servers and waits until each serves the WAR and the last one has joined the grid.
     *
     * @param size how many servers.
     * @param war the application, deployed on each at {@code /<name without .war>/}.
     * @return the cluster, to close.
     */
    static PayaraCluster start(int size, WebArchive war) {
        PayaraCluster cluster = new PayaraCluster();
        try {
            Files.createDirectories(WORK.resolve("tmp"));
            Path file = WORK.resolve(war.getName()).toAbsolutePath();
            war.as(ZipExporter.class).exportTo(file.toFile(), true);
            String grid = "mfa-it-" + Long.toHexString(System.nanoTime());
            int firstMember = PayaraMicroProcesses.freePort();
            for (int server = 1; server <= size; server++) {
                cluster.startServer(server, file, grid, firstMember, server == 1 ? firstMember : PayaraMicroProcesses.freePort());
            }
            cluster.awaitLog(size, "DG Size: " + size, Duration.ofSeconds(60));
            return cluster;
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    /**
     * @param server 1 for the first.
     * @return the application's base URL on that server, ending in a slash.
     */
    URL base(int server) {
        return bases.get(server - 1);
    }

    private void startServer(int server, Path war, String grid, int firstMember, int member) throws IOException {
        int port = PayaraMicroProcesses.freePort();
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Djava.io.tmpdir=" + WORK.resolve("tmp").toAbsolutePath(),
                "-jar", PayaraMicroProcesses.required("payara.microJar"), "--disablephonehome",
                "--clustername", grid, "--interfaces", "127.0.0.1",
                "--clustermode", "tcpip:127.0.0.1:" + firstMember, "--startport", Integer.toString(member),
                "--port", Integer.toString(port),
                "--rootdir", WORK.resolve("root-" + server + "-" + System.nanoTime()).toAbsolutePath().toString(),
                "--postbootcommandfile", PayaraMicroProcesses.required("payara.postbootFile"),
                "--deploy", war.toString());
        Path log = log(server);
        ServerLog.produced(log);
        processes.add(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start());
        String context = war.getFileName().toString().replaceFirst("\\.war$", "");
        URL base;
        try {
            base = URI.create("http://localhost:" + port + "/" + context + "/").toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
        bases.add(base);
        awaitDeployed(server, base);
    }

    private void awaitDeployed(int server, URL base) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Instant deadline = Instant.now().plusSeconds(180);
        while (Instant.now().isBefore(deadline)) {
            if (!processes.get(server - 1).isAlive()) {
                throw new IllegalStateException("Payara Micro " + server + " exited; see " + log(server));
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
            sleep(500);
        }
        throw new IllegalStateException("Payara Micro " + server + " did not deploy within 180 s; see " + log(server));
    }

    private void awaitLog(int server, String line, Duration timeout) throws IOException {
        Instant deadline = Instant.now().plus(timeout);
        while (!Files.readString(log(server)).contains(line)) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("No \"" + line + "\" in " + log(server) + " within " + timeout);
            }
            sleep(500);
        }
    }

    private static Path log(int server) {
        return WORK.resolve("server-" + server + ".log");
    }

    @Override
    public void close() {
        PayaraMicroProcesses.stop(processes);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
