package dev.mfastepup.benchmarks.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the application server's CPU goes: a Java Flight Recorder recording of execution samples only (one every
 * 10 ms), started and stopped with {@code jcmd}, each sample given to one part. The part is that of the nearest
 * frame from the top of the sample's stack whose class belongs to one; frames of the JDK, CDI (Weld), EL, JSON,
 * JOSE, the REST client and the server's class loaders, JNDI and HK2 belong to none, so that their time goes to
 * whoever called them (a {@code ServiceLoader} scan of the server's jars is the work of the code that asked).
 * <ul>
 * <li><em>module</em>: {@code dev.mfastepup}, the sample and these benchmarks left out;</li>
 * <li><em>pages</em>: Faces ({@code com.sun.faces}, {@code jakarta.faces}), which renders only the module's MFA
 * pages in the sample;</li>
 * <li><em>sample</em>: {@code dev.mfastepup.sample} and its JSPs ({@code org.apache.jasper},
 * {@code org.glassfish.wasp}, {@code jakarta.servlet.jsp});</li>
 * <li><em>login</em>: Jakarta Security and its OpenID Connect mechanism ({@code org.glassfish.soteria},
 * {@code jakarta.security.enterprise}), which checks the signed-in session on every request;</li>
 * <li><em>Payara</em>: the server (Grizzly, the web container, security, {@code fish.payara},
 * {@code com.sun.enterprise}, {@code org.glassfish} otherwise);</li>
 * <li><em>no application frame</em>: threads that run JDK code only, mostly the I/O threads of Java's
 * {@code HttpClient} (the module's calls to Auth0 and the sample's calls to its API).</li>
 * </ul>
 * A sample is taken of a thread running Java code; the JVM's own threads (garbage collection, the JIT) are not
 * sampled, so the parts divide the CPU time of Java code, not of the whole process.
 */
final class ExecutionProfile {

    static final List<String> PARTS = List.of("module", "pages", "sample", "login", "Payara", "no application frame");

    private static final String SETTINGS = """
            <?xml version="1.0" encoding="UTF-8"?>
            <configuration version="2.0" label="Execution samples" provider="mfa-stepup benchmarks">
              <event name="jdk.ExecutionSample">
                <setting name="enabled">true</setting>
                <setting name="period">1 ms</setting>
              </event>
            </configuration>
            """;
    private static final String NAME = "stepup-load";

    /** The parts by package prefix, longest prefix first where one holds another. */
    private static final Map<String, String> OWNERS = owners();

    private final long pid;
    private final Path file;

    /**
     * @param pid the application server's process.
     * @param file where the recording is written.
     */
    ExecutionProfile(long pid, Path file) {
        this.pid = pid;
        this.file = file.toAbsolutePath();
    }

    /** Samples per part, and the methods that the module's and the pages' samples were in. */
    record Shares(Map<String, Long> samples, Map<String, Long> moduleMethods, long truncated) {

        long total() {
            return samples.values().stream().mapToLong(Long::longValue).sum();
        }

        double share(String part) {
            long total = total();
            return total == 0 ? Double.NaN : samples.getOrDefault(part, 0L) / (double) total;
        }
    }

    /**
     * Prints the parts of a recording taken by hand (with execution samples) and the methods the module's and the
     * pages' samples were in: {@code java -cp benchmarks.jar dev.mfastepup.benchmarks.load.ExecutionProfile
     * app.jfr}.
     *
     * @param args the recording.
     */
    public static void main(String[] args) throws IOException {
        Shares shares = new ExecutionProfile(0, Path.of(args[0])).shares();
        shares.samples().forEach((part, count) -> System.out.printf(java.util.Locale.ROOT, "%-22s %7d  %5.1f %%%n",
                part, count, shares.share(part) * 100));
        System.out.println("module and pages, by method:");
        shares.moduleMethods().entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(30).forEach(m -> System.out.printf(java.util.Locale.ROOT, "%7d  %s%n", m.getValue(), m.getKey()));
    }

    /** Starts recording. */
    void start() throws IOException, InterruptedException {
        Path settings = file.resolveSibling(file.getFileName() + ".jfc");
        Files.writeString(settings, SETTINGS, StandardCharsets.UTF_8);
        jcmd("JFR.start", "name=" + NAME, "settings=" + settings);
    }

    /** Stops recording and writes the file. */
    void stop() throws IOException, InterruptedException {
        Files.deleteIfExists(file);
        jcmd("JFR.stop", "name=" + NAME, "filename=" + file);
    }

    /** @return the samples of the recording, by part. */
    Shares shares() throws IOException {
        Map<String, Long> samples = new LinkedHashMap<>();
        PARTS.forEach(part -> samples.put(part, 0L));
        Map<String, Long> methods = new TreeMap<>();
        long truncated = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            if (!"jdk.ExecutionSample".equals(event.getEventType().getName()) || event.getStackTrace() == null) {
                continue;
            }
            if (event.getStackTrace().isTruncated()) {
                truncated++;
            }
            String part = "no application frame";
            String method = null;
            for (RecordedFrame frame : event.getStackTrace().getFrames()) {
                String type = frame.getMethod().getType().getName();
                String owner = owner(type);
                if (owner != null) {
                    part = owner;
                    method = type + "." + frame.getMethod().getName();
                    break;
                }
            }
            samples.merge(part, 1L, Long::sum);
            if ("module".equals(part) || "pages".equals(part)) {
                methods.merge(method, 1L, Long::sum);
            }
        }
        return new Shares(samples, methods, truncated);
    }

    /** @return the part a class belongs to, or {@code null} for one whose time goes to its caller. */
    static String owner(String type) {
        for (Map.Entry<String, String> owner : OWNERS.entrySet()) {
            if (type.startsWith(owner.getKey())) {
                return owner.getValue();
            }
        }
        return null;
    }

    private static Map<String, String> owners() {
        Map<String, String> owners = new LinkedHashMap<>();
        owners.put("dev.mfastepup.sample.", "sample");
        owners.put("dev.mfastepup.benchmarks.", null);
        owners.put("dev.mfastepup.", "module");
        owners.put("com.sun.faces.", "pages");
        owners.put("jakarta.faces.", "pages");
        owners.put("org.apache.jasper.", "sample");
        owners.put("org.glassfish.wasp.", "sample");
        owners.put("jakarta.servlet.jsp.", "sample");
        owners.put("org.glassfish.soteria.", "login");
        owners.put("jakarta.security.enterprise.", "login");
        // The REST client the module calls Auth0 with, EL, and the server's services that code calls (class and
        // resource loading, JNDI, HK2): their time goes to the caller.
        owners.put("org.glassfish.jersey.", null);
        owners.put("org.glassfish.expressly.", null);
        owners.put("org.glassfish.web.loader.", null);
        owners.put("org.glassfish.hk2.", null);
        owners.put("com.sun.enterprise.loader.", null);
        owners.put("com.sun.enterprise.v3.server.APIClassLoaderServiceImpl", null);
        owners.put("com.sun.enterprise.naming.", null);
        owners.put("org.glassfish.", "Payara");
        owners.put("org.apache.catalina.", "Payara");
        owners.put("org.apache.coyote.", "Payara");
        owners.put("com.sun.enterprise.", "Payara");
        owners.put("com.sun.web.", "Payara");
        owners.put("fish.payara.", "Payara");
        owners.put("jakarta.servlet.", "Payara");
        return owners;
    }

    private void jcmd(String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of("jcmd", Long.toString(pid)));
        line.addAll(List.of(command));
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0
                || output.contains("Could not") || output.contains("error")) {
            throw new IOException("jcmd " + String.join(" ", command) + " failed: " + output.strip());
        }
    }
}
