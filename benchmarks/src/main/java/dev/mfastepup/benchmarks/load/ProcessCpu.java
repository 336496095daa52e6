package dev.mfastepup.benchmarks.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CPU time of the servers' JVMs, of this JVM and of the whole machine, read from Linux's {@code /proc} before
 * and after a measured window: user plus system time of every thread of a process (fields 14 and 15 of
 * {@code /proc/PID/stat}, in clock ticks), and the busy share of all CPUs ({@code /proc/stat}). The application
 * server's time is also split by thread ({@code /proc/PID/task/TID/stat}, by the thread's name): the JIT
 * compilers ({@code C1 CompilerThread}, {@code C2 CompilerThread}), the garbage collector and the VM thread
 * ({@code GC Thread#}, {@code G1 ...}, {@code VM Thread}), and the rest, the threads that run Java code. A thread
 * that ends inside the window takes its time out of the per-thread sums (not out of the process's): so the rest
 * is the process's time minus the other two, and a JIT compiler thread the JVM stops within the window (it adds
 * and removes them as the compile queue grows and shrinks) moves its time into the rest.
 */
final class ProcessCpu {


    private final long appPid;
    private final long emulatorPid;
    private final long ticksPerSecond;

    /**
     * @param appPid the application server's process, or 0 when unknown.
     * @param emulatorPid the emulator server's process, or 0 when unknown.
     * @param ticksPerSecond the clock ticks of {@code /proc/PID/stat} ({@code getconf CLK_TCK}).
     */
    ProcessCpu(long appPid, long emulatorPid, long ticksPerSecond) {
        this.appPid = appPid;
        this.emulatorPid = emulatorPid;
        this.ticksPerSecond = ticksPerSecond;
    }

    /** @return whether the application server's CPU time is read at all. */
    boolean measuresApp() {
        return appPid > 0;
    }

    /** @return the application server's process, or 0. */
    long appPid() {
        return appPid;
    }

    /**
     * CPU times at one moment, in nanoseconds (-1 where unreadable), and the machine's jiffies.
     *
     * @param app the application server's JVM.
     * @param appJit the application server's JIT compiler threads.
     * @param appGc the application server's garbage collector and VM threads.
     * @param emulator the emulator's JVM.
     * @param self this JVM (the load generator).
     * @param machineTotal all jiffies of all CPUs.
     * @param machineIdle idle and iowait jiffies of all CPUs.
     */
    record Snapshot(long app, long appJit, long appGc, long emulator, long self, long machineTotal,
            long machineIdle) {
    }

    /**
     * What a window cost, in nanoseconds of CPU (-1 where unreadable), and the machine's busy share.
     *
     * @param app the application server's JVM, all its threads.
     * @param appJit of it, the JIT compilers.
     * @param appGc of it, the garbage collector and the VM thread.
     * @param emulator the emulator's JVM.
     * @param self this JVM.
     * @param machineBusy the busy share of all CPUs, from 0 to 1, or -1.
     */
    record Window(long app, long appJit, long appGc, long emulator, long self, double machineBusy) {

        /** @return the application server's threads that run Java code (all but the JIT and the GC), or -1. */
        long appJava() {
            return app < 0 || appJit < 0 || appGc < 0 ? -1 : app - appJit - appGc;
        }
    }

    /** @return the CPU times now. */
    Snapshot read() {
        long[] machine = machine();
        long[] threads = threads(appPid);
        return new Snapshot(process(appPid), threads[0], threads[1], process(emulatorPid), self(), machine[0],
                machine[1]);
    }

    /** @return what happened between two snapshots. */
    static Window between(Snapshot before, Snapshot after) {
        double busy = after.machineTotal() > before.machineTotal() && before.machineTotal() >= 0
                ? 1.0 - (double) (after.machineIdle() - before.machineIdle())
                        / (after.machineTotal() - before.machineTotal())
                : -1;
        return new Window(delta(before.app(), after.app()), delta(before.appJit(), after.appJit()),
                delta(before.appGc(), after.appGc()), delta(before.emulator(), after.emulator()),
                delta(before.self(), after.self()), busy);
    }

    private static long delta(long before, long after) {
        return before < 0 || after < 0 ? -1 : after - before;
    }

    private long process(long pid) {
        if (pid <= 0) {
            return -1;
        }
        try {
            return nanos(Files.readString(Path.of("/proc/" + pid + "/stat")));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** @return the JIT compiler threads' and the GC and VM threads' time of a process, or -1s. */
    private long[] threads(long pid) {
        long[] sums = {-1, -1};
        if (pid <= 0) {
            return sums;
        }
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/" + pid + "/task"))) {
            sums[0] = 0;
            sums[1] = 0;
            for (Path task : tasks) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException ended) {
                    continue;
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                    sums[0] += nanos(stat);
                } else if (name.startsWith("GC Thread") || name.startsWith("G1 ") || name.equals("VM Thread")) {
                    sums[1] += nanos(stat);
                }
            }
            return sums;
        } catch (IOException | RuntimeException e) {
            return new long[] {-1, -1};
        }
    }

    /** @return user and system time of a {@code stat} line, in nanoseconds. */
    private long nanos(String stat) {
        // The command name, in parentheses, may hold spaces: count the fields after its last ')'.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" +");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks * 1_000_000_000L / ticksPerSecond;
    }

    private static long self() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    /** @return total and idle jiffies of all CPUs, or -1s off Linux. */
    private static long[] machine() {
        long[] jiffies = MachineCpu.jiffies();
        return jiffies == null ? new long[] {-1, -1} : jiffies;
    }
}
