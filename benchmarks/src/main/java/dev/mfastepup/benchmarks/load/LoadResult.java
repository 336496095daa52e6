package dev.mfastepup.benchmarks.load;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * What one load measured, and its rows for the results.
 *
 * @param vus virtual users.
 * @param windowNanos the measured window.
 * @param timings the journeys that ended in it.
 * @param failures failed journeys by kind.
 * @param emulator the emulator's own time per endpoint over the window.
 * @param usersCreatedWhileMeasuring users the emulator was asked for inside the window.
 * @param prepared how the users were signed in before the window, or {@code null} when each journey signed in.
 * @param cpu the CPU time the window cost, or {@code null} when not read.
 * @param shares the application server's execution samples by part, or {@code null} when not profiled.
 */
record LoadResult(int vus, long windowNanos, List<StepUpJourney.Timing> timings, Map<String, Long> failures,
        Map<String, EmulatorHooks.Timing> emulator, long usersCreatedWhileMeasuring, Prepared prepared,
        ProcessCpu.Window cpu, ExecutionProfile.Shares shares) {

    /** The emulator endpoints a step-up calls after the login; their time is the emulator's share of it. */
    private static final Set<String> STEP_UP_ENDPOINTS = Set.of("/oauth/token refresh_token", "/mfa/authenticators",
            "/mfa/challenge", "/oauth/token mfa-otp");

    /**
     * The sign-ins before the window.
     *
     * @param sessions sessions signed in for this load (warm-up and window).
     * @param signInSeconds how long signing them in took.
     * @param signInFailures sign-ins that failed (and were made again with another user).
     * @param warmupRate step-ups per second at the end of the warm-up, which sized the window's sessions.
     * @param leadInSeconds how long the users stepped up before the window opened.
     * @param cut whether the window ended early because every signed-in session had stepped up.
     */
    record Prepared(long sessions, double signInSeconds, long signInFailures, double warmupRate,
            double leadInSeconds, boolean cut) {
    }

    int completed() {
        return timings.size();
    }

    long failed() {
        return failures.values().stream().mapToLong(Long::longValue).sum();
    }

    long leaks() {
        return failures.entrySet().stream().filter(e -> e.getKey().startsWith("LEAK"))
                .mapToLong(Map.Entry::getValue).sum();
    }

    double perSecond() {
        return completed() / (windowNanos / 1e9);
    }

    /** @return the emulator's own time in the step-up endpoints, per completed step-up (verify grants). */
    double emulatorMillisPerStepUp() {
        long verifies = emulator.getOrDefault("/oauth/token mfa-otp", new EmulatorHooks.Timing(0, 0)).requests();
        long nanos = emulator.entrySet().stream().filter(e -> STEP_UP_ENDPOINTS.contains(e.getKey()))
                .mapToLong(e -> e.getValue().nanos()).sum();
        return verifies == 0 ? Double.NaN : nanos / 1e6 / verifies;
    }

    double meanStepUpMillis() {
        return timings.stream().mapToLong(StepUpJourney.Timing::stepUp).average().orElse(Double.NaN) / 1e6;
    }

    /** @return CPU milliseconds per completed step-up, or NaN. */
    double perStepUpMillis(long cpuNanos) {
        return cpuNanos < 0 || completed() == 0 ? Double.NaN : cpuNanos / 1e6 / completed();
    }

    /** @return the module's and the pages' share of the application server's samples, or NaN. */
    double moduleAndPagesShare() {
        return shares == null ? Double.NaN : shares.share("module") + shares.share("pages");
    }

    /**
     * The row of the throughput table. Its ninth column holds the whole journey's percentiles when each journey
     * signed in, and the sign-ins before the window otherwise.
     */
    String row() {
        double emulatorMillis = emulatorMillisPerStepUp();
        double share = 1 - emulatorMillis / meanStepUpMillis();
        String ninth = prepared == null ? percentiles(StepUpJourney.Timing::total)
                : String.format(Locale.ROOT, "%d in %.0f s%s", prepared.sessions(), prepared.signInSeconds(),
                        prepared.cut() ? "; all used: window cut" : "");
        return String.format(Locale.ROOT, "| %d | %.1f s | %d | %.1f | %d | %d | %s | %.1f | %s | %.1f | %.0f %% | %s |",
                vus, windowNanos / 1e9, completed(), perSecond(), failed(), leaks(),
                percentiles(StepUpJourney.Timing::stepUp), meanStepUpMillis(), ninth, emulatorMillis, share * 100,
                failures.isEmpty() ? "none" : failures.toString().replace("|", "/"));
    }

    /** @return the module's and the pages' CPU per step-up: the sample JVM's Java threads times their share. */
    double moduleAndPagesMillis() {
        return cpu == null ? Double.NaN : perStepUpMillis(cpu.appJava()) * moduleAndPagesShare();
    }

    /**
     * The row of the CPU table, in ms per step-up: virtual users, step-ups, the sample's JVM (all threads; the JIT;
     * the GC and VM; the Java threads), the module and pages, the emulator's JVM, the load generator; how busy the
     * machine was; the profile's parts.
     */
    String cpuRow() {
        String parts = "-";
        String moduleAndPages = millis(moduleAndPagesMillis());
        if (shares != null && shares.total() > 0) {
            StringBuilder text = new StringBuilder();
            for (String part : ExecutionProfile.PARTS) {
                text.append(text.length() == 0 ? "" : ", ").append(part).append(' ')
                        .append(String.format(Locale.ROOT, "%.1f %%", shares.share(part) * 100));
            }
            parts = text + String.format(Locale.ROOT, " (%d samples)", shares.total());
            // The share's 95 % interval from the number of samples (normal approximation of the binomial).
            double p = moduleAndPagesShare();
            double half = 1.96 * Math.sqrt(p * (1 - p) / shares.total());
            double java = cpu == null ? Double.NaN : perStepUpMillis(cpu.appJava());
            moduleAndPages = "**" + moduleAndPages + "**" + String.format(Locale.ROOT, " (%s to %s)",
                    millis(java * Math.max(0, p - half)), millis(java * Math.min(1, p + half)));
        }
        if (cpu == null) {
            return String.format(Locale.ROOT, "| %d | %d | - | - | - | - | - | - | - | - | %s |", vus, completed(), parts);
        }
        return String.format(Locale.ROOT, "| %d | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s |", vus,
                completed(), millis(perStepUpMillis(cpu.app())), millis(perStepUpMillis(cpu.appJit())),
                millis(perStepUpMillis(cpu.appGc())), millis(perStepUpMillis(cpu.appJava())),
                moduleAndPages, millis(perStepUpMillis(cpu.emulator())),
                millis(perStepUpMillis(cpu.self())),
                cpu.machineBusy() < 0 ? "-" : String.format(Locale.ROOT, "%.0f %%", cpu.machineBusy() * 100), parts);
    }

    private static String millis(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.2f", value);
    }

    String describe() {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "%d virtual users, %.1f s: %d step-ups (%.1f/s), %d failed, "
                + "%d leaks%n", vus, windowNanos / 1e9, completed(), perSecond(), failed(), leaks()));
        text.append("  step-up p50/p95/p99 ms: ").append(percentiles(StepUpJourney.Timing::stepUp))
                .append(String.format(Locale.ROOT, " (mean %.1f)%n", meanStepUpMillis()));
        if (prepared == null) {
            text.append("  login p50/p95/p99 ms: ").append(percentiles(StepUpJourney.Timing::login)).append('\n');
            text.append("  journey p50/p95/p99 ms: ").append(percentiles(StepUpJourney.Timing::total)).append('\n');
        } else {
            text.append(String.format(Locale.ROOT, "  signed in before the window: %d sessions in %.1f s (%d"
                    + " sign-ins failed and were made again); warm-up rate %.1f/s; lead-in %.1f s%s%n",
                    prepared.sessions(), prepared.signInSeconds(), prepared.signInFailures(), prepared.warmupRate(),
                    prepared.leadInSeconds(), prepared.cut() ? "; the window ended early: every session had"
                            + " stepped up" : ""));
        }
        text.append(String.format(Locale.ROOT, "  emulator ms per step-up: %.2f; users made while measuring: %d%n",
                emulatorMillisPerStepUp(), usersCreatedWhileMeasuring));
        if (cpu != null) {
            text.append(String.format(Locale.ROOT, "  CPU ms per step-up: sample JVM %s (JIT %s, GC and VM %s, Java"
                    + " threads %s; module and pages %s), emulator JVM %s, load generator %s; machine busy %.0f %%%n",
                    millis(perStepUpMillis(cpu.app())), millis(perStepUpMillis(cpu.appJit())),
                    millis(perStepUpMillis(cpu.appGc())), millis(perStepUpMillis(cpu.appJava())),
                    millis(moduleAndPagesMillis()), millis(perStepUpMillis(cpu.emulator())),
                    millis(perStepUpMillis(cpu.self())), cpu.machineBusy() * 100));
        }
        if (shares != null) {
            text.append("  profile of the sample JVM: ").append(shares.samples()).append(", ")
                    .append(shares.truncated()).append(" truncated stacks\n");
            shares.moduleMethods().entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(12)
                    .forEach(m -> text.append(String.format(Locale.ROOT, "    %6d  %s%n", m.getValue(), m.getKey())));
        }
        emulator.forEach((key, timing) -> text.append(String.format(Locale.ROOT,
                "  emulator %-32s %7d requests, %8.2f ms mean%n", key, timing.requests(),
                timing.requests() == 0 ? 0 : timing.nanos() / 1e6 / timing.requests())));
        failures.forEach((what, count) -> text.append("  failed: ").append(count).append(" × ").append(what)
                .append('\n'));
        return text.toString();
    }

    private String percentiles(ToLongFunction<StepUpJourney.Timing> part) {
        long[] values = timings.stream().mapToLong(part).sorted().toArray();
        if (values.length == 0) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.0f / %.0f / %.0f", at(values, 0.50), at(values, 0.95),
                at(values, 0.99));
    }

    private static double at(long[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }
}
