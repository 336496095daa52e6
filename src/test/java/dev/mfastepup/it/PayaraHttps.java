package dev.mfastepup.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * One Payara Micro with a plain HTTP listener and a real HTTPS listener ({@code --sslport}), serving its own
 * self-signed certificate for {@code localhost} (alias {@code s1as} of the keystore inside the Payara Micro jar).
 * Clients trust exactly that certificate ({@link #tls()}), so host name checks stay on. Nothing but 127.0.0.1 is
 * used: Hazelcast and the phone-home call are off. The server logs to {@code target/https/server.log}, at the
 * finest level for the module, like the Arquillian servers.
 */
final class PayaraHttps implements HttpsServer {

    private static final Path WORK = Path.of("target", "https");
    private static final String CERTIFICATE_ALIAS = "s1as";
    private static final char[] KEYSTORE_PASSWORD = "changeit".toCharArray();

    private final Process process;
    private final int httpPort;
    private final int httpsPort;

    private PayaraHttps(Process process, int httpPort, int httpsPort) {
        this.process = process;
        this.httpPort = httpPort;
        this.httpsPort = httpsPort;
    }

    /**
     * Starts the server with the WARs and waits until each serves its {@code cancelled.html}.
     *
     * @param wars the applications, each at {@code /<name without .war>/}.
     * @return the server, to close.
     */
    static PayaraHttps start(WebArchive... wars) {
        try {
            Files.createDirectories(WORK.resolve("tmp"));
            int http = PayaraMicroProcesses.freePort();
            int https = PayaraMicroProcesses.freePort();
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-Djava.io.tmpdir=" + WORK.resolve("tmp").toAbsolutePath(),
                    "-jar", PayaraMicroProcesses.required("payara.microJar"), "--nohazelcast", "--disablephonehome",
                    "--port", Integer.toString(http), "--sslport", Integer.toString(https),
                    "--rootdir", WORK.resolve("root-" + System.nanoTime()).toAbsolutePath().toString(),
                    "--postbootcommandfile", PayaraMicroProcesses.required("payara.postbootFile")));
            for (WebArchive war : wars) {
                Path file = WORK.resolve(war.getName()).toAbsolutePath();
                war.as(ZipExporter.class).exportTo(file.toFile(), true);
                command.add("--deploy");
                command.add(file.toString());
            }
            ServerLog.produced(WORK.resolve("server.log"));
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(WORK.resolve("server.log").toFile()).start();
            PayaraHttps server = new PayaraHttps(process, http, https);
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

    /**
     * @param war one of the deployed applications.
     * @param secure whether the HTTPS listener is meant.
     * @return the application's base URL there, ending in a slash; {@code https://localhost:...} or
     *         {@code http://localhost:...}.
     */
    @Override
    public URL base(WebArchive war, boolean secure) {
        String context = war.getName().replaceFirst("\\.war$", "");
        try {
            return URI.create((secure ? "https" : "http") + "://localhost:" + (secure ? httpsPort : httpPort) + "/"
                    + context + "/").toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Returns a TLS context that trusts the server's certificate and nothing else.
     *
     * @return the context.
     */
    @Override
    public SSLContext tls() {
        try (ZipFile jar = new ZipFile(PayaraMicroProcesses.required("payara.microJar"))) {
            ZipEntry entry = jar.getEntry("MICRO-INF/domain/keystore.p12");
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = jar.getInputStream(entry)) {
                keys.load(in, KEYSTORE_PASSWORD);
            }
            Certificate certificate = keys.getCertificate(CERTIFICATE_ALIAS);
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            trusted.setCertificateEntry(CERTIFICATE_ALIAS, certificate);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, trust.getTrustManagers(), null);
            return tls;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read Payara Micro's own certificate", e);
        }
    }

    private void awaitDeployed(URL base, HttpClient http) {
        Instant deadline = Instant.now().plusSeconds(240);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Payara Micro exited; see " + WORK.resolve("server.log"));
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
        throw new IllegalStateException(base + " was not deployed within 240 s; see " + WORK.resolve("server.log"));
    }

    @Override
    public void close() {
        PayaraMicroProcesses.stop(List.of(process));
    }
}
