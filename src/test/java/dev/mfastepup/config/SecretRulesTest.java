package dev.mfastepup.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * SEC-02: what is wrong with a secret is said in words an operator can act on, never quoting the secret, at the
 * edge of each rule: 32 bytes, 8 distinct characters, no placeholder.
 */
class SecretRulesTest {

    @ParameterizedTest(name = "{index}: {1}")
    @CsvSource(delimiterString = " -> ", nullValues = "NULL", value = {
        "NULL -> is null or blank",
        "'   ' -> is null or blank",
        "abcdefgh12345678abcdefgh1234567 -> is shorter than 32 bytes",
        "abcdefgh-CHANGEME-abcdefgh-12345678 -> looks like a placeholder or has too few distinct characters",
        "abcdefgabcdefgabcdefgabcdefgabcdefg -> looks like a placeholder or has too few distinct characters",
    })
    void aSecretThatBreaksARuleIsRefusedWithTheRuleItBreaks(String secret, String problem) {
        assertEquals(Optional.of(problem), SecretRules.problem(secret));
    }

    @Test
    void aSecretAtTheEdgeOfEveryRuleIsUsable() {
        // 32 bytes, 8 distinct characters, no placeholder
        assertEquals(Optional.empty(), SecretRules.problem("abcdefghabcdefghabcdefghabcdefgh"));
        // 31 ASCII characters and one of two bytes: 33 bytes
        assertEquals(Optional.empty(), SecretRules.problem("abcdefghabcdefghabcdefghabcdefg\u00e9"));
    }
}
