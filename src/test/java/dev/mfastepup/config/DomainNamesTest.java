package dev.mfastepup.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class DomainNamesTest {

    @Test
    void normalizeWhenSchemeCaseAndSlashThenBareLowerCaseHost() {
        // PY: normalised https/lowercase/no trailing slash before comparing domains
        assertEquals(Optional.of("tenant.eu.auth0.com"), DomainNames.normalize(" https://Tenant.EU.auth0.com/ "));
        assertEquals(Optional.of("localhost:8080"), DomainNames.normalize("localhost:8080"));
    }

    @Test
    void normalizeWhenNotAHostThenEmpty() {
        assertTrue(DomainNames.normalize(null).isEmpty());
        assertTrue(DomainNames.normalize("").isEmpty());
        assertTrue(DomainNames.normalize("evil.com/path").isEmpty());
        assertTrue(DomainNames.normalize("evil.com@good.com").isEmpty());
        assertTrue(DomainNames.normalize("http://tenant.auth0.com").isEmpty());
    }
}
