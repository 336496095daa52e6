package dev.mfastepup.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs {@code bin/canary-check} on files: the search for secrets in logs (SEC-31). */
public final class CanaryCheck {

    private CanaryCheck() {
    }

    /** The summary's figures: lines, records, and records at FINE or finer. */
    private static final Pattern SUMMARY = Pattern.compile("\\((\\d+) lines, (\\d+) records, (\\d+) of them at FINE");

    /**
     * What the check said.
     *
     * @param exitCode 0 when nothing was found, 1 when something was, 2 when a file is missing.
     * @param output what it printed: the lines found, or the summary.
     */
    public record Result(int exitCode, String output) {

        /** @return how many log records the check read, by their level field; fails without a summary. */
        public long records() {
            return figure(2);
        }

        /** @return how many of them are at FINE, FINER or FINEST; fails without a summary. */
        public long fineRecords() {
            return figure(3);
        }

        private long figure(int group) {
            Matcher summary = SUMMARY.matcher(output);
            if (!summary.find()) {
                throw new AssertionError("bin/canary-check gave no summary: " + output);
            }
            return Long.parseLong(summary.group(group));
        }
    }

    /**
     * Checks files against every fixed pattern.
     *
     * @param files the files.
     * @return the result.
     */
    public static Result run(Path... files) {
        return run(List.of(), files);
    }

    /**
     * Checks logs against every fixed pattern and the values the tests recorded ({@link Canaries}).
     *
     * @param canaries files of recorded values, one {@code kind<TAB>value} a line.
     * @param logs the logs.
     * @return the result.
     */
    public static Result run(List<Path> canaries, Path... logs) {
        List<String> command = new ArrayList<>(List.of("bash", "bin/canary-check"));
        for (Path file : canaries) {
            command.add("--canaries");
            command.add(file.toAbsolutePath().toString());
        }
        command.add("--");
        for (Path file : logs) {
            command.add(file.toAbsolutePath().toString());
        }
        return exec(command, null);
    }

    /**
     * Runs a copy of the check without arguments, as {@code bin/test} does after the whole suite.
     *
     * @param project a directory with {@code bin/canary-check} and the suite's {@code target} directories.
     * @return the result.
     */
    public static Result runInProject(Path project) {
        return exec(List.of("bash", project.resolve("bin/canary-check").toString()), project);
    }

    private static Result exec(List<String> command, Path directory) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            if (directory != null) {
                builder.directory(directory.toFile());
            }
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("bin/canary-check did not end");
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new AssertionError("bin/canary-check could not run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
