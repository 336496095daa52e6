package dev.mfastepup.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code bin/canary-check} on files: the search for secrets in logs (SEC-31). */
public final class CanaryCheck {

    private CanaryCheck() {
    }

    /**
     * What the check said.
     *
     * @param exitCode 0 when nothing was found, 1 when something was, 2 when a file is missing.
     * @param output what it printed: the lines found, or the summary.
     */
    public record Result(int exitCode, String output) {
    }

    /**
     * Checks files against every pattern.
     *
     * @param files the files.
     * @return the result.
     */
    public static Result run(Path... files) {
        List<String> command = new ArrayList<>(List.of("bash", "bin/canary-check"));
        for (Path file : files) {
            command.add(file.toAbsolutePath().toString());
        }
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
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
