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
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * An Open Liberty of the test's own, beside the one Arquillian manages, with its plain HTTP listener and its real
 * HTTPS listener, as {@link PayaraHttps} is for Payara Micro. It runs from the runtime the build unpacked
 * ({@code liberty.home}), with its configuration written in {@code usr/servers/mfaStepupHttps} there: free ports on
 * 127.0.0.1 and a self-signed certificate for {@code localhost} that keytool makes for it. Clients trust exactly that
 * certificate ({@link #tls()}), so host name checks stay on. The module logs at its finest level, like on the
 * Arquillian server; the server's console, messages.log and trace.log count among the logs the canary check searches.
 *
 * <p>Liberty marks the session cookie {@code Secure} only when told, by the application's {@code web.xml}
 * ({@code <cookie-config><secure>true</secure>}) or by the server ({@code <httpSession cookieSecure="true"/>}), and
 * then on every answer, over HTTP too; Payara marks it on the answers over HTTPS by itself. This server is told
 * nothing, so that one application serves both listeners; {@link SecureRequestIT} checks the cookie over HTTPS on
 * applications that ask for it.
 */
final class LibertyHttps implements HttpsServer {

    private static final String SERVER = "mfaStepupHttps";
    private static final String ALIAS = "default";
    private static final String PASSWORD = "it-keystore-password";

    private static final String SERVER_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <server description="mfa-stepup HTTPS integration tests">
                <featureManager>
                    <feature>servlet-6.0</feature>
                    <feature>pages-3.1</feature>
                    <feature>faces-4.0</feature>
                    <feature>cdi-4.0</feature>
                    <feature>jsonp-2.1</feature>
                    <feature>jsonb-3.0</feature>
                    <feature>mpConfig-3.1</feature>
                    <feature>mpRestClient-3.0</feature>
                    <feature>appSecurity-5.0</feature>
                    <feature>concurrent-3.0</feature>
                    <feature>jndi-1.0</feature>
                    <feature>transportSecurity-1.0</feature>
                </featureManager>
                <keyStore id="defaultKeyStore" location="${server.config.dir}/it-keystore.p12" type="PKCS12"
                          password="%s"/>
                <httpEndpoint id="defaultHttpEndpoint" host="127.0.0.1" httpPort="%d" httpsPort="%d"/>
                <logging traceSpecification="*=info:dev.mfastepup.*=finest" maxFileSize="0"/>
                <applicationMonitor updateTrigger="polled" pollingRate="500ms" dropinsEnabled="true"/>
            </server>
            """;

    private final Process process;
    private final Path directory;
    private final int httpPort;
    private final int httpsPort;

    private LibertyHttps(Process process, Path directory, int httpPort, int httpsPort) {
        this.process = process;
        this.directory = directory;
        this.httpPort = httpPort;
        this.httpsPort = httpsPort;
    }

    /**
     * Writes the server's configuration, starts it with the WARs in its {@code dropins}, and waits until each
     * serves its {@code cancelled.html} over both listeners.
     *
     * @param wars the applications, each at {@code /<name without .war>/}.
     * @return the server, to close.
     */
    static LibertyHttps start(WebArchive... wars) {
        Path directory = home().resolve("usr").resolve("servers").resolve(SERVER);
        try {
            deleteTree(directory);
            Files.createDirectories(directory.resolve("dropins"));
            int http = PayaraMicroProcesses.freePort();
            int https = PayaraMicroProcesses.freePort();
            Files.writeString(directory.resolve("server.xml"), SERVER_XML.formatted(PASSWORD, http, https));
            keytool(directory.resolve("it-keystore.p12"));
            for (WebArchive war : wars) {
                war.as(ZipExporter.class).exportTo(directory.resolve("dropins").resolve(war.getName()).toFile(), true);
            }
            Path console = directory.resolve("console-it.log");
            ServerLog.produced(console);
            for (String log : List.of("messages.log", "trace.log")) {
                ServerLog.produced(directory.resolve("logs").resolve(log));
            }
            Process process = new ProcessBuilder(serverCommand("run")).redirectErrorStream(true)
                    .redirectOutput(console.toFile()).start();
            LibertyHttps server = new LibertyHttps(process, directory, http, https);
            try {
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
            return URI.create((secure ? "https" : "http") + "://localhost:" + (secure ? httpsPort : httpPort) + "/"
                    + context + "/").toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public SSLContext tls() {
        try (InputStream in = Files.newInputStream(directory.resolve("it-keystore.p12"))) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(in, PASSWORD.toCharArray());
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            trusted.setCertificateEntry(ALIAS, keys.getCertificate(ALIAS));
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, trust.getTrustManagers(), null);
            return tls;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read the test server's certificate", e);
        }
    }

    @Override
    public void close() {
        try {
            Process stop = new ProcessBuilder(serverCommand("stop")).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!stop.waitFor(60, TimeUnit.SECONDS)) {
                stop.destroyForcibly();
            }
        } catch (IOException e) {
            System.err.println("LibertyHttps: server stop failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        PayaraMicroProcesses.stop(List.of(process));
    }

    /** A self-signed certificate for localhost and 127.0.0.1, as the server's only key. */
    private static void keytool(Path keystore) throws IOException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", ALIAS, "-keyalg", "RSA",
                "-keysize", "2048", "-validity", "2", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<String> serverCommand(String action) {
        return List.of(home().resolve("bin").resolve("server").toString(), action, SERVER);
    }

    /** The runtime the build unpacked, named by failsafe in {@code liberty.home}. */
    private static Path home() {
        String value = System.getProperty("liberty.home");
        if (value == null || !Files.isDirectory(Path.of(value))) {
            throw new IllegalStateException("System property liberty.home must name Open Liberty's wlp directory (run"
                    + " the ITs with mvn verify -Pliberty), but is " + value);
        }
        return Path.of(value).toAbsolutePath();
    }

    private void awaitDeployed(URL base, HttpClient http) {
        Instant deadline = Instant.now().plusSeconds(240);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Open Liberty exited; see " + directory.resolve("console-it.log"));
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
        throw new IllegalStateException(base + " was not deployed within 240 s; see "
                + directory.resolve("logs").resolve("messages.log"));
    }

    private static void deleteTree(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted((a, b) -> b.compareTo(a)).toList()) {
                Files.delete(path);
            }
        }
    }
}
