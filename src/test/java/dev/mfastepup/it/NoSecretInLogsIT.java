package dev.mfastepup.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mfastepup.testing.CanaryCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * SEC-31, run last of the integration tests (failsafe orders the classes by {@link Order}): after every other test
 * stepped up, failed, was refused and was attacked, the server log, written with the module at {@code FINEST},
 * holds no token, code, seed or secret of any test. {@code bin/canary-check} does the search, with the patterns it
 * applies to every log after the whole suite (the two cluster servers' and the sample's as well).
 */
@Order(Integer.MAX_VALUE)
class NoSecretInLogsIT {

    @Test
    void sec31AfterEveryOtherTestTheServerLogAtFinestHoldsNoSecret() throws IOException {
        assumeTrue(ServerLog.length() > 0, "only meaningful after the other integration tests, in the same run");
        String log = ServerLog.text();
        Path copy = Path.of("target", "sec31-server.log");
        Files.writeString(copy, log);

        // The two servers of ClusterIT write their own logs.
        Path[] logs = Stream.concat(Stream.of(copy), Stream.of("server-1.log", "server-2.log")
                .map(Path.of("target", "cluster")::resolve).filter(Files::isRegularFile)).toArray(Path[]::new);

        CanaryCheck.Result check = CanaryCheck.run(logs);

        assertTrue(log.contains("mfa-stepup configured"), "the copy holds the server log");
        assertTrue(log.lines().filter(line -> line.contains("FINE")).count() > 0, "the module logged at FINE");
        assertEquals(0, check.exitCode(), check.output());
        System.err.println("[sec31] " + check.output().strip());
    }
}
