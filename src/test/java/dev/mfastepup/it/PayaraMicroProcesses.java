package dev.mfastepup.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What the tests that start Payara Micro processes of their own (a cluster, an HTTPS server) share. */
final class PayaraMicroProcesses {

    private PayaraMicroProcesses() {
    }

    /**
     * Returns the absolute path of a file that failsafe names in a system property.
     *
     * @param property the system property, such as {@code payara.microJar}.
     * @return the path.
     * @throws IllegalStateException when the property is missing or names no file.
     */
    static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || !Files.isRegularFile(Path.of(value))) {
            throw new IllegalStateException("System property " + property + " must name a file (run the ITs with"
                    + " mvn verify), but is " + value);
        }
        return Path.of(value).toAbsolutePath().toString();
    }

    /**
     * Returns a port that was free a moment ago.
     *
     * @return the port.
     * @throws IOException when no socket can be opened.
     */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * Asks the processes to end, all at once, and ends those still running 20 s later by force.
     *
     * @param processes the servers.
     */
    static void stop(List<Process> processes) {
        for (Process process : processes) {
            process.destroy();
        }
        for (Process process : processes) {
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
