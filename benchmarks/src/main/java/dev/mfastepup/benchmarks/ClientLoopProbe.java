package dev.mfastepup.benchmarks;

import dev.mfastepup.benchmarks.load.MachineCpu;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the client loop's window cost this JVM and the machine, read around it and once a second within it:
 * <ul>
 * <li>TCP connections opened to the emulator, from Linux's {@code /proc/net/tcp} and {@code /proc/net/tcp6}:
 * every connection to the emulator's port shows there with the client's ephemeral port from its opening until
 * its end, and for a minute more in {@code TIME_WAIT} on the side that closed it, so one sample a second misses
 * none. Only when the emulator runs on this machine (and on Linux).</li>
 * <li>Bytes allocated by this JVM's threads, including the library's call threads that end within the window
 * (an idle call thread ends after 30 s; its last sample holds all it allocated).</li>
 * <li>This JVM's CPU time and garbage collections, and how busy the whole machine was ({@code /proc/stat}).</li>
 * </ul>
 */
final class ClientLoopProbe {

    private static final List<Path> TCP_TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));

    /** What one window cost; -1 where it could not be read. */
    record Figures(long connectionsOpened, long allocatedBytes, long cpuNanos, long gcCount, long gcMillis,
            double machineBusy) {
    }

    private final int port;
    private final String portHex;
    private final boolean socketsReadable;
    private final Set<Integer> portsBefore = new HashSet<>();
    private final Set<Integer> portsSeen = new HashSet<>();
    private final Map<Long, Long> allocatedBefore = new HashMap<>();
    private final Map<Long, Long> allocatedSeen = new HashMap<>();
    private long cpuBefore;
    private long[] gcBefore;
    private long[] statBefore;
    private Thread sampler;
    private volatile boolean sampling;

    /**
     * @param port the emulator's port.
     * @param local whether the emulator runs on this machine.
     */
    ClientLoopProbe(int port, boolean local) {
        this.port = port;
        this.portHex = String.format(Locale.ROOT, ":%04X ", port);
        this.socketsReadable = local && Files.isReadable(TCP_TABLES.get(0));
    }

    /** @return whether TCP connections can be counted here. */
    boolean countsConnections() {
        return socketsReadable;
    }

    /** Reads everything once, then samples once a second until {@link #stop()}. */
    void start() {
        portsBefore.clear();
        portsSeen.clear();
        allocatedBefore.clear();
        allocatedSeen.clear();
        if (socketsReadable) {
            portsBefore.addAll(clientPorts());
        }
        allocatedBefore.putAll(allocatedByThread());
        statBefore = MachineCpu.jiffies();
        gcBefore = gc();
        cpuBefore = processCpuNanos();
        sampling = true;
        sampler = new Thread(() -> {
            while (sampling) {
                sample();
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "client-loop-probe");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** @return the window's figures. */
    Figures stop() throws InterruptedException {
        long cpuAfter = processCpuNanos();
        long[] gcAfter = gc();
        long[] statAfter = MachineCpu.jiffies();
        sampling = false;
        sampler.interrupt();
        sampler.join();
        sample();
        long connections = -1;
        if (socketsReadable) {
            Set<Integer> opened = new HashSet<>(portsSeen);
            opened.removeAll(portsBefore);
            connections = opened.size();
        }
        long allocated = -1;
        if (!allocatedSeen.isEmpty()) {
            allocated = 0;
            for (Map.Entry<Long, Long> thread : allocatedSeen.entrySet()) {
                allocated += thread.getValue() - allocatedBefore.getOrDefault(thread.getKey(), 0L);
            }
        }
        double busy = -1;
        if (statBefore != null && statAfter != null && statAfter[0] > statBefore[0]) {
            busy = 1.0 - (double) (statAfter[1] - statBefore[1]) / (statAfter[0] - statBefore[0]);
        }
        return new Figures(connections, allocated, cpuBefore < 0 ? -1 : cpuAfter - cpuBefore,
                gcAfter[0] - gcBefore[0], gcAfter[1] - gcBefore[1], busy);
    }

    private synchronized void sample() {
        if (socketsReadable) {
            portsSeen.addAll(clientPorts());
        }
        allocatedSeen.putAll(allocatedByThread());
    }

    /** @return the client-side ports of all connections to (or from) the emulator's port, in any state. */
    private Set<Integer> clientPorts() {
        Set<Integer> ports = new HashSet<>();
        for (Path table : TCP_TABLES) {
            List<String> lines;
            try {
                lines = Files.readAllLines(table);
            } catch (IOException e) {
                continue;
            }
            for (String line : lines) {
                if (!line.contains(portHex)) {
                    continue; // most lines: other ports; this also skips the header
                }
                // "  sl: local_address rem_address st ...", addresses as HEXIP:HEXPORT
                String[] fields = line.trim().split(" +", 5);
                if (fields.length < 4 || "0A".equals(fields[3])) {
                    continue; // malformed, or LISTEN
                }
                int local = portOf(fields[1]);
                int remote = portOf(fields[2]);
                if (remote == port && local != port) {
                    ports.add(local);
                } else if (local == port && remote != port && remote != 0) {
                    ports.add(remote);
                }
            }
        }
        return ports;
    }

    private static int portOf(String address) {
        int colon = address.lastIndexOf(':');
        return colon < 0 ? -1 : Integer.parseInt(address.substring(colon + 1), 16);
    }

    private static Map<Long, Long> allocatedByThread() {
        Map<Long, Long> allocated = new HashMap<>();
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (threads instanceof com.sun.management.ThreadMXBean sun && sun.isThreadAllocatedMemorySupported()) {
            long[] ids = threads.getAllThreadIds();
            long[] bytes = sun.getThreadAllocatedBytes(ids);
            for (int i = 0; i < ids.length; i++) {
                if (bytes[i] >= 0) {
                    allocated.put(ids[i], bytes[i]);
                }
            }
        }
        return allocated;
    }

    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
    }

    private static long[] gc() {
        long count = 0;
        long millis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, gc.getCollectionCount());
            millis += Math.max(0, gc.getCollectionTime());
        }
        return new long[] {count, millis};
    }
}
