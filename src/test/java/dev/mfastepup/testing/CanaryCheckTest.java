package dev.mfastepup.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SEC-31: the search for secrets in logs finds every kind the tests use, wherever it sits in a line, and does not
 * take the random ids the logs do carry for one; a check that could not fail would prove nothing.
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
            "SEVERE sample-app-secret-not-for-production");

    /** Lines the logs do hold: flow ids and correlation ids may contain "eyJ" or "-AT-" by chance. */
    private static final List<String> HARMLESS = List.of(
            "INFO [c-0f3a9b2c4d5e] mfa.verified flow=QO4TeyJAKGIU4Kk15VAx0Q user=u-1a2b3c",
            "INFO mfa.started flow=Zx9-AT-QbC7uL0pW_e1sVt3 audience=https://api.example.com",
            "FINE [FINE] mfa-stepup configured for tenant.example.com",
            "WARNING Auth0 could not answer verifyOtp: SocketTimeoutException");

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
    void sec31LinesWithIdsThatLookLikeMarkersAreNotTakenForSecrets() throws IOException {
        Path log = Files.write(directory.resolve("clean.log"), HARMLESS);

        CanaryCheck.Result check = CanaryCheck.run(log);

        assertEquals(0, check.exitCode(), check.output());
        assertTrue(check.output().contains("4 lines, 1 of them at FINE"), check.output());
    }

    @Test
    void sec31AMissingLogIsAnErrorNotAPass() {
        CanaryCheck.Result check = CanaryCheck.run(directory.resolve("never-written.log"));

        assertEquals(2, check.exitCode(), check.output());
    }
}
