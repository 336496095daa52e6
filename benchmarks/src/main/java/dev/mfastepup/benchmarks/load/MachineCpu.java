package dev.mfastepup.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's CPU time so far, from {@code /proc/stat}, for how busy it was over a window. */
public final class MachineCpu {

    private static final Path STAT = Path.of("/proc/stat");

    private MachineCpu() {
    }

    /** @return total and idle (idle + iowait) jiffies of all CPUs, or {@code null} off Linux. */
    public static long[] jiffies() {
        try {
            for (String line : Files.readAllLines(STAT)) {
                if (line.startsWith("cpu ")) {
                    String[] fields = line.trim().split(" +");
                    long total = 0;
                    for (int i = 1; i < fields.length && i <= 8; i++) {
                        total += Long.parseLong(fields[i]);
                    }
                    return new long[] {total, Long.parseLong(fields[4]) + Long.parseLong(fields[5])};
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }
}
