package dev.mfastepup.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.mfastepup.ErrorCodes;
import dev.mfastepup.MfaException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Domain resolution for several tenants or custom domains, as the Python SDK's callable domain (§4.9). */
class TenantDomainsTest {

    private final HttpServletRequest request = mock(HttpServletRequest.class);

    @Test
    void resolveWhenNoResolverThenConfiguredDomain() {
        // PY-MC-01
        assertEquals("auth0.local", new TenantDomains("auth0.local", null).resolve(request));
    }

    @Test
    void resolveWhenResolverThenItsNormalizedAnswerFromTheRequest() {
        // PY-MC-02, PY-MC-08: the resolver sees the request
        when(request.getServerName()).thenReturn("app.example.com");
        AtomicReference<HttpServletRequest> seen = new AtomicReference<>();
        TenantDomains domains = new TenantDomains("auth0.local", r -> {
            seen.set(r);
            return "https://Tenant-A.auth0.local/";
        });

        assertEquals("tenant-a.auth0.local", domains.resolve(request));
        assertSame(request, seen.get());
    }

    @Test
    void resolveWhenResolverReturnsNullThenDomainResolverError() {
        // PY-MC-03
        MfaException e = assertThrows(MfaException.class, () -> new TenantDomains("d", r -> null).resolve(request));
        assertEquals(ErrorCodes.DOMAIN_RESOLVER_ERROR, e.code());
        assertTrue(e.getMessage().contains("returned null"));
    }

    @Test
    void resolveWhenResolverReturnsBlankThenDomainResolverError() {
        // PY-MC-04
        MfaException e = assertThrows(MfaException.class, () -> new TenantDomains("d", r -> "   ").resolve(request));
        assertTrue(e.getMessage().contains("empty string"));
    }

    @Test
    void resolveWhenResolverReturnsNoHostThenDomainResolverError() {
        // PY-MC-05 (Java's types rule out a non-string; a string that is no host is the equivalent)
        MfaException e = assertThrows(MfaException.class,
                () -> new TenantDomains("d", r -> "evil.example/steal?x=").resolve(request));
        assertEquals(ErrorCodes.DOMAIN_RESOLVER_ERROR, e.code());
    }

    @Test
    void resolveWhenResolverThrowsThenWrappedWithTheOriginalAsCause() {
        // PY-MC-06
        RuntimeException dns = new IllegalStateException("DNS lookup failed");

        MfaException e = assertThrows(MfaException.class, () -> new TenantDomains("d", r -> {
            throw dns;
        }).resolve(request));

        assertEquals(ErrorCodes.DOMAIN_RESOLVER_ERROR, e.code());
        assertSame(dns, e.getCause());
    }
}
