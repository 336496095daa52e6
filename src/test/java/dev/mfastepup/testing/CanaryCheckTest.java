package dev.mfastepup.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SEC-31: the search for secrets in logs finds every kind the tests use, wherever it sits in a line (the fixed
 * markers and the values the tests record as they use them: typed codes, session ids, seeds, recovery codes), does
 * not take the random ids and numbers the logs do carry for one, counts log records by their level field, and
 * fails when a log it must read is missing; a check that could not fail would prove nothing.
 */
class CanaryCheckTest {

    /** One line per kind of secret, as a careless log line would hold it. */
    private static final List<String> SECRETS = List.of(
            "FINE mfa_token=MFATOK-CANARY-1 for flow x",
            "INFO token AT-CANARY-1 stored",
            "INFO refresh_token=RT-HTTP rotated",
            "FINE oob_code:OOB-GUARDIAN",
            "FINE id_token eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ4In0.c2ln",
            "FINE sealed eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..aXY.Y2lwaGVy.dGFn",
            "FINE seed JBSWY3DPEHPK3PXP",
            "FINE seed OTPSECRETCANARYQ",
            "FINE seed shown as OTPS ECRE TCAN ARYQ",
            "FINE recovery N3BGPZZWJ85JLCNPZBDW6QXC",
            "FINE recovery RCCANARY-2",
            "SEVERE key 9c4e1a7f03b85d26e9f14c7a02d8b36f5e17a9c40b2d86f3e1c57a09d4b8e26f",
            "SEVERE client secret it-client-secret",
            "FINE emu-mfa-0a1b2c emu-rt-0a1b2c emu-oob-0a1b2c emu-code-0a1b2c",
            "FINE Cookie: emulator_sso=emu-sso-Zx9QbC7uL0pW",
            "SEVERE sample-app-secret-not-for-production");

    /** Lines the logs do hold: flow ids and correlation ids may contain "eyJ" or "-AT-" by chance. */
    private static final List<String> HARMLESS = List.of(
            "INFO [c-0f3a9b2c4d5e] mfa.verified flow=QO4TeyJAKGIU4Kk15VAx0Q user=u-1a2b3c",
            "INFO mfa.started flow=Zx9-AT-QbC7uL0pW_e1sVt3 audience=https://api.example.com",
            "FINE [FINE] mfa-stepup configured for tenant.example.com",
            "WARNING Auth0 could not answer verifyOtp: SocketTimeoutException");

    /** Values as the tests record them ({@link Canaries}): a typed code, a session id, a seed, a recovery code. */
    private static final String RECORDED = """
            code\t482913
            code\t007150
            session\t7f3c9a1e0b2d4c6e8f0a1b3c5d7e9f21
            seed\tKVKFKRCPNZQUYMLX
            recovery\tQ7WZ2M8KLP4RTX9HB6DN3CYF
            """;

    /** One line per kind of recorded value, as a careless log line would hold it. */
    private static final List<String> RECORDED_SECRETS = List.of(
            "FINE verify code=482913 for flow x",
            "FINE grant_type=http://auth0.com/oauth/grant-type/mfa-otp&otp=482913&mfa_token=x",
            "FINE body {\"otp\": \"007150\"}",
            "FINE posted mfa%3Acode=482913&mfa%3Averify=x",
            "INFO MfaCode[code: 007150]",
            "FINE request with Cookie: JSESSIONID=7f3c9a1e0b2d4c6e8f0a1b3c5d7e9f21",
            "FINE session 7f3c9a1e0b2d4c6e8f0a1b3c5d7e9f21 replicated",
            "FINE enroll secret KVKFKRCPNZQUYMLX",
            "FINE page shows KVKF KRCP NZQU YMLX",
            "FINE recovery_code=Q7WZ2M8KLP4RTX9HB6DN3CYF",
            "FINE new recovery code Q7WZ 2M8K LP4R TX9H B6DN 3CYF");

    /**
     * Lines with the digits of a recorded code that are not that code: other numbers of a log, longer numbers,
     * and a code-like number that no test typed.
     */
    private static final List<String> UNRELATED_NUMBERS = List.of(
            "INFO Payara Micro ready in 482913 ms",
            "INFO [tid: _ThreadID=482913 _ThreadName=http-thread-pool::http-listener(4)] [timeMillis: 1796564905636]",
            "FINE org.example.Bean@482913 created",
            "INFO 482913 bytes, flow=x482913 id=482913a",
            "FINE code=4829130 is seven digits, code=1482913 too",
            "FINE status code=654321 answered",
            "FINE session s-7f3c9a1e0b2d seed u-0a1b2c3d4e5f");

    @TempDir
    Path directory;

    @Test
    void sec31EachKindOfSecretPlantedInALogIsFound() throws IOException {
        for (String line : SECRETS) {
            Path log = Files.writeString(directory.resolve("planted.log"), "INFO start\n" + line + "\nINFO end\n");

            CanaryCheck.Result check = CanaryCheck.run(log);

            assertEquals(1, check.exitCode(), line + " was not found: " + check.output());
            assertTrue(check.output().contains("2:" + line), check.output());
        }
    }

    @Test
    void sec31EachKindOfRecordedValuePlantedInALogIsFound() throws IOException {
        Path canaries = Files.writeString(directory.resolve("canaries.txt"), RECORDED);
        for (String line : RECORDED_SECRETS) {
            Path log = Files.writeString(directory.resolve("planted.log"), "INFO start\n" + line + "\nINFO end\n");

            CanaryCheck.Result check = CanaryCheck.run(List.of(canaries), log);

            assertEquals(1, check.exitCode(), line + " was not found: " + check.output());
            assertTrue(check.output().contains(":2:" + line), check.output());
            assertFalse(check.output().contains("INFO start") || check.output().contains("INFO end"), check.output());
        }
    }

    @Test
    void sec31ARecordedCodeIsFoundOnlyAsACodeNotAsAnyNumberWithItsDigits() throws IOException {
        Path canaries = Files.writeString(directory.resolve("canaries.txt"), RECORDED);
        Path log = Files.write(directory.resolve("numbers.log"), UNRELATED_NUMBERS);

        CanaryCheck.Result check = CanaryCheck.run(List.of(canaries), log);

        assertEquals(0, check.exitCode(), check.output());
        assertTrue(check.output().contains("2 recorded codes and 5 other recorded values"), check.output());
    }

    @Test
    void sec31LinesWithIdsThatLookLikeMarkersAreNotTakenForSecrets() throws IOException {
        Path log = Files.write(directory.resolve("clean.log"), HARMLESS);

        CanaryCheck.Result check = CanaryCheck.run(log);

        assertEquals(0, check.exitCode(), check.output());
        assertTrue(check.output().contains("4 lines, 0 records, 0 of them at FINE"), check.output());
    }

    @Test
    void sec31TheLevelCountReadsTheLevelFieldOfEachRecordInPayaraMicrosFormats() throws IOException {
        Path log = Files.writeString(directory.resolve("payara.log"),
                PayaraLogSamples.EVERY_FORMAT_WITH_LEVEL_WORDS_IN_MESSAGES);

        CanaryCheck.Result check = CanaryCheck.run(log);

        assertEquals(0, check.exitCode(), check.output());
        assertEquals(7, check.records(), check.output());
        assertEquals(4, check.fineRecords(), check.output());
    }

    @Test
    void sec31TheLevelCountReadsTheLevelFieldOfEachRecordInWildFlysServerLog() throws IOException {
        Path log = Files.writeString(directory.resolve("server.log"),
                WildFlyLogSamples.SERVER_LOG_WITH_LEVEL_WORDS_IN_MESSAGES);

        CanaryCheck.Result check = CanaryCheck.run(log);

        assertEquals(0, check.exitCode(), check.output());
        assertEquals(6, check.records(), check.output());
        assertEquals(3, check.fineRecords(), check.output());
    }

    @Test
    void sec31TheLevelCountReadsTheLevelFieldOfEachRecordInOpenLibertysMessagesLog() throws IOException {
        Path log = Files.writeString(directory.resolve("messages.log"),
                LibertyLogSamples.MESSAGES_LOG_WITH_LEVEL_WORDS_IN_MESSAGES);

        CanaryCheck.Result check = CanaryCheck.run(log);

        assertEquals(0, check.exitCode(), check.output());
        assertEquals(7, check.records(), check.output());
        assertEquals(3, check.fineRecords(), check.output());
    }

    @Test
    void sec31AMissingLogIsAnErrorNotAPass() throws IOException {
        Path log = Files.writeString(directory.resolve("written.log"), "INFO fine\n");

        assertEquals(2, CanaryCheck.run(directory.resolve("never-written.log")).exitCode());
        assertEquals(2, CanaryCheck.run(log, directory.resolve("never-written.log")).exitCode());
        assertEquals(2, CanaryCheck.run(List.of(directory.resolve("never-recorded.txt")), log).exitCode());
        assertEquals(2, CanaryCheck.run(List.of()).exitCode(), "no log named");
    }

    @Test
    void sec31AfterTheWholeSuiteEveryLogIsRequiredTheClusterTheHttpsServerAndTheSampleToo() throws IOException {
        Path project = directory.resolve("project");
        Files.createDirectories(project.resolve("bin"));
        Files.copy(Path.of("bin", "canary-check"), project.resolve("bin/canary-check"));
        List<String> suite = List.of("target/failsafe-reports/dev.mfastepup.it.StepUpIT-output.txt",
                "target/canaries/canaries-1.txt", "webapp-sample/target/canaries/canaries-2.txt",
                "webapp-sample/target/e2e/payara.log", "target/cluster/server-1.log", "target/cluster/server-2.log",
                "target/https/server.log");
        for (String file : suite) {
            Files.createDirectories(project.resolve(file).getParent());
            Files.writeString(project.resolve(file), file.contains("canaries") ? RECORDED : "INFO clean\n");
        }
        assertEquals(0, CanaryCheck.runInProject(project).exitCode(), CanaryCheck.runInProject(project).output());

        for (String file : suite) {
            Path moved = Files.move(project.resolve(file), directory.resolve("aside"));

            CanaryCheck.Result check = CanaryCheck.runInProject(project);

            assertEquals(2, check.exitCode(), file + " is missing: " + check.output());
            Files.move(moved, project.resolve(file));
        }
    }
}
