package dev.mfastepup.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.mfastepup.TestConfigs;
import org.junit.jupiter.api.Test;

/** The Rest Client of each tenant, built once per base URL. */
class TenantRestClientsTest {

    @Test
    void baseUriWhenConfiguredThenThatForEveryTenant() {
        try (TenantRestClients clients = new TenantRestClients(TestConfigs.config("http://127.0.0.1:8089/"))) {
            assertEquals("http://127.0.0.1:8089/", clients.baseUri("a.example.com").toString());
            assertEquals("http://127.0.0.1:8089/", clients.baseUri("b.example.com").toString());
        }
    }

    @Test
    void apiWhenSameBaseUrlThenTheSameClient() {
        try (TenantRestClients clients = new TenantRestClients(TestConfigs.config("http://127.0.0.1:8089/"))) {
            assertSame(clients.api("a.example.com"), clients.api("b.example.com"));
        }
    }

    @Test
    void apiWhenEachTenantItsOwnBaseUrlThenOneClientEach() {
        MfaStepUpConfigHolder.withoutBaseUrl(config -> {
            try (TenantRestClients clients = new TenantRestClients(config)) {
                assertEquals("https://a.example.com/", clients.baseUri("a.example.com").toString());
                Auth0AuthenticationApi a = clients.api("a.example.com");

                assertSame(a, clients.api("a.example.com"));
                assertNotSame(a, clients.api("b.example.com"));
            }
        });
    }

    @Test
    void apiWhenMoreTenantsThanKeptThenBuiltAfresh() {
        MfaStepUpConfigHolder.withoutBaseUrl(config -> {
            try (TenantRestClients clients = new TenantRestClients(config)) {
                Auth0AuthenticationApi first = clients.api("t0.example.com");
                for (int i = 1; i < TenantRestClients.MAX_CACHED_TENANTS; i++) {
                    clients.api("t" + i + ".example.com");
                }
                assertSame(first, clients.api("t0.example.com"), "still kept");

                clients.api("one-too-many.example.com");

                assertNotSame(first, clients.api("t0.example.com"));
            }
        });
    }

    @Test
    void closeWhenClosedThenAClientIsBuiltAfreshIfAskedAgain() {
        TenantRestClients clients = new TenantRestClients(TestConfigs.config("http://127.0.0.1:8089/"));
        Auth0AuthenticationApi before = clients.api("a.example.com");

        clients.close();

        assertNotSame(before, clients.api("a.example.com"));
        clients.close();
    }
}
